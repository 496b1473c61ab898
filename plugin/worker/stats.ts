import type { Clock } from "../core/clock.js";
import type { SyncOutcome } from "../pipeline/outcome.js";
import type { Job, JobError } from "../queue/job.js";
import type { Store } from "../store/index.js";

/**
 * Stats persisted at every settle, as additive counters (merging never inflates them). `processed`,
 * `succeeded`, `failed`, `deadLettered` and `errors.<class>` are counted by the store when it settles a job
 * (once per settlement, in the same transaction); this recorder adds only what the store cannot know: the
 * outcome of a successful sync (`synced`, `unchanged`, ...), time spent, images uploaded, and hourly
 * throughput buckets `tp.<hourStartMs>.ok|failed` kept for 7 days.
 */
const HOUR_MS = 3_600_000;
const KEEP_BUCKETS_MS = 7 * 24 * HOUR_MS;

export function makeStatsRecorder(store: Store, clock: Clock) {
  let lastBucket = 0;
  return {
    record(_job: Job, outcome: SyncOutcome | JobError, elapsedMs: number): void {
      const now = clock.now();
      const bucket = Math.floor(now / HOUR_MS) * HOUR_MS;
      const delta: Record<string, number> = { elapsed_ms: Math.max(0, Math.round(elapsedMs)) };
      if ("status" in outcome) {
        delta[outcome.status] = 1;
        delta[`tp.${bucket}.ok`] = 1;
        if (outcome.status === "synced") delta.images_uploaded = outcome.imagesUploaded;
      } else {
        delta[`tp.${bucket}.failed`] = 1;
      }
      if (bucket !== lastBucket) {
        lastBucket = bucket;
        for (const [key, value] of Object.entries(store.stats())) {
          const at = bucketOf(key);
          if (at !== null && at < now - KEEP_BUCKETS_MS) delta[key] = -value;
        }
      }
      store.addStats(delta);
    },
  };
}

function bucketOf(key: string): number | null {
  const match = /^tp\.(\d+)\./.exec(key);
  return match ? Number(match[1]) : null;
}

/** Throughput buckets for the queue page, oldest first, for the last `hours` hours. */
export function throughput(
  store: Store,
  now: number,
  hours = 24,
): Array<{ t: number; ok: number; failed: number }> {
  const stats = store.stats();
  const start = Math.floor(now / HOUR_MS) * HOUR_MS - (hours - 1) * HOUR_MS;
  return Array.from({ length: hours }, (_, i) => {
    const t = start + i * HOUR_MS;
    return { t, ok: stats[`tp.${t}.ok`] ?? 0, failed: stats[`tp.${t}.failed`] ?? 0 };
  });
}
