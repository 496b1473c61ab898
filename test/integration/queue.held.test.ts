import { afterEach, describe, expect, it } from "vitest";
import type { QueueList } from "../../plugin/ops/contracts.js";
import { list, putsFor, ratingKeyOf, readStore, sceneStatus, seedStore, summary } from "./queue.helpers.js";
import { eventually, startWorld, type World } from "./world.js";

/**
 * Scenes a bulk sync holds (not jobs yet, store/held-ops.ts) are visible where jobs are: pending on the scene's
 * Plex tab, pending rows on the queue page (paged, after the jobs), and removable from there.
 */
let world: World | null = null;
afterEach(async () => {
  await world?.stop();
  world = null;
});

const SCENES = 30;
const sceneIds = Array.from({ length: SCENES }, (_, i) => String(i + 1));

async function heldWorld(): Promise<World> {
  const w = await startWorld({ scenes: SCENES, plex: { latencyMs: 1 } });
  await seedStore(w, (store) => {
    store.enqueue("sync-scene", { sceneId: "3", reason: "update" });
    store.hold(
      sceneIds.filter((id) => id !== "3"),
      "bulk",
    );
  });
  return w;
}

async function page(w: World, pageNumber: number, perPage: number): Promise<QueueList> {
  return (await w.runner.operation({
    op: "queue.list",
    state: "pending",
    page: pageNumber,
    perPage,
  })) as QueueList;
}

describe("held bulk-sync scenes in the UI's operations", () => {
  it("scene.status shows a held scene as pending; queue.list pages through jobs then held scenes", async () => {
    world = await heldWorld();
    expect((await sceneStatus(world, "12")).job).toEqual({
      state: "pending",
      attempts: 0,
      nextAttemptAt: null,
      error: null,
    });
    const first = await page(world, 1, 10);
    expect(first.total).toBe(SCENES);
    expect(first.jobs.map((j) => j.sceneId)).toEqual(["3", "1", "2", "4", "5", "6", "7", "8", "9", "10"]);
    expect(first.jobs[0]?.id.startsWith("held:")).toBe(false);
    expect(first.jobs.slice(1).every((j) => j.id === `held:${j.sceneId}` && j.state === "pending")).toBe(
      true,
    );
    const third = await page(world, 3, 10);
    expect(third.jobs.map((j) => j.sceneId)).toEqual([
      "21",
      "22",
      "23",
      "24",
      "25",
      "26",
      "27",
      "28",
      "29",
      "30",
    ]);
    expect((await page(world, 4, 10)).jobs).toEqual([]);
    expect((await list(world, "retrying")).total).toBe(0);
    expect((await summary(world)).counts.pending).toBe(SCENES);
  }, 60_000);

  it("deleting held rows from the queue page forgets those scenes; the rest sync", async () => {
    world = await heldWorld();
    const w = world;
    await w.runner.operation({ op: "queue.delete", ids: ["held:7", "held:8"] });
    await eventually(
      async () => (await readStore(w, (s) => s.countsByState(Date.now()).total)) === 0,
      30_000,
    );
    expect(putsFor(w, ratingKeyOf("7"))).toEqual([]);
    expect(putsFor(w, ratingKeyOf("8"))).toEqual([]);
    for (const id of sceneIds.filter((id) => id !== "7" && id !== "8"))
      expect(putsFor(w, ratingKeyOf(id)).length, `scene ${id}`).toBeGreaterThan(0);
    expect((await sceneStatus(w, "7")).job).toBeNull();
  }, 60_000);
});
