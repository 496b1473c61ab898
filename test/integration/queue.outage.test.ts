import { afterEach, describe, expect, it } from "vitest";
import {
  drainerLog,
  editTitle,
  list,
  plexTitle,
  putsFor,
  ratingKeyOf,
  roleRowPresent,
  sleep,
  startQueueWorld,
  summary,
} from "./queue.helpers.js";
import { eventually, type World } from "./world.js";

let world: World | null = null;
afterEach(async () => {
  await world?.stop();
  world = null;
});

const SCENES = 20;
const OUTAGE_MS = 3_000;

describe("Plex outage during a bulk drain (bundled script, breaker timings scaled by 0.01)", () => {
  it("opens the breaker, burns no job, probes, closes when Plex returns and drains fully; one outage recorded", async () => {
    world = await startQueueWorld({ scenes: SCENES, settings: { max_retries: 3 } });
    const w = world;
    // Slow edits, so the outage lands in the middle of the drain.
    w.plex.faults.set("PUT /library/sections/*", { type: "slow", delayMs: 150 });
    const ids = Array.from({ length: SCENES }, (_, i) => String(i + 1));
    await Promise.all(ids.map((id) => editTitle(w, id, `bulk ${id}`)));
    await eventually(() => ids.some((id) => plexTitle(w, id) === `bulk ${id}`), 20_000, "the first edit");
    const downAt = Date.now();
    await w.plex.down();
    await eventually(
      async () => (await summary(w)).breaker.state !== "closed",
      10_000,
      "the breaker to open",
    );
    await sleep(OUTAGE_MS - (Date.now() - downAt));
    const during = await summary(w);
    expect((await list(w, "dead")).jobs.map((j) => j.error)).toEqual([]);
    expect(during.counts.dead).toBe(0);
    expect(during.lastOutage?.end).toBeNull();
    await w.plex.up();
    const upAt = Date.now();
    await eventually(
      () => ids.every((id) => plexTitle(w, id) === `bulk ${id}`),
      30_000,
      "the queue to drain",
    );
    const settledSummary = await eventually(
      async () => {
        const s = await summary(w);
        const settled =
          s.counts.pending + s.counts.retrying + s.counts.running === 0 && s.breaker.state === "closed";
        return settled ? s : null;
      },
      10_000,
      "an empty queue and a closed breaker",
    );
    const after = settledSummary!;
    expect(after.counts.dead).toBe(0);
    expect(after.outages).toHaveLength(1);
    const outage = after.outages[0]!;
    expect(outage.end).not.toBeNull();
    const duration = (outage.end ?? 0) - outage.start;
    // Opened after 5 failures shortly after the cut; closed by the first probe or trial after Plex came back.
    expect(outage.start).toBeGreaterThanOrEqual(downAt - 50);
    expect(outage.end).toBeGreaterThanOrEqual(upAt - 50);
    expect(duration).toBeGreaterThan(OUTAGE_MS * 0.8);
    expect(duration).toBeLessThan(OUTAGE_MS + 3_000);
    // Each scene written exactly as wanted; no job ran twice after it had succeeded.
    for (const id of ids) expect(putsFor(w, ratingKeyOf(id)).length).toBeGreaterThanOrEqual(1);
    const log = drainerLog(w);
    expect(log).toContain("Circuit OPEN after");
    expect(log).toContain("Circuit CLOSED: Plex recovered");
    const report = await w.runner.runTask("Outage Summary Report");
    const lines = report.logs.map((l) => l.message).join("\n");
    expect(lines).toContain("Outages tracked: 1 (1 completed)");
    console.info(
      `outage: cut ${OUTAGE_MS} ms, recorded ${duration} ms, drained ${Date.now() - upAt} ms after Plex returned`,
    );
    console.info(lines);
    await eventually(
      async () => !(await roleRowPresent(w)),
      20_000,
      "the drainer to exit and release its role",
    );
  }, 60_000);
});
