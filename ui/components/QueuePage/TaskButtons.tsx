import { useState } from "preact/hooks";
import type { StashJob } from "../../api/client";
import { errorText } from "../../api/errors";
import { useDeps } from "../../lib/deps";
import { usePoll } from "../../lib/usePoll";

/** Manifest task names (Stash2Plex.yml `tasks[].name`). */
export const TASKS = [
  { label: "Sync All", task: "Sync All Scenes to Plex" },
  { label: "Reconcile", task: "Reconcile Library (All)" },
  { label: "Process Queue", task: "Process Queue" },
] as const;

const DONE: ReadonlySet<StashJob["status"]> = new Set(["FINISHED", "CANCELLED", "FAILED"]);
const FOLLOW_MS = 1_000;

interface Followed {
  label: string;
  jobId: string;
  job: StashJob | null;
}

/**
 * Starts a task as a Stash job (with Stash's own progress and cancel) and follows it with findJob: "waiting to
 * start" at once, then its progress, and the queue is read again as soon as the job is done.
 */
export function TaskButtons({ onStarted, onFinished }: { onStarted(): void; onFinished(): void }) {
  const { api, host } = useDeps();
  const [followed, setFollowed] = useState<Followed | null>(null);
  const running = followed !== null && !(followed.job && DONE.has(followed.job.status));

  const start = async (label: string, task: string) => {
    try {
      const jobId = await api.runPluginTask(task);
      setFollowed({ label, jobId, job: null });
      onStarted();
      host.toast.success(`${label} started`);
    } catch (error) {
      host.toast.error(`${label} could not start: ${errorText(error)}`);
    }
  };

  usePoll(
    () => {
      if (!followed || !running) return;
      api.findJob(followed.jobId).then(
        (job) => {
          setFollowed((f) => (f && f.jobId === followed.jobId ? { ...f, job } : f));
          if (job === null || DONE.has(job.status)) onFinished();
        },
        () => {},
      );
    },
    running ? FOLLOW_MS : 0,
  );

  return (
    <div class="stash2plex-tasks mb-3">
      <div class="btn-toolbar" role="toolbar" aria-label="Stash2Plex tasks">
        {TASKS.map((t) => (
          <button
            key={t.task}
            type="button"
            class="btn btn-secondary mr-2"
            disabled={running}
            onClick={() => void start(t.label, t.task)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {followed && <FollowedJob followed={followed} />}
    </div>
  );
}

function FollowedJob({ followed }: { followed: Followed }) {
  const job = followed.job;
  const status = job?.status ?? "READY";
  const percent = job?.progress != null ? Math.round(job.progress * 100) : null;
  return (
    <div class="stash2plex-task-progress mt-2" data-status={status}>
      <div class="small">
        {followed.label}: {status === "READY" ? "waiting to start" : status.toLowerCase()}
        {percent !== null && ` (${percent}%)`}
        {job?.error ? ` — ${job.error}` : ""}
      </div>
      {!DONE.has(status) && (
        <div class="progress">
          <div
            class="progress-bar"
            role="progressbar"
            style={{ width: `${percent ?? 0}%` }}
            aria-valuenow={percent ?? 0}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-label={`${followed.label} progress`}
          />
        </div>
      )}
    </div>
  );
}
