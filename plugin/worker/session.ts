import { oneAtATime } from "../core/one-at-a-time.js";
import { randomHex } from "../core/random-hex.js";
import { pathRulesOf } from "../core-sync/index.js";
import { createLibraryCache } from "../library/library-cache.js";
import { guardedPlexClient } from "../pipeline/guarded-client.js";
import { syncScene } from "../pipeline/sync-scene.js";
import { createPacer, probePlex } from "../resilience/index.js";
import type { Runtime } from "../runtime/runtime.js";
import type { Store } from "../store/index.js";
import { type DrainSummary, drain } from "./drainer.js";
import { openResilience } from "./resilience-state.js";
import { runBatch } from "./run-batch.js";
import { makeStatsRecorder } from "./stats.js";
import { scaledBreakerOptions, scaledFailureTable, scaledPacerTimings } from "./time-scale.js";
import { favorSmallHeap } from "./young-generation.js";

export interface SessionOptions {
  foreground: boolean;
  onProgress?: (processed: number) => void;
  shouldStop?: () => boolean;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * One worker session on a store whose drainer role this process holds: wires the pure loop to the real
 * clients — breaker + outages, pacer, library index, the sync pipeline and stats — and drains.
 */
export async function runWorkerSession(
  rt: Runtime,
  store: Store,
  options: SessionOptions,
): Promise<DrainSummary> {
  favorSmallHeap();
  // Loaded here, not at the top: every bundled module's builtins start with the process, and node:crypto costs
  // a hook or UI operation ~10 ms it never needs.
  const { createHash } = await import("node:crypto");
  const log = rt.logger.child("Worker");
  const random = Math.random;
  const { timeScale: scale, heldWindow } = rt.knobs;
  const purged = store.purgeDeadLetters(rt.settings.dlq_retention_days);
  if (purged > 0)
    log.info(`Purged ${purged} dead letter(s) older than ${rt.settings.dlq_retention_days} day(s)`);
  const resilience = openResilience(store, {
    clock: rt.clock,
    random,
    logger: rt.logger,
    onClosed: () => pacer.startRamp(),
    ...(scale < 1 ? { options: scaledBreakerOptions(scale) } : {}),
  });
  const pacer = createPacer({
    clock: rt.clock,
    sleep,
    logger: rt.logger.child("RateLimiter"),
    options: {
      maxConcurrency: rt.settings.max_concurrency,
      ...(scale < 1 ? scaledPacerTimings(scale) : {}),
    },
    rampStartedAt: resilience.lastRecoveryAt(),
  });
  const rawPlex = await rt.plex();
  const plex = guardedPlexClient(rawPlex, (fn) => pacer.run(() => resilience.breaker.execute(fn, rt.clock)));
  const collectionTurns = oneAtATime();
  const library = createLibraryCache({
    plex,
    store,
    libraryNames: rt.settings.plex_library,
    clock: rt.clock,
    logger: rt.logger,
  });
  const rules = pathRulesOf(rt.settings);
  const stats = makeStatsRecorder(store, rt.clock);
  const workerId = `${process.pid}-${randomHex(8)}`;
  const fallbackWaitMs = 5_000 * scale;
  return drain({
    store,
    clock: rt.clock,
    logger: rt.logger,
    workerId,
    sleep,
    gate: {
      check: (now) => {
        if (resilience.breaker.canAttempt(now)) return { open: true };
        return { open: false, until: resilience.breaker.nextProbeAt(now) ?? now + fallbackWaitMs };
      },
      probe: async () => {
        const result = await probePlex(rawPlex, {
          clock: rt.clock,
          logger: rt.logger.child("Health"),
          lastMachineIdentifier: resilience.health().machineIdentifier,
        });
        const now = rt.clock.now();
        resilience.setHealth({
          lastCheckAt: now,
          ok: result.ok,
          latencyMs: result.latencyMs,
          version: result.ok ? result.version : resilience.health().version,
          machineIdentifier: result.ok ? result.machineIdentifier : resilience.health().machineIdentifier,
        });
        if (result.ok) resilience.breaker.recordSuccess(now);
        else resilience.breaker.recordFailure(result.kind, now);
      },
    },
    authOk: async () => {
      try {
        await rawPlex.sections();
        return true;
      } catch {
        return false;
      }
    },
    runBatch: (jobs) =>
      runBatch(jobs, {
        store,
        clock: rt.clock,
        random,
        logger: log,
        settings: rt.settings,
        ...(scale < 1 ? { failureTable: scaledFailureTable(scale) } : {}),
        concurrency: rt.settings.max_concurrency,
        fetchScenes: (ids) => rt.stash.scenesByIds(ids),
        canAttempt: () => resilience.breaker.canAttempt(rt.clock.now()),
        retryAfter: () => resilience.breaker.nextProbeAt(rt.clock.now()) ?? rt.clock.now() + fallbackWaitMs,
        onOutcome: stats.record,
        syncScene: (scene, reason) =>
          syncScene(scene, reason, {
            plex,
            library,
            settings: rt.settings,
            rules,
            logger: log,
            obfuscate: rt.obfuscate,
            now: () => rt.clock.now(),
            syncState: (id) => store.syncState(id),
            pin: (id) => store.pinnedRatingKey(id),
            record: (id, state, dropPin) =>
              store.batch(() => {
                store.putSyncState(id, state);
                if (dropPin) store.setPin(id, null);
              }),
            downloadImage: async (url) => (await rt.stash.downloadImage(url))?.bytes ?? null,
            collectionMark: (sectionId, name) => store.collectionMark(sectionId, name),
            recordCollectionMark: (sectionId, name, mark) => store.setCollectionMark(sectionId, name, mark),
            oneAtATime: collectionTurns,
            sha1: (bytes) => createHash("sha1").update(bytes).digest("hex"),
          }),
      }),
    batchSize: 25,
    ...(heldWindow ? { heldWindow } : {}),
    pollMs: Math.max(100, scale * (options.foreground ? 250 : 1_000)),
    idleExitMs: options.foreground ? 0 : Math.max(1_000, scale * 30_000),
    ...(options.foreground ? { foregroundHorizonMs: 120_000 } : {}),
    ...(options.shouldStop ? { shouldStop: options.shouldStop } : {}),
    ...(options.onProgress ? { onSettled: options.onProgress } : {}),
  });
}
