import { silentLogger } from "../log/silent-logger.js";
import { formatDuration, formatElapsedSince, PlexCircuitBreaker } from "../resilience/index.js";
import type { Store } from "../store/index.js";
import { readResilience } from "../worker/resilience-state.js";

/** The "View Queue Status" report: counts, dead letters by class, breaker, health, outages, last reconcile. */
export function formatQueueStatus(store: Store, now: number) {
  const counts = store.countsByState(now);
  const dead = store.listDeadLetters({ perPage: 500 });
  const byClass = new Map<string, number>();
  for (const dl of dead.items) byClass.set(dl.error.class, (byClass.get(dl.error.class) ?? 0) + 1);
  const resilience = readResilience(store);
  const breaker = PlexCircuitBreaker.fromJSON(resilience.breaker, {
    random: Math.random,
    logger: silentLogger,
  }).snapshot(now);
  const paused = store.paused();
  const reports = store.reconcileReports();
  const lines = [
    "=== Queue Status ===",
    `Pending: ${counts.pending} | Waiting for Plex: ${counts.waiting} | Retrying: ${counts.retrying} | Running: ${counts.running}`,
    `Dead letters: ${counts.deadLetters}`,
    ...[...byClass].map(([cls, n]) => `  ${cls}: ${n}`),
    paused ? `PAUSED since ${formatElapsedSince(paused.since, now)}: ${paused.reason}` : "Queue is running",
    "=== Circuit Breaker ===",
    breaker.state === "closed"
      ? `CLOSED (${breaker.failures}/${breaker.failureThreshold} recent failures)`
      : `${breaker.state.toUpperCase()}${breaker.openedAt ? `, opened ${formatElapsedSince(breaker.openedAt, now)}` : ""}${breaker.nextProbeAt ? `, next probe in ${formatDuration(Math.max(0, breaker.nextProbeAt - now))}` : ""}`,
    "=== Plex Health ===",
    resilience.health.lastCheckAt
      ? `Last check ${formatElapsedSince(resilience.health.lastCheckAt, now)}: ${resilience.health.ok ? `OK (${resilience.health.latencyMs} ms)` : "unreachable"}`
      : "No health check yet",
    "=== Recent Outages ===",
    ...recentOutages(resilience.outages, now, breaker.state === "closed"),
    "=== Reconciliation ===",
    reports.length
      ? `Last run: ${JSON.stringify(reports[reports.length - 1]).slice(0, 300)}`
      : "No reconciliation runs yet",
  ];
  return {
    lines,
    data: {
      counts,
      deadLettersByClass: Object.fromEntries(byClass),
      breaker,
      paused,
      health: resilience.health,
      outages: resilience.outages.slice(-3),
      lastReconcile: reports[reports.length - 1] ?? null,
    },
  };
}

function recentOutages(
  outages: ReadonlyArray<{ start: number; end: number | null }>,
  now: number,
  closed: boolean,
) {
  if (outages.length === 0) return ["No outages recorded"];
  return outages.slice(-3).map((o) => {
    if (o.end !== null) return `${new Date(o.start).toISOString()} — ${formatDuration(o.end - o.start)}`;
    return closed
      ? `${new Date(o.start).toISOString()} — resolved (circuit closed)`
      : `${new Date(o.start).toISOString()} — ONGOING (${formatDuration(now - o.start)})`;
  });
}
