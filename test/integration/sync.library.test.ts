import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import type { FakeScene } from "../fakes/stash/index.js";
import { ratingKeyOf, syncNow } from "./sync.helpers.js";
import { PLEX_TOKEN, startWorld, type World } from "./world.js";

let world: World | null = null;
afterEach(async () => {
  await world?.stop();
  world = null;
});

interface ItemView {
  title: string | null;
  summary: string | null;
  tagline: string | null;
  studio: string | null;
  originallyAvailableAt: string | null;
  Genre: string[];
  Role: string[];
  Collection: string[];
  locked: string[];
}

type Json = Record<string, unknown>;
const names = (list: unknown) =>
  ((list as Array<{ tag: string }> | undefined) ?? []).map((t) => t.tag).sort();

/** The parts of a `GET /library/metadata/{rk}` answer the sync owns, as in metadata-after-edits.json. */
function viewOf(metadata: Json): ItemView {
  const text = (key: string) => (typeof metadata[key] === "string" ? (metadata[key] as string) : null);
  return {
    title: text("title"),
    summary: text("summary"),
    tagline: text("tagline"),
    studio: text("studio"),
    originallyAvailableAt: text("originallyAvailableAt"),
    Genre: names(metadata.Genre),
    Role: names(metadata.Role),
    Collection: names(metadata.Collection),
    locked: ((metadata.Field as Array<{ name: string; locked: boolean }> | undefined) ?? [])
      .filter((f) => f.locked)
      .map((f) => f.name)
      .sort(),
  };
}

async function plexItem(w: World, ratingKey: string): Promise<Json> {
  const response = await fetch(`${w.plex.url}/library/metadata/${ratingKey}`, {
    headers: { Accept: "application/json", "X-Plex-Token": PLEX_TOKEN },
  });
  const body = (await response.json()) as { MediaContainer: { Metadata: Json[] } };
  return body.MediaContainer.Metadata[0]!;
}

/** What the item must look like after a full sync, worked out from the Stash scene alone. */
function expectedView(w: World, scene: FakeScene): ItemView {
  const state = w.stash.state;
  const studio = scene.studioId ? (state.studios.get(scene.studioId)?.name ?? null) : null;
  const view: ItemView = {
    title: scene.title,
    summary: scene.details,
    tagline: scene.code,
    studio,
    originallyAvailableAt: scene.date,
    Genre: scene.tagIds.map((id) => state.tags.get(id)!.name).sort(),
    Role: scene.performerIds.map((id) => state.performers.get(id)!.name).sort(),
    Collection: studio ? [studio] : [],
    locked: [],
  };
  const written: Array<[string, unknown]> = [
    ["title", view.title],
    ["summary", view.summary],
    ["tagline", view.tagline],
    ["studio", view.studio],
    ["originallyAvailableAt", view.originallyAvailableAt],
    ["genre", view.Genre.length],
    ["actor", view.Role.length],
    ["collection", view.Collection.length],
  ];
  // Every written field is locked; the uploaded poster and background lock thumb and art.
  view.locked = [...written.filter(([, v]) => v).map(([k]) => k), "art", "thumb"].sort();
  return view;
}

describe("a full sync of a seeded library", () => {
  it("leaves every Plex item equal to the state worked out from Stash", async () => {
    world = await startWorld({ scenes: 24 });
    const scenes = [...world.stash.state.scenes.values()];
    await syncNow(
      world,
      scenes.map((s) => s.id),
    );
    for (const scene of scenes) {
      const view = viewOf(await plexItem(world, ratingKeyOf(scene.id)));
      expect(view, `scene ${scene.id}`).toEqual(expectedView(world, scene));
    }
  });

  it("reads back in the recorded Plex shape (metadata-after-edits.json)", async () => {
    world = await startWorld({ scenes: 1, settings: { sync_poster: false, sync_background: false } });
    const fixture = JSON.parse(
      readFileSync(
        new URL("../../../shared/plex-fixtures/metadata-after-edits.json", import.meta.url),
        "utf8",
      ),
    ) as { MediaContainer: { Metadata: Json[] } };
    const recorded = fixture.MediaContainer.Metadata[0]!;
    const state = world.stash.state;
    state.updateScene("1", {
      title: recorded.title as string,
      details: recorded.summary as string,
      code: recorded.tagline as string,
      date: recorded.originallyAvailableAt as string,
      studioId: state.studioNamed(recorded.studio as string).id,
      tagIds: names(recorded.Genre).map((n) => state.tagNamed(n).id),
      performerIds: names(recorded.Role).map((n) => state.performerNamed(n).id),
    });
    await syncNow(world, ["1"]);
    const view = viewOf(await plexItem(world, ratingKeyOf("1")));
    const want = viewOf(recorded);
    // The fixture also locks titleSort and the images, which this sync does not touch here.
    want.locked = want.locked.filter((f) => !["titleSort", "thumb", "art"].includes(f));
    expect(view).toEqual(want);
  });
});
