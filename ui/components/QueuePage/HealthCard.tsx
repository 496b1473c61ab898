import type { QueueSummary } from "../../../plugin/ops/contracts";
import { absoluteTime, formatDuration, relativeTime } from "../../lib/format";

const BREAKER: Record<QueueSummary["breaker"]["state"], { label: string; variant: string }> = {
  closed: { label: "Closed (Plex reachable)", variant: "success" },
  open: { label: "Open (Plex down — jobs wait)", variant: "danger" },
  half_open: { label: "Half-open (testing Plex)", variant: "warning" },
};

export function HealthCard({ summary, now }: { summary: QueueSummary; now: number }) {
  const { breaker, health, lastOutage, counts } = summary;
  const look = BREAKER[breaker.state];
  return (
    <div class="stash2plex-health card mb-3">
      <div class="card-body">
        {summary.paused && (
          <div class="alert alert-danger" role="alert">
            Queue paused{summary.pauseReason ? `: ${summary.pauseReason}` : "."}
          </div>
        )}
        <dl class="row mb-0">
          <dt class="col-sm-3">Queue</dt>
          <dd class="col-sm-9">
            {counts.pending} pending · {counts.retrying} retrying · {counts.running} running · {counts.dead}{" "}
            failed
          </dd>
          <dt class="col-sm-3">Circuit breaker</dt>
          <dd class="col-sm-9">
            <span class={`badge badge-${look.variant}`} data-breaker={breaker.state}>
              {look.label}
            </span>
            {breaker.openedAt !== null && breaker.state !== "closed" && (
              <span class="ml-2 small">since {relativeTime(breaker.openedAt, now)}</span>
            )}
            {breaker.failures > 0 && <span class="ml-2 small">{breaker.failures} recent failures</span>}
          </dd>
          <dt class="col-sm-3">Plex health</dt>
          <dd class="col-sm-9">{describeHealth(summary.health, now)}</dd>
          <dt class="col-sm-3">Last outage</dt>
          <dd class="col-sm-9">
            {lastOutage === null
              ? "None recorded"
              : lastOutage.end === null
                ? `Ongoing since ${absoluteTime(lastOutage.start)}`
                : `${absoluteTime(lastOutage.start)}, lasted ${formatDuration(lastOutage.end - lastOutage.start)}`}
          </dd>
        </dl>
        {health.ok === false && <span class="sr-only">Plex is down</span>}
        <DrainProgress drain={summary.drain} counts={summary.counts} />
      </div>
    </div>
  );
}

function describeHealth(health: QueueSummary["health"], now: number): string {
  if (health.lastCheckAt === null || health.ok === null) return "Not checked yet";
  const when = relativeTime(health.lastCheckAt, now);
  if (!health.ok) return `Unreachable (checked ${when})`;
  return `OK${health.latencyMs === null ? "" : `, ${Math.round(health.latencyMs)} ms`} (checked ${when})`;
}

export function DrainProgress({
  drain,
  counts,
}: {
  drain: QueueSummary["drain"];
  counts?: QueueSummary["counts"];
}) {
  // The worker lingers a while after the queue empties: an idle worker is not "working the queue".
  const left = counts ? counts.pending + counts.retrying + counts.running : null;
  if (!drain.running || left === 0) return null;
  const total = drain.total ?? 0;
  const percent = total > 0 ? Math.min(100, Math.round((drain.processed / total) * 100)) : null;
  return (
    <div class="stash2plex-drain mt-3">
      <div class="small mb-1">
        Working the queue: {drain.processed}
        {drain.total !== null ? ` of ${drain.total}` : ""} done
        {drain.total === null && left !== null ? `, ${left} left` : ""}
      </div>
      <div class="progress">
        <div
          class={`progress-bar${percent === null ? " progress-bar-striped progress-bar-animated" : ""}`}
          role="progressbar"
          style={{ width: `${percent ?? 100}%` }}
          aria-valuenow={percent ?? undefined}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-label="Queue drain progress"
        />
      </div>
    </div>
  );
}
