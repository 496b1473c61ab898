import type { Clock, Random } from "../core/clock.js";
import type { SceneSnapshot } from "../domain/scene.js";
import type { Logger } from "../log/logger.js";
import type { SyncOutcome } from "../pipeline/outcome.js";
import { type DecideSettings, decide, type FailureTable, type Settlement } from "../queue/failure-table.js";
import { type Job, type JobError, parseJobPayload, sceneIdOfJob } from "../queue/job.js";
import type { Store } from "../store/index.js";
import { coerceError } from "./coerce-error.js";

export interface BatchDeps {
  store: Store;
  clock: Clock;
  random: Random;
  logger: Logger;
  settings: DecideSettings;
  /** The failure table to settle with: FAILURE_TABLE, or its delays shrunk by the tests' time scale. */
  failureTable?: FailureTable;
  concurrency: number;
  fetchScenes: (ids: string[]) => Promise<Map<string, SceneSnapshot>>;
  syncScene: (scene: SceneSnapshot, reason: string) => Promise<SyncOutcome>;
  /** Breaker gate: false when the circuit opened during the batch (remaining jobs wait). */
  canAttempt: () => boolean;
  /** When the breaker will let a job try again (for "wait" settlements). */
  retryAfter: () => number;
  onOutcome?: (job: Job, outcome: SyncOutcome | JobError, elapsedMs: number) => void;
}

type Result = { job: Job; settlement: Settlement };

/**
 * Runs claimed jobs: one batched Stash read for every sync job, then each scene through `syncScene` with
 * bounded concurrency. Every job ends with a settlement; nothing thrown escapes (a bug becomes class
 * `internal` through coerceError and is dead-lettered as itself).
 */
export async function runBatch(jobs: Job[], deps: BatchDeps): Promise<Result[]> {
  const results: Result[] = [];
  const syncJobs: Array<{ job: Job; sceneId: string; reason: string }> = [];
  for (const job of jobs) {
    try {
      if (job.kind === "remove-scene") {
        const payload = parseJobPayload("remove-scene", job.payload);
        deps.store.batch(() => {
          deps.store.removeSyncState(payload.sceneId);
          deps.store.setPin(payload.sceneId, null);
        });
        deps.logger.info(
          `Scene ${payload.sceneId} was deleted in Stash: forgot its sync state (Plex is left as is)`,
        );
        results.push({ job, settlement: { type: "done" } });
        continue;
      }
      const payload = parseJobPayload("sync-scene", job.payload);
      syncJobs.push({ job, sceneId: payload.sceneId, reason: payload.reason });
    } catch (error) {
      results.push(fail(job, coerceError(error), deps));
    }
  }
  if (syncJobs.length === 0) return results;
  let scenes: Map<string, SceneSnapshot>;
  try {
    scenes = await deps.fetchScenes([...new Set(syncJobs.map((j) => j.sceneId))]);
  } catch (error) {
    const cause = coerceError(error);
    for (const { job } of syncJobs) results.push(fail(job, cause, deps));
    return results;
  }
  await forEachLimited(syncJobs, deps.concurrency, async ({ job, sceneId, reason }) => {
    results.push(await runOne(job, scenes.get(sceneId), reason, deps));
  });
  return results;
}

async function runOne(
  job: Job,
  scene: SceneSnapshot | undefined,
  reason: string,
  deps: BatchDeps,
): Promise<Result> {
  const started = deps.clock.now();
  if (!scene) {
    deps.logger.info(`Scene ${sceneIdOfJob(job) ?? "?"} no longer exists in Stash: job dropped`);
    return { job, settlement: { type: "done" } };
  }
  if (!deps.canAttempt()) {
    const error: JobError = {
      class: "server_down",
      message: "Plex circuit is open: waiting for Plex to recover",
    };
    return { job, settlement: { type: "wait", runAt: deps.retryAfter(), error } };
  }
  try {
    const outcome = await deps.syncScene(scene, reason);
    deps.onOutcome?.(job, outcome, deps.clock.now() - started);
    return { job, settlement: { type: "done" } };
  } catch (error) {
    const cause = coerceError(error);
    deps.onOutcome?.(job, cause, deps.clock.now() - started);
    return fail(job, cause, deps);
  }
}

function fail(job: Job, error: JobError, deps: BatchDeps): Result {
  const settlement = withPauseReason(
    decide(job, error, deps.settings, deps.clock.now(), deps.random, deps.failureTable),
  );
  const line = `Job ${job.id} (${job.key ?? job.kind}) ${error.class}: ${error.message} → ${settlement.type}`;
  if (settlement.type === "dead" || error.class === "internal") deps.logger.error(line);
  else deps.logger.warn(line);
  return { job, settlement };
}

/** A pause's error becomes the queue's pause reason, shown as is in the UI: say what happened and what to do. */
function withPauseReason(settlement: Settlement): Settlement {
  if (settlement.type !== "pause") return settlement;
  const message = `Plex rejected the token (${settlement.error.message}): fix the Plex token in the plugin settings, then use Test connection`;
  return { ...settlement, error: { ...settlement.error, message } };
}

async function forEachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
