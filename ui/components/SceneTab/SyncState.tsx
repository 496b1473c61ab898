import type { SceneStatus } from "../../../plugin/ops/contracts";
import { absoluteTime, formatValue, relativeTime } from "../../lib/format";
import { StatusBadge } from "../StatusBadge";

export function JobState({ job, now }: { job: NonNullable<SceneStatus["job"]>; now: number }) {
  return (
    <div class={`stash2plex-job stash2plex-job-${job.state}`}>
      <StatusBadge state={job.state} /> <span class="ml-1">{describeJob(job, now)}</span>
      {job.error && (
        <div class="small mt-1">
          <span class="text-muted">{job.error.class}:</span>{" "}
          <span class="stash2plex-error-text">{job.error.message}</span>
        </div>
      )}
    </div>
  );
}

function describeJob(job: NonNullable<SceneStatus["job"]>, now: number): string {
  const tries = `${job.attempts} attempt${job.attempts === 1 ? "" : "s"}`;
  switch (job.state) {
    case "pending":
      return job.nextAttemptAt
        ? `Waiting to sync, ${relativeTime(job.nextAttemptAt, now)}.`
        : "Waiting to sync.";
    case "running":
      return "Syncing now…";
    case "retrying":
      return job.nextAttemptAt
        ? `Failed ${tries}; next attempt ${relativeTime(job.nextAttemptAt, now)}.`
        : `Failed ${tries}; will retry.`;
    case "dead":
      return `Gave up after ${tries}. Fix the cause, then Sync now.`;
  }
}

export function LastSync({ lastSync, now }: { lastSync: SceneStatus["lastSync"]; now: number }) {
  if (!lastSync) return <p class="text-muted mb-2">Never synced.</p>;
  return (
    <div class="stash2plex-last-sync mb-2">
      <span title={absoluteTime(lastSync.at)}>Last synced {relativeTime(lastSync.at, now)}</span>
      {lastSync.changes.length === 0 ? (
        <span class="text-muted"> — nothing needed changing.</span>
      ) : lastSync.changes.every((c) => c.from === null && c.to === null) ? (
        // The plugin records which fields it wrote, not always their values: name them without "— → —".
        <span class="stash2plex-changed-fields">
          {" "}
          — updated {lastSync.changes.map((c) => c.field).join(", ")}.
        </span>
      ) : (
        <ul class="small mb-0 mt-1">
          {lastSync.changes.map((c) => (
            <li key={c.field}>
              <strong>{c.field}</strong>: <span class="text-muted">{formatValue(c.from)}</span> →{" "}
              <span>{formatValue(c.to)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
