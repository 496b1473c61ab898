import { afterEach, describe, expect, it } from "vitest";
import { addPlay } from "../fakes/plex/index.js";
import type { RunResult } from "../fakes/stash/process.js";
import { IMPORT_TASK, OWNER_PLAYS, out, rk, seedPlays, stashPlays } from "./import.helpers.js";
import { startWorld, type World } from "./world.js";

let world: World | null = null;
afterEach(async () => {
  await world?.stop();
  world = null;
});

const DAY = 86_400;

describe("Import from Plex: overlapping runs, late rows, Plex's clock", () => {
  it("an import started while another is sending does nothing; each play lands once", async () => {
    world = await startWorld({ scenes: 2, settings: { import_plays: true } });
    const w = world;
    seedPlays(w);
    const overlapping: RunResult[] = [];
    w.stash.intercept(async (operation, at) => {
      if (overlapping.length > 0 || operation !== "Stash2PlexAddPlays" || at !== "before") return;
      // Runs to its end while the first import holds its plays, unsent.
      overlapping.push(await w.runner.runTask(IMPORT_TASK));
    });
    const first = await w.runner.runTask(IMPORT_TASK);
    expect(first.error).toBeNull();
    expect(out(first).report?.playsAdded).toBe(3);
    const [second] = overlapping;
    expect(second?.error).toBeNull();
    expect(second && out(second).outcome).toBe("busy");
    expect(second && out(second).lines[0]).toContain("Another import from Plex is running");
    expect(stashPlays(w, "1")).toEqual(OWNER_PLAYS);
  });

  it("a Plex clock years ahead of ours, and a row Plex writes late (older than the newest imported), each land once", async () => {
    world = await startWorld({ scenes: 2, settings: { import_plays: true } });
    const w = world;
    const future = Math.floor(Date.now() / 1000) + 3 * 365 * DAY;
    addPlay(w.plex.state, { ratingKey: rk("1"), viewedAt: future });
    await w.runner.runTask(IMPORT_TASK);
    expect(stashPlays(w, "1")).toEqual([future]);
    // An offline device syncs a play of two days before the newest one already imported.
    addPlay(w.plex.state, { ratingKey: rk("2"), viewedAt: future - 2 * DAY });
    const late = await w.runner.runTask(IMPORT_TASK);
    expect(out(late).report).toMatchObject({ playsAdded: 1, playsSkipped: 1 });
    expect(stashPlays(w, "2")).toEqual([future - 2 * DAY]);
    await w.runner.runTask(IMPORT_TASK);
    expect(stashPlays(w, "1")).toEqual([future]);
    expect(stashPlays(w, "2")).toEqual([future - 2 * DAY]);
  });
});
