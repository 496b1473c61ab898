import { describe, expect, it } from "vitest";
import type { SyncOutcome } from "../../../plugin/pipeline/outcome.js";
import type { Job } from "../../../plugin/queue/job.js";
import { makeStatsRecorder, throughput } from "../../../plugin/worker/stats.js";
import { useStoreHarness } from "../store/helpers.js";

const HOUR = 3_600_000;
/** The recorder counts outcomes, never reads the job. */
const JOB = {} as Job;
const synced = (imagesUploaded: number): SyncOutcome => ({
  status: "synced",
  ratingKeys: ["1"],
  changes: [],
  imagesUploaded,
  state: {
    ratingKeys: ["1"],
    lastSyncedAt: 0,
    desiredHash: "h",
    imageHashes: {},
    imageThumbs: {},
    lastChanges: [],
  },
});

/** The worker's stats recorder (worker/stats.ts) on a temporary SQLite store with a fake clock. */
describe("makeStatsRecorder / throughput", () => {
  const h = useStoreHarness();

  it("counts outcomes, images and time, and buckets successes and failures by hour", async () => {
    const store = await h.open();
    h.clock.set(100 * HOUR + 5_000);
    const stats = makeStatsRecorder(store, h.clock);
    stats.record(JOB, synced(2), 120.4);
    stats.record(JOB, { status: "unchanged", ratingKeys: ["1"], state: null }, 10);
    stats.record(JOB, { class: "timeout", message: "slow" }, 30_000);
    expect(store.stats()).toMatchObject({
      synced: 1,
      unchanged: 1,
      images_uploaded: 2,
      elapsed_ms: 30_130,
      [`tp.${100 * HOUR}.ok`]: 2,
      [`tp.${100 * HOUR}.failed`]: 1,
    });
    await store.close();
  });

  it("drops hourly buckets older than 7 days when a new hour starts, and keeps the rest", async () => {
    const store = await h.open();
    const stats = makeStatsRecorder(store, h.clock);
    h.clock.set(1_000 * HOUR);
    stats.record(JOB, synced(0), 1);
    h.clock.set(1_001 * HOUR);
    stats.record(JOB, synced(0), 1);
    h.clock.set((1_000 + 7 * 24) * HOUR + 1);
    stats.record(JOB, synced(0), 1);
    const keys = Object.keys(store.stats()).filter((k) => k.startsWith("tp."));
    expect(keys.sort()).toEqual([`tp.${1_001 * HOUR}.ok`, `tp.${(1_000 + 7 * 24) * HOUR}.ok`].sort());
    expect(store.stats().synced).toBe(3);
    await store.close();
  });

  it("throughput: one row per hour, oldest first, ending with the current hour, zeros where nothing ran", async () => {
    const store = await h.open();
    const stats = makeStatsRecorder(store, h.clock);
    h.clock.set(50 * HOUR + 1);
    stats.record(JOB, synced(0), 1);
    h.clock.set(52 * HOUR + 1);
    stats.record(JOB, { class: "auth", message: "401" }, 1);
    const rows = throughput(store, h.clock.now(), 4);
    expect(rows).toEqual([
      { t: 49 * HOUR, ok: 0, failed: 0 },
      { t: 50 * HOUR, ok: 1, failed: 0 },
      { t: 51 * HOUR, ok: 0, failed: 0 },
      { t: 52 * HOUR, ok: 0, failed: 1 },
    ]);
    expect(throughput(store, h.clock.now())).toHaveLength(24);
    await store.close();
  });
});
