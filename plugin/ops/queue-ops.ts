import { ensureDrainer } from "../app/drainer-spawn.js";
import type { Runtime } from "../app/runtime.js";
import { readLastImport } from "../import/last-import.js";
import { lastReconcileReport } from "../reconcile/run.js";
import { PlexCircuitBreaker } from "../resilience/index.js";
import {
  DEFAULT_MAX_ATTEMPTS,
  HELD_ID_PREFIX,
  isWriterAlive,
  type JobView,
  type StoreReader,
  writeInboxEntry,
} from "../store/index.js";
import { openReader } from "../tasks/store-access.js";
import { type Command, commandEnvelope } from "../worker/commands.js";
import { readResilience } from "../worker/resilience-state.js";
import { throughput } from "../worker/stats.js";
import type { Ack, JobState, QueueJob, QueueList, QueueSummary, ReconcileReport } from "./contracts.js";
import { reconcileReportSchema } from "./contracts.js";
import { type OperationArgsOf, operation } from "./operation.js";

/**
 * Operations never take the writer role: reads come from a read-only view of the store, writes become inbox
 * commands for the drainer (started here if none runs), so a UI click can never race the worker.
 */
export async function sendCommand(rt: Runtime, command: Command, message: string): Promise<Ack> {
  writeInboxEntry(rt.dataDir, commandEnvelope(command, rt.clock.now()), rt.clock);
  await startDrainer(rt);
  return { accepted: true, affected: null, message };
}

export async function startDrainer(rt: Runtime): Promise<void> {
  await ensureDrainer({
    clock: rt.clock,
    dataDir: rt.dataDir,
    scriptPath: rt.scriptPath,
    input: rt.input,
    isDrainerAlive: () => isWriterAlive(rt.dataDir),
  });
}

async function withReader<T>(rt: Runtime, fn: (store: StoreReader) => Promise<T> | T): Promise<T> {
  const store = await openReader(rt);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

export const queueSummaryOp = operation("queue.summary", async (rt) => {
  const now = rt.clock.now();
  const running = await isWriterAlive(rt.dataDir);
  const summary = await withReader(rt, (store): QueueSummary => {
    const c = store.countsByState(now);
    const resilience = readResilience(store);
    const breaker = PlexCircuitBreaker.fromJSON(resilience.breaker, {
      random: Math.random,
      logger: rt.logger,
    }).snapshot(now);
    const outages = resilience.outages.map((o) => ({ start: o.start, end: o.end }));
    const paused = store.paused();
    const stats = store.stats();
    // With a drainer holding the store, a reconcile's report lives in its side file: read the newer one.
    const last = reconcileReportSchema.safeParse(lastReconcileReport(rt.dataDir, store.reconcileReports()));
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
      lastImport: readLastImport(rt.dataDir),
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

function listPage(store: StoreReader, args: OperationArgsOf<"queue.list">, now: number): QueueList {
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
          sceneId: sceneIdOf(dl.job.payload),
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
  const views = STORE_STATES[args.state].flatMap((state) => store.jobViews({ state }, now));
  const filtered = args.errorClass ? views.filter((j) => j.lastError?.class === args.errorClass) : views;
  const start = (args.page - 1) * args.perPage;
  const held = args.state === "pending" && !args.errorClass ? store.heldScenes() : new Map();
  return {
    total: filtered.length + held.size,
    errorClasses: countClasses(views.flatMap((j) => (j.lastError ? [j.lastError.class] : []))),
    jobs: [
      ...jobRows(filtered.slice(start, start + args.perPage), args.state),
      ...heldRows(held, start - filtered.length, args.perPage - Math.max(0, filtered.length - start), now),
    ],
  };
}

function jobRows(views: JobView[], state: JobState): QueueJob[] {
  return views.map(
    (j): QueueJob => ({
      id: j.id,
      kind: j.kind,
      sceneId: sceneIdOf(j.payload),
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

/**
 * Scenes a bulk sync holds, listed after the jobs as pending rows (`held:<sceneId>`; deleting one forgets it).
 * Only the rows of the page are built: 100k held scenes cost one walk of the map, not 100k objects.
 */
function heldRows(
  held: ReadonlyMap<string, readonly string[]>,
  offset: number,
  limit: number,
  now: number,
): QueueJob[] {
  const rows: QueueJob[] = [];
  if (limit <= 0) return rows;
  let index = 0;
  for (const sceneId of held.keys()) {
    if (rows.length >= limit) break;
    if (index++ < offset) continue;
    rows.push({
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
    });
  }
  return rows;
}

export const queueRetryOp = operation("queue.retry", (rt, args) =>
  sendCommand(
    rt,
    { name: "retry-dead", selection: args },
    "Retry queued; the worker applies it within seconds",
  ),
);

export const queueDeleteOp = operation("queue.delete", async (rt, args) => {
  if (args.ids) {
    await sendCommand(rt, { name: "delete-jobs", ids: args.ids }, "");
    return sendCommand(
      rt,
      { name: "delete-dead", selection: { ids: args.ids } },
      "Delete sent to the worker",
    );
  }
  return sendCommand(rt, { name: "delete-dead", selection: { all: true } }, "Delete sent to the worker");
});

export const queueClearOp = operation("queue.clear", (rt) =>
  sendCommand(rt, { name: "clear-pending" }, "Pending jobs will be removed (dead letters are kept)"),
);

function countClasses(classes: string[]): Array<{ class: string; count: number }> {
  const counts = new Map<string, number>();
  for (const c of classes) counts.set(c, (counts.get(c) ?? 0) + 1);
  return [...counts].map(([cls, count]) => ({ class: cls, count })).sort((a, b) => b.count - a.count);
}

function sceneIdOf(payload: unknown): string | null {
  const id = (payload as { sceneId?: unknown } | null)?.sceneId;
  return typeof id === "string" ? id : null;
}
