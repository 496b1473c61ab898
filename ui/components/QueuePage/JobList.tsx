import { useState } from "preact/hooks";
import type { Ack, JobState, QueueJob } from "../../../plugin/ops/contracts";
import { useDeps } from "../../lib/deps";
import { absoluteTime, relativeTime } from "../../lib/format";
import { useAction } from "../../lib/useAction";
import { useCachedAnswer } from "../../lib/useCachedAnswer";
import { ErrorAlert, Loading } from "../common";

export const PER_PAGE = 25;

interface Pending {
  question: string;
  label: string;
  action: () => Promise<Ack>;
}

/** One queue tab: a paged, filterable job table with bulk retry/delete behind a confirmation. */
export function JobList({ state, onChanged }: { state: Exclude<JobState, "running">; onChanged(): void }) {
  const { api, now, pollMs, baseHref, host } = useDeps();
  const [errorClass, setErrorClass] = useState<string | undefined>(undefined);
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [confirm, setConfirm] = useState<Pending | null>(null);
  const { busy, run } = useAction();
  const view = useCachedAnswer(
    `queue:${state}:${errorClass ?? "*"}:${page}`,
    () =>
      api.runOperation("queue.list", {
        state,
        page,
        perPage: PER_PAGE,
        ...(errorClass ? { errorClass } : {}),
      }),
    pollMs,
  );

  const ask = (question: string, label: string, action: () => Promise<Ack>) =>
    setConfirm({ question, label, action });
  const confirmed = (p: Pending) => {
    setConfirm(null);
    void run(p.label, async () => {
      const ack = await p.action();
      setSelected(new Set());
      return ack.message ?? `${p.label}: ${ack.affected ?? "some"} job(s)`;
    }).then(() => {
      view.refresh();
      onChanged();
    });
  };
  if (view.value === undefined) {
    return view.error ? <ErrorAlert error={view.error} onRetry={view.refresh} /> : <Loading what="jobs" />;
  }
  const list = view.value;
  const ids = [...selected];
  const pages = Math.max(1, Math.ceil(list.total / PER_PAGE));
  const canRetry = state !== "pending";
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };
  const openScene = (sceneId: string) => host.navigate(`/scenes/${sceneId}`);

  return (
    <div class="stash2plex-joblist">
      {view.error !== null && <ErrorAlert error={view.error} onRetry={view.refresh} />}
      <div class="d-flex flex-wrap align-items-center mb-2">
        <label class="mr-2 mb-0" for={`stash2plex-filter-${state}`}>
          Error class
        </label>
        <select
          id={`stash2plex-filter-${state}`}
          class="custom-select custom-select-sm w-auto mr-3"
          value={errorClass ?? ""}
          onChange={(e) => {
            const value = (e.currentTarget as HTMLSelectElement).value;
            setErrorClass(value === "" ? undefined : value);
            setPage(1);
            setSelected(new Set());
          }}
        >
          <option value="">All</option>
          {list.errorClasses.map((c) => (
            <option key={c.class} value={c.class}>
              {c.class} ({c.count})
            </option>
          ))}
        </select>
        {canRetry && (
          <button
            type="button"
            class="btn btn-sm btn-secondary mr-2"
            disabled={busy !== null || (ids.length === 0 && list.total === 0)}
            onClick={() =>
              ids.length > 0
                ? ask(`Retry ${ids.length} selected job(s)?`, "Retry", () =>
                    api.runOperation("queue.retry", { ids }),
                  )
                : errorClass
                  ? ask(`Retry every ${errorClass} job?`, "Retry", () =>
                      api.runOperation("queue.retry", { errorClass }),
                    )
                  : ask(`Retry all ${list.total} job(s)?`, "Retry", () =>
                      api.runOperation("queue.retry", { all: true }),
                    )
            }
          >
            {ids.length > 0 ? `Retry selected (${ids.length})` : "Retry all"}
          </button>
        )}
        <button
          type="button"
          class="btn btn-sm btn-danger"
          disabled={busy !== null || ids.length === 0}
          onClick={() =>
            ask(`Delete ${ids.length} selected job(s)? This cannot be undone.`, "Delete", () =>
              api.runOperation("queue.delete", { ids }),
            )
          }
        >
          Delete selected{ids.length > 0 ? ` (${ids.length})` : ""}
        </button>
      </div>
      {confirm && (
        <ConfirmBar pending={confirm} onYes={() => confirmed(confirm)} onNo={() => setConfirm(null)} />
      )}
      {list.jobs.length === 0 ? (
        <p class="text-muted stash2plex-empty">
          No {state} jobs{errorClass ? ` of class ${errorClass}` : ""}.
        </p>
      ) : (
        <JobTable
          jobs={list.jobs}
          selected={selected}
          onToggle={toggle}
          now={now()}
          base={baseHref}
          onOpen={openScene}
        />
      )}
      {pages > 1 && (
        <nav aria-label="Job pages" class="d-flex align-items-center">
          <button
            type="button"
            class="btn btn-sm btn-secondary"
            disabled={page <= 1}
            onClick={() => setPage(page - 1)}
          >
            Previous
          </button>
          <span class="mx-2 small">
            Page {page} of {pages} ({list.total} jobs)
          </span>
          <button
            type="button"
            class="btn btn-sm btn-secondary"
            disabled={page >= pages}
            onClick={() => setPage(page + 1)}
          >
            Next
          </button>
        </nav>
      )}
    </div>
  );
}

function ConfirmBar({ pending, onYes, onNo }: { pending: Pending; onYes(): void; onNo(): void }) {
  return (
    <div
      class="alert alert-warning d-flex align-items-center stash2plex-confirm"
      role="alertdialog"
      aria-label="Confirm"
    >
      <span class="flex-grow-1">{pending.question}</span>
      <button type="button" class="btn btn-sm btn-danger mr-2" onClick={onYes}>
        {pending.label}
      </button>
      <button type="button" class="btn btn-sm btn-secondary" onClick={onNo}>
        Cancel
      </button>
    </div>
  );
}

function JobTable(props: {
  jobs: QueueJob[];
  selected: ReadonlySet<string>;
  onToggle(id: string): void;
  onOpen(sceneId: string): void;
  now: number;
  base: string;
}) {
  return (
    <table class="table table-sm table-striped stash2plex-jobs">
      <thead>
        <tr>
          <th scope="col">
            <span class="sr-only">Select</span>
          </th>
          <th scope="col">Scene</th>
          <th scope="col">Attempts</th>
          <th scope="col">Next attempt</th>
          <th scope="col">Reason</th>
        </tr>
      </thead>
      <tbody>
        {props.jobs.map((job) => (
          <tr key={job.id}>
            <td>
              <input
                type="checkbox"
                checked={props.selected.has(job.id)}
                onChange={() => props.onToggle(job.id)}
                aria-label={`Select job ${job.id}`}
              />
            </td>
            <td class="text-break">
              {job.sceneId ? (
                <a
                  href={`${props.base}scenes/${encodeURIComponent(job.sceneId)}`}
                  onClick={(e) => {
                    e.preventDefault();
                    props.onOpen(job.sceneId ?? "");
                  }}
                >
                  {job.title ?? `Scene ${job.sceneId}`}
                </a>
              ) : (
                job.kind
              )}
            </td>
            <td>
              {job.attempts}/{job.maxAttempts}
            </td>
            <td title={job.nextAttemptAt === null ? undefined : absoluteTime(job.nextAttemptAt)}>
              {job.nextAttemptAt === null ? "—" : relativeTime(job.nextAttemptAt, props.now)}
            </td>
            <td class="text-break">
              {job.error ? (
                <>
                  <span class="badge badge-secondary mr-1">{job.error.class}</span>
                  {job.error.message}
                </>
              ) : (
                "—"
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
