import type { QueueSummary } from "../../../plugin/ops/contracts";
import { type PlexVerdict, plexVerdict } from "../../lib/plex-health";
import { formatStashDateTime, sinceWords } from "../../lib/stash-dates";
import { countOf, JOB_STATE_LABELS } from "../../lib/words";

/** Queue counts (in scenes), Plex's condition (breaker and health check as one verdict), the last outage. */
export function HealthCard({ summary, now, locale }: { summary: QueueSummary; now: number; locale: string }) {
  const { lastOutage, counts } = summary;
  const verdict = plexVerdict(summary, now, locale);
  return (
    <div class="stash2plex-health card mb-3">
      <div class="card-body">
        {summary.paused && (
          <div class="alert alert-danger" role="alert">
            The queue is paused{summary.pauseReason ? `: ${summary.pauseReason}` : "."}
          </div>
        )}
        <dl class="row mb-0">
          <dt class="col-sm-3">Queue</dt>
          <dd class="col-sm-9 stash2plex-counts">
            {countOf(counts.pending, "scene")} {JOB_STATE_LABELS.pending.toLowerCase()} ·{" "}
            {countOf(counts.running, "scene")} syncing now · {countOf(counts.retrying, "scene")}{" "}
            {JOB_STATE_LABELS.retrying.toLowerCase()} · {countOf(counts.dead, "scene")}{" "}
            {JOB_STATE_LABELS.dead.toLowerCase()}
          </dd>
          <dt class="col-sm-3">Plex</dt>
          <dd class="col-sm-9">
            <span class={`badge badge-${verdict.tone} mr-2`} data-plex={verdict.condition}>
              {verdict.label}
            </span>
            <span class="small">{verdict.sentence}</span>
          </dd>
          <dt class="col-sm-3">Last outage</dt>
          <dd class="col-sm-9">
            {lastOutage === null
              ? "None recorded"
              : lastOutage.end === null
                ? `Going on now, since ${formatStashDateTime(lastOutage.start, locale)}`
                : `${formatStashDateTime(lastOutage.start, locale)}, lasted ${lasted(lastOutage.end - lastOutage.start)} (ended ${sinceWords(lastOutage.end, now, locale)})`}
          </dd>
        </dl>
        <DrainProgress summary={summary} verdict={verdict} />
      </div>
    </div>
  );
}

function lasted(ms: number): string {
  if (ms < 60_000) return `${Math.max(1, Math.round(ms / 1000))} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

/**
 * The worker's progress. While Plex is down nothing moves: it says the scenes wait for Plex instead of showing
 * a busy bar. The worker lingers a while after the queue empties: an idle worker is not "working the queue".
 */
export function DrainProgress({ summary, verdict }: { summary: QueueSummary; verdict: PlexVerdict }) {
  const { drain, counts } = summary;
  const left = counts.pending + counts.retrying + counts.running;
  if (left === 0 || (!drain.running && !verdict.waiting)) return null;
  if (verdict.waiting || summary.paused) {
    return (
      <div class="stash2plex-drain mt-3" data-drain="waiting">
        <div class="small mb-1">
          {summary.paused ? "Paused" : "Waiting for Plex"}: {countOf(left, "scene")} will sync when{" "}
          {summary.paused ? "the queue resumes" : "Plex answers again"}.
        </div>
        <div class="progress">
          <div
            class="progress-bar bg-warning"
            role="progressbar"
            style={{ width: "0%" }}
            aria-valuenow={0}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-label="Queue progress: waiting for Plex"
          />
        </div>
      </div>
    );
  }
  const total = drain.total ?? 0;
  const percent = total > 0 ? Math.min(100, Math.round((drain.processed / total) * 100)) : null;
  return (
    <div class="stash2plex-drain mt-3" data-drain="working">
      <div class="small mb-1">
        Syncing:{" "}
        {drain.total !== null
          ? `${drain.processed} of ${countOf(drain.total, "scene")} done`
          : `${countOf(left, "scene")} left`}
      </div>
      <div class="progress">
        <div
          class={`progress-bar${percent === null ? " progress-bar-striped progress-bar-animated" : ""}`}
          role="progressbar"
          style={{ width: `${percent ?? 100}%` }}
          aria-valuenow={percent ?? undefined}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-label="Queue progress"
        />
      </div>
    </div>
  );
}
