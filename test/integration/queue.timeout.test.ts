import { afterEach, describe, expect, it } from "vitest";
import {
  editTitle,
  listByClass,
  ratingKeyOf,
  readStore,
  sceneStatus,
  startQueueWorld,
  summary,
} from "./queue.helpers.js";
import { eventually, type World } from "./world.js";

/** The timeout class end to end (its own file: two read timeouts of 5 s, the setting's minimum). */
let world: World | null = null;
afterEach(async () => {
  await world?.stop();
  world = null;
});

const NO_IMAGES = { sync_poster: false, sync_background: false };

describe("timeouts and skip_not_found as the UI operations report them (bundled script)", () => {
  it("timeout (Plex never answers within read_timeout) retries then dead-letters; not found is dropped under skip_not_found", async () => {
    world = await startQueueWorld({
      scenes: 2,
      inPlex: (id) => id !== "2",
      settings: { ...NO_IMAGES, max_retries: 2, read_timeout: 5, skip_not_found: true },
    });
    const w = world;
    w.plex.faults.set(`GET /library/metadata/${ratingKeyOf("1")}`, { type: "hang" });
    const started = Date.now();
    await editTitle(w, "1", "never arrives");
    await editTitle(w, "2", "has no Plex item");
    // Polled through queue.summary: scene.status reads the Plex item too, and that read would hang as well.
    await eventually(async () => (await summary(w)).counts.dead === 1, 20_000, "scene 1 dead-lettered");
    // Two attempts of one read_timeout each.
    expect(Date.now() - started).toBeGreaterThanOrEqual(2 * 5_000);
    w.plex.faults.clear();
    const status = await sceneStatus(w, "1");
    expect(status.job).toMatchObject({ state: "dead", attempts: 2, error: { class: "timeout" } });
    expect((await listByClass(w, "dead", "timeout")).jobs.map((j) => j.sceneId)).toEqual(["1"]);
    // Dropped: no job, no dead letter, counted as dropped.
    expect((await sceneStatus(w, "2")).job).toBeNull();
    const s = await summary(w);
    expect(s.counts).toEqual({ pending: 0, retrying: 0, running: 0, dead: 1 });
    expect(await readStore(w, (store) => store.stats().dropped)).toBe(1);
  }, 30_000);
});
