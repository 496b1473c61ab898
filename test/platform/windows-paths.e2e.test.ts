import { afterEach, describe, expect, it } from "vitest";
import { shapeScene, syncNow } from "../integration/sync.helpers.js";
import { startWorld, type World } from "../integration/world.js";

let world: World | null = null;
afterEach(async () => {
  await world?.stop();
  world = null;
});

const SIZE = 7_654_321;

/**
 * Scene 1 holds `stashPath`; Plex holds two same-named, same-sized items (501 under A, 502 under B) at
 * `plexRoot` in Plex's own path style, so only the path map can tell them apart.
 */
async function twinWorld(stashPath: string, plexA: string, plexB: string, pathMap: string) {
  const w = await startWorld({
    scenes: 1,
    inPlex: () => false,
    settings: { sync_poster: false, sync_background: false, path_map: pathMap },
  });
  const file = w.stash.state.files.get(w.stash.state.scenes.get("1")?.fileIds[0] ?? "");
  if (!file) throw new Error("seeded scene has no file");
  file.path = stashPath;
  file.basename = "Night Walk.mp4";
  file.size = SIZE;
  shapeScene(w, "1", { title: "Night Walk", studio: "Dusk" });
  w.plex.addItem({ ratingKey: "501", title: "Twin A", file: plexA, size: SIZE });
  w.plex.addItem({ ratingKey: "502", title: "Twin B", file: plexB, size: SIZE });
  return w;
}

describe("Windows-style paths on the Plex side, end to end", () => {
  it.each([
    [
      "POSIX Stash → Plex on Windows (drive letter)",
      "/stash/videos/B/Night Walk.mp4",
      "E:\\Plex\\Videos",
      "/stash/videos => E:\\Plex\\Videos",
    ],
    [
      "Windows Stash (drive letter) → Plex UNC share",
      "C:\\Stash\\Videos\\B\\Night Walk.mp4",
      "\\\\server\\media\\Videos",
      "c:\\stash\\videos => \\\\server\\media\\Videos",
    ],
    [
      "UNC Stash → UNC Plex (other host)",
      "\\\\nas\\share\\B\\Night Walk.mp4",
      "\\\\PLEXBOX\\share",
      "\\\\nas\\share => \\\\PLEXBOX\\share",
    ],
  ])("%s: the mapped path picks the right one of two twins", async (_name, stashPath, plexRoot, pathMap) => {
    world = await twinWorld(
      stashPath,
      `${plexRoot}\\A\\Night Walk.mp4`,
      `${plexRoot}\\B\\Night Walk.mp4`,
      pathMap,
    );
    await syncNow(world, ["1"]);
    expect(world.plex.item("502").values.title).toBe("Night Walk");
    expect(world.plex.item("501").values.title).toBe("Twin A");
  });
});
