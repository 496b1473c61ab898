import { countOf } from "../core/count-of.js";
import { importLedgerOf } from "../import/ledger-table.js";
import { sceneIdOfJob } from "../queue/job.js";
import { lastReconcileReport } from "../reconcile/run.js";
import { PlexCircuitBreaker } from "../resilience/index.js";
import type { Runtime } from "../runtime/runtime.js";
import { startDrainer } from "../runtime/start-drainer.js";
import { openReader } from "../runtime/store-access.js";
import { DEFAULT_MAX_ATTEMPTS, HELD_ID_PREFIX, type JobView, type Store } from "../store/index.js";
import type { Command } from "../worker/commands.js";
import { readResilience } from "../worker/resilience-state.js";
import { runCommand } from "../worker/run-command.js";
import { throughput } from "../worker/stats.js";
import type { Ack, JobState, QueueJob, QueueList, QueueSummary, ReconcileReport } from "./contracts.js";
import { reconcileReportSchema } from "./contracts.js";
import { lastImportSummary } from "./last-import.js";
import { type OperationArgsOf, operation } from "./operation.js";

/**
 * Operations never take the drainer role: they read and write the store directly (each write one committed
 * transaction, so the next read sees it), and start a drainer if none runs.
 */
export async function sendCommand(rt: Runtime, command: Command, message: string): Promise<Ack> {
  const summary = await runCommand(rt, command);
  rt.logger.child("Queue").info(summary);
  await startDrainer(rt);
  return { accepted: true, affected: null, message };
}

/** Runs `fn`'s reads against one snapshot of the store (a page and its total agree during a storm of writes). */
async function withReader<T>(rt: Runtime, fn: (store: Store) => T): Promise<T> {
  const store = await openReader(rt);
  try {
    return store.consistentRead(() => fn(store));
  } finally {
    await store.close();
  }
}

export const queueSummaryOp = operation("queue.summary", async (rt) => {
  const now = rt.clock.now();
  let running = false;
  const summary = await withReader(rt, (store): QueueSummary => {
    running = store.drainerAlive();
    const c = store.countsByState(now);
    const resilience = readResilience(store);
    const breaker = PlexCircuitBreaker.fromJSON(resilience.breaker, {
      random: Math.random,
      logger: rt.logger,
    }).snapshot(now);
    const outages = resilience.outages.map((o) => ({ start: o.start, end: o.end }));
    const paused = store.paused();
    const stats = store.stats();
    const last = reconcileReportSchema.safeParse(lastReconcileReport(store.reconcileReports()));
    const lastReconcile: ReconcileReport | null = last.success ? last.data : null;
    return {
      counts: {
        // "waiting" jobs never failed (debounce, scheduled): they are pending, not retrying.
        pending: c.pending + c.waiting,
        retrying: c.retrying,
        running: c.running,
        dead: c.deadLetters,
      },
      paused: paused !== null,
      pauseReason: paused?.reason ?? null,
      breaker: { state: breaker.state, openedAt: breaker.openedAt, failures: breaker.failures },
      health: {
        lastCheckAt: resilience.health.lastCheckAt,
        ok: resilience.health.ok,
        latencyMs: resilience.health.latencyMs,
      },
      lastOutage: outages[outages.length - 1] ?? null,
      drain: { running, processed: stats.processed ?? 0, total: null },
      throughput: throughput(store, now),
      outages,
      lastReconcile,
      lastImport: lastImportSummary(importLedgerOf(store.database)),
    };
  });
  // A queue with work and no worker (Stash restarted, the drainer was killed) gets one now.
  if (
    !running &&
    !summary.paused &&
    summary.counts.pending + summary.counts.retrying + summary.counts.running > 0
  ) {
    await startDrainer(rt);
  }
  return summary;
});

const STORE_STATES: Record<JobState, Array<"pending" | "waiting" | "retrying" | "running">> = {
  pending: ["pending", "waiting"],
  retrying: ["retrying"],
  running: ["running"],
  dead: [],
};

export const queueListOp = operation("queue.list", async (rt, args) => {
  const now = rt.clock.now();
  const list = await withReader(rt, (store) => listPage(store, args, now));
  return withTitles(rt, list);
});

/** Scene titles for one page of jobs: one batched Stash read; a Stash error leaves the titles empty. */
async function withTitles(rt: Runtime, list: QueueList): Promise<QueueList> {
  const ids = [...new Set(list.jobs.flatMap((job) => (job.sceneId ? [job.sceneId] : [])))];
  if (ids.length === 0) return list;
  try {
    const scenes = await rt.stash.scenesByIds(ids);
    const titleOf = (id: string | null) => {
      const scene = id ? scenes.get(id) : undefined;
      return scene ? (scene.title ?? scene.files[0]?.basename ?? null) : null;
    };
    return { ...list, jobs: list.jobs.map((job) => ({ ...job, title: titleOf(job.sceneId) })) };
  } catch (error) {
    rt.logger.debug(`Queue list: scene titles unavailable (${(error as Error).message})`);
    return list;
  }
}

function listPage(store: Store, args: OperationArgsOf<"queue.list">, now: number): QueueList {
  if (args.state === "dead") {
    const all = store.listDeadLetters({ perPage: 500 });
    const classes = countClasses(all.items.map((dl) => dl.error.class));
    const page = store.listDeadLetters({
      errorClass: args.errorClass,
      page: args.page,
      perPage: args.perPage,
    });
    return {
      total: page.total,
      errorClasses: classes,
      jobs: page.items.map(
        (dl): QueueJob => ({
          id: dl.id,
          kind: dl.job.kind,
          sceneId: sceneIdOfJob(dl.job),
          title: null,
          state: "dead",
          attempts: dl.job.attempts,
          maxAttempts: dl.job.maxAttempts,
          createdAt: dl.job.createdAt,
          nextAttemptAt: null,
          error: { class: dl.error.class, message: dl.error.message },
        }),
      ),
    };
  }
  const states = STORE_STATES[args.state];
  const jobs = store.listJobs(
    { state: states, errorClass: args.errorClass, page: args.page, perPage: args.perPage },
    now,
  );
  const start = (args.page - 1) * args.perPage;
  const heldTotal = args.state === "pending" && !args.errorClass ? store.heldCount() : 0;
  const heldLimit = args.perPage - jobs.items.length;
  const held =
    heldTotal > 0 && heldLimit > 0 ? store.heldScenes(Math.max(0, start - jobs.total), heldLimit) : [];
  return {
    total: jobs.total + heldTotal,
    errorClasses: store.errorClassCounts(states, now),
    jobs: [...jobRows(jobs.items, args.state), ...heldRows(held, now)],
  };
}

function jobRows(views: JobView[], state: JobState): QueueJob[] {
  return views.map(
    (j): QueueJob => ({
      id: j.id,
      kind: j.kind,
      sceneId: sceneIdOfJob(j),
      title: null,
      state,
      attempts: j.attempts,
      maxAttempts: j.maxAttempts,
      createdAt: j.createdAt,
      nextAttemptAt: j.runAt,
      error: j.lastError ? { class: j.lastError.class, message: j.lastError.message } : null,
    }),
  );
}

/** Scenes a bulk sync holds, listed after the jobs as pending rows (`held:<sceneId>`; deleting one forgets it). */
function heldRows(sceneIds: readonly string[], now: number): QueueJob[] {
  return sceneIds.map((sceneId) => ({
    id: `${HELD_ID_PREFIX}${sceneId}`,
    kind: "sync-scene",
    sceneId,
    title: null,
    state: "pending",
    attempts: 0,
    maxAttempts: DEFAULT_MAX_ATTEMPTS,
    createdAt: now,
    nextAttemptAt: null,
    error: null,
  }));
}

/**
 * Retry: a dead letter is re-queued; a job waiting for a later try is tried now by queueing its scene again (the
 * same key replaces the waiting job: due now, attempts reset). `ids` may mix both; `all` / `errorClass` apply to
 * the list `state` names (dead letters unless told otherwise).
 */
export const queueRetryOp = operation("queue.retry", async (rt, args) => {
  const now = rt.clock.now();
  const waiting = await withReader(rt, (store) => waitingToRetry(store, args, now));
  const deadIds = args.ids?.filter((id) => !waiting.jobIds.has(id));
  const sceneIds = [...new Set(waiting.sceneIds)];
  if (sceneIds.length > 0) {
    await sendCommand(rt, { name: "sync-scenes", sceneIds, reason: "manual" }, "");
  }
  const retriesDead = args.state !== "retrying" && (deadIds === undefined || deadIds.length > 0);
  if (retriesDead) {
    const selection = deadIds ? { ids: deadIds } : args.all ? { all: true } : { errorClass: args.errorClass };
    await sendCommand(rt, { name: "retry-dead", selection }, "");
  }
  const affected = args.ids?.length ?? (args.state === "retrying" ? sceneIds.length : null);
  const what = affected === null ? "the scenes" : countOf(affected, "scene");
  return { accepted: true, affected, message: `Retry queued for ${what}: they sync again within seconds` };
});

function waitingToRetry(
  store: Store,
  args: OperationArgsOf<"queue.retry">,
  now: number,
): { jobIds: Set<string>; sceneIds: string[] } {
  if (!args.ids && args.state !== "retrying") return { jobIds: new Set(), sceneIds: [] };
  const wanted = args.ids ? new Set(args.ids) : null;
  const errorClass = wanted || args.all === true ? undefined : args.errorClass;
  const chosen = retryingJobs(store, errorClass, now).filter((j) => !wanted || wanted.has(j.id));
  return {
    jobIds: new Set(chosen.map((j) => j.id)),
    sceneIds: chosen.flatMap((j) => sceneIdOfJob(j) ?? []),
  };
}

/** Every job waiting for a later try (of one error class, when given), a page of the store at a time. */
function retryingJobs(store: Store, errorClass: string | undefined, now: number): JobView[] {
  const jobs: JobView[] = [];
  for (let page = 1; ; page++) {
    const { items, total } = store.listJobs({ state: "retrying", errorClass, page, perPage: 500 }, now);
    jobs.push(...items);
    if (items.length === 0 || jobs.length >= total) return jobs;
  }
}

export const queueDeleteOp = operation("queue.delete", async (rt, args) => {
  if (args.ids) {
    await runCommand(rt, { name: "delete-jobs", ids: args.ids });
    const ack = await sendCommand(
      rt,
      { name: "delete-dead", selection: { ids: args.ids } },
      `Removing ${countOf(args.ids.length, "scene")} from the queue`,
    );
    return { ...ack, affected: args.ids.length };
  }
  return sendCommand(
    rt,
    { name: "delete-dead", selection: { all: true } },
    "Removing every unsynced scene from the queue",
  );
});

export const queueClearOp = operation("queue.clear", (rt) =>
  sendCommand(rt, { name: "clear-pending" }, "Removing every queued scene (unsynced scenes are kept)"),
);

function countClasses(classes: string[]): Array<{ class: string; count: number }> {
  const counts = new Map<string, number>();
  for (const c of classes) counts.set(c, (counts.get(c) ?? 0) + 1);
  return [...counts].map(([cls, count]) => ({ class: cls, count })).sort((a, b) => b.count - a.count);
}
