import { afterEach, describe, expect, it } from "vitest";
import { TEST_KNOB_ENV } from "../../plugin/config/test-knobs.js";
import { createRecordingLogger } from "../../plugin/log/recording-logger.js";
import { openStore } from "../../plugin/store/index.js";
import { drainerRolePid, killWorldProcesses, ratingKeyOf } from "./queue.helpers.js";
import { eventually, startWorld, type World } from "./world.js";

const SCENES = 60;
const WINDOW = 8;

let world: World | null = null;
afterEach(async () => {
  if (world) killWorldProcesses(world);
  await world?.stop();
  world = null;
});

async function windowedWorld(): Promise<World> {
  const w = await startWorld({ scenes: SCENES, plex: { latencyMs: 2 } });
  w.runner.setEnv({ [TEST_KNOB_ENV.heldWindow]: String(WINDOW) });
  return w;
}

/** Samples the store (as a reader, like the UI) while `run` lasts: the most jobs it ever held at once. */
async function mostJobsDuring(w: World, run: Promise<unknown>): Promise<number> {
  let most = 0;
  let finished = false;
  void run.finally(() => {
    finished = true;
  });
  const clock = { now: () => Date.now() };
  const store = await openStore({ dir: w.dataDir, clock, logger: createRecordingLogger() });
  try {
    while (!finished) {
      most = Math.max(most, store.listJobs({ perPage: 1 }, clock.now()).total);
      await new Promise((r) => setTimeout(r, 15));
    }
  } finally {
    await store.close();
  }
  return most;
}

/** Completed edits per Plex item. */
function editsPerItem(w: World): Map<string, number> {
  const edits = new Map<string, number>();
  for (const r of w.plex.requests) {
    if (r.method !== "PUT" || r.status !== 200) continue;
    const id = r.query.get("id") ?? "?";
    edits.set(id, (edits.get(id) ?? 0) + 1);
  }
  return edits;
}

function expectEveryItemEditedOnce(w: World): void {
  const edits = editsPerItem(w);
  const expected = new Map([...w.stash.state.scenes.keys()].map((id) => [ratingKeyOf(id), 1]));
  expect(Object.fromEntries(edits)).toEqual(Object.fromEntries(expected));
  for (const scene of w.stash.state.scenes.values())
    expect(w.plex.item(ratingKeyOf(scene.id)).values.title).toBe(scene.title);
}

/** Runs the task to its end, checking it succeeded and never had more than the window of jobs queued at once. */
async function runWithinWindow(w: World, task: string) {
  const run = w.runner.runTask(task);
  const most = await mostJobsDuring(w, run);
  const result = await run;
  expect(result.error, JSON.stringify(result.logs.slice(-10))).toBeNull();
  expect(most).toBeGreaterThan(0);
  expect(most).toBeLessThanOrEqual(WINDOW);
  return result;
}

describe("Sync All queues a window of scenes at a time (held scenes, store/held-ops.ts)", () => {
  it("never holds more than the window of jobs, yet reports, counts and syncs every scene once", async () => {
    world = await windowedWorld();
    const result = await runWithinWindow(world, "Sync All Scenes to Plex");
    expect(result.output).toMatchObject({ checked: SCENES, queued: SCENES, processed: SCENES, left: 0 });
    expect(result.progress.at(-1)).toBe(1);
    expect([...result.progress].every((p, i, all) => i === 0 || p >= (all[i - 1] ?? 0))).toBe(true);
    expectEveryItemEditedOnce(world);
  }, 60_000);

  it("a SIGKILL in the middle loses no held scene: Process Queue finishes, every scene synced exactly once", async () => {
    world = await windowedWorld();
    const w = world;
    const task = w.runner.runTask("Sync All Scenes to Plex");
    await eventually(async () => editsPerItem(w).size >= SCENES / 3, 30_000, "a third of the scenes synced");
    const owner = await drainerRolePid(w);
    expect(owner).not.toBeNull();
    process.kill(owner!, "SIGKILL");
    const killed = await task;
    expect(killed.error).not.toBeNull();
    const synced = editsPerItem(w).size;
    expect(synced).toBeLessThan(SCENES);
    const clock = { now: () => Date.now() };
    const after = await openStore({ dir: w.dataDir, clock, logger: createRecordingLogger() });
    const counts = after.countsByState(clock.now());
    const jobs = after.listJobs({ perPage: 1 }, clock.now()).total;
    await after.close();
    // Scenes still held (not jobs yet) when the process died are in the database, counted as pending.
    expect(counts.total - jobs).toBeGreaterThan(0);
    expect(counts.total).toBeGreaterThanOrEqual(SCENES - synced);

    const resumed = w.runner.runTask("Process Queue");
    const most = await mostJobsDuring(w, resumed);
    expect((await resumed).error).toBeNull();
    expect(most).toBeLessThanOrEqual(WINDOW);
    await eventually(async () => editsPerItem(w).size === SCENES, 30_000, "every scene synced");
    expectEveryItemEditedOnce(w);
  }, 60_000);

  it("a reconcile that finds every scene a gap holds them the same way", async () => {
    world = await windowedWorld();
    const result = await runWithinWindow(world, "Reconcile Library (All)");
    expect(result.output).toMatchObject({ report: { scenesChecked: SCENES, queued: true } });
    expectEveryItemEditedOnce(world);
  }, 60_000);
});
