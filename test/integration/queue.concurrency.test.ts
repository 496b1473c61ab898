import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  integrityCheck,
  list,
  plexTitle,
  putsFor,
  ratingKeyOf,
  roleRowPresent,
  sceneStatus,
  startQueueWorld,
  summary,
} from "./queue.helpers.js";
import { eventually, type World } from "./world.js";

let world: World | null = null;
afterEach(async () => {
  await world?.stop();
  world = null;
});

const SCENES = 50;
const SAVES_PER_SCENE = 4;
/** Scenes 1..FOLLOW_UPS are saved once more while their first edit is in flight. */
const FOLLOW_UPS = 10;

const sceneOf = (ratingKey: string | null) => (ratingKey ? String(Number(ratingKey) - 1000) : null);
const finalTitle = (id: string) => (Number(id) <= FOLLOW_UPS ? `storm ${id} again` : `storm ${id}`);

function fireUpdateHook(w: World, sceneId: string, title: string) {
  return w.runner.run({
    hookContext: {
      id: Number(sceneId),
      type: "Scene.Update.Post",
      input: { id: sceneId, title },
      inputFields: ["id", "title"],
    },
  });
}

/** Edits in flight per Plex item, seen at every request the fake Plex handles: more than one is an overlap. */
function watchOverlaps(w: World): { overlaps: string[] } {
  const seen = { overlaps: [] as string[] };
  w.plex.faults.set(
    () => {
      const inFlight = new Map<string, number>();
      for (const r of w.plex.requests) {
        if (r.method !== "PUT" || r.status !== null) continue;
        const id = r.query.get("id") ?? "?";
        inFlight.set(id, (inFlight.get(id) ?? 0) + 1);
      }
      for (const [id, n] of inFlight) if (n > 1) seen.overlaps.push(`${id}×${n}`);
      return false;
    },
    { type: "status" },
  );
  return seen;
}

/**
 * Drainers that held the writer role, counted from the lines each one writes itself to logs/drainer.log: one
 * once it holds the drainer role ("Background worker started"), one before it gives the role up ("… stopped").
 * Appends from several processes land in the order they were written, so the log is the sequence of writer
 * tenures: two starts without a stop between them would be two writers at once. A drainer that found the role
 * taken writes neither.
 */
function writerTenures(w: World): { started: number; maxAtOnce: number; stillRunning: number } {
  const log = path.join(w.dataDir, "logs", "drainer.log");
  const text = [`${log}.1`, log]
    .map((file) => {
      try {
        return readFileSync(file, "utf8");
      } catch {
        return "";
      }
    })
    .join("");
  let started = 0;
  let running = 0;
  let maxAtOnce = 0;
  for (const line of text.split("\n")) {
    if (line.includes("Background worker started")) {
      started++;
      running++;
      maxAtOnce = Math.max(maxAtOnce, running);
    } else if (line.includes("Background worker stopped")) running--;
  }
  return { started, maxAtOnce, stillRunning: running };
}

describe("a storm of hooks with a running drainer and UI reads (bundled script)", () => {
  it("records every event, keeps one writer at a time, never runs one item's edits concurrently, leaves no lock", async () => {
    world = await startQueueWorld({
      scenes: SCENES,
      settings: { sync_poster: false, sync_background: false },
    });
    const w = world;
    // Slow edits widen the window in which a second run of the same job would overlap.
    w.plex.faults.set("PUT /library/sections/*", { type: "slow", delayMs: 100 });
    const overlaps = watchOverlaps(w);
    // A save while a scene's edit is in flight: its follow-up job must wait for the running one, not overlap it.
    const followUps = new Map<string, ReturnType<typeof fireUpdateHook>>();
    w.plex.faults.set(
      () => {
        for (const r of w.plex.requests) {
          const id = r.method === "PUT" && r.status === null ? sceneOf(r.query.get("id")) : null;
          if (id === null || Number(id) > FOLLOW_UPS || followUps.has(id)) continue;
          w.stash.state.updateScene(id, { title: `storm ${id} again` });
          followUps.set(id, fireUpdateHook(w, id, "again"));
        }
        return false;
      },
      { type: "status" },
    );
    const ids = Array.from({ length: SCENES }, (_, i) => String(i + 1));
    for (const id of ids) w.stash.state.updateScene(id, { title: `storm ${id}` });

    const started = Date.now();
    const hooks = ids.flatMap((id) =>
      Array.from({ length: SAVES_PER_SCENE }, (_, n) => fireUpdateHook(w, id, `save ${n}`)),
    );
    // UI reads while the storm runs: readers never block the writer and always answer.
    const reads = Array.from({ length: 4 }, (_, n) =>
      Promise.all([summary(w), sceneStatus(w, ids[n * 10]!), list(w, "pending")]),
    );
    const results = await Promise.all(hooks);
    const hooksDone = Date.now() - started;
    for (const [s, status, pending] of await Promise.all(reads)) {
      expect(s.paused).toBe(false);
      expect(status.configured).toBe(true);
      expect(pending.jobs.length).toBeLessThanOrEqual(pending.total);
      expect(pending.jobs.filter((j) => j.state !== "pending")).toEqual([]);
    }
    expect(results.map((r) => r.error).filter((e) => e !== null)).toEqual([]);
    expect(results.every((r) => r.output === "ok")).toBe(true);

    await eventually(() => followUps.size === FOLLOW_UPS, 20_000, "the follow-up saves");
    const followUpResults = await Promise.all(followUps.values());
    expect(followUpResults.every((r) => r.output === "ok")).toBe(true);
    await eventually(
      () => ids.every((id) => plexTitle(w, id) === finalTitle(id)),
      30_000,
      "every scene's edit in Plex",
    );
    const drained = Date.now() - started;
    await eventually(
      async () => !(await roleRowPresent(w)),
      15_000,
      "the drainer to exit and release its role",
    );

    expect(integrityCheck(w.dataDir)).toBe("ok");
    const end = await summary(w);
    expect(end.counts).toEqual({ pending: 0, retrying: 0, running: 0, dead: 0 });
    expect(overlaps.overlaps).toEqual([]);
    const tenures = writerTenures(w);
    expect(tenures.started).toBeGreaterThanOrEqual(1);
    expect(tenures.maxAtOnce).toBe(1);
    expect(tenures.stillRunning).toBe(0);
    const puts = ids.map((id) => putsFor(w, ratingKeyOf(id)).length);
    expect(Math.min(...puts)).toBeGreaterThanOrEqual(1);
    for (const id of ids.slice(0, FOLLOW_UPS)) expect(putsFor(w, ratingKeyOf(id)).length).toBe(2);
    console.info(
      `storm: ${results.length} hooks (+${FOLLOW_UPS} follow-up saves) in ${hooksDone} ms, all ${SCENES} scenes in Plex after ${drained} ms; ` +
        `PUTs per item ${Math.min(...puts)}–${Math.max(...puts)}; ${tenures.started} drainer tenure(s), at most ${tenures.maxAtOnce} at once`,
    );
  }, 60_000);
});
