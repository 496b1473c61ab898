import { useEffect, useRef, useState } from "preact/hooks";
import type { Ack } from "../../../plugin/ops/contracts";
import { useDeps } from "../../lib/deps";
import { useAction } from "../../lib/useAction";
import { useCachedAnswer } from "../../lib/useCachedAnswer";
import { usePoll } from "../../lib/usePoll";
import { countOf, errorClassLabel } from "../../lib/words";
import { ErrorAlert, Loading } from "../common";
import { JobTable } from "./JobTable";

export const PER_PAGE = 25;

export type ListState = "pending" | "retrying" | "dead";

interface Pending {
  question: string;
  label: string;
  /** Shown on the affected rows once the plugin accepted the action. */
  actedLabel: string;
  ids: string[];
  action: () => Promise<Ack>;
}

interface Acted {
  ids: ReadonlySet<string>;
  label: string;
  at: number;
}

export interface JobListProps {
  state: ListState;
  /** Changes whenever the queue summary's counts change: the list is read again then. */
  countsKey: string;
  locale: string;
  /** An action was accepted: the page follows the queue until it settles. */
  onActed(): void;
}

/**
 * One queue tab: a paged job table filterable by problem, with retry/delete behind a confirmation. The list is
 * read again when the queue's counts change (the page's summary poll sees that), plus a slow poll (every
 * 4 poll intervals) for the "next try" times: one read a minute while nothing moves.
 */
export function JobList({ state, countsKey, locale, onActed }: JobListProps) {
  const { api, now, pollMs, baseHref, host } = useDeps();
  const [errorClass, setErrorClass] = useState<string | undefined>(undefined);
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [confirm, setConfirm] = useState<Pending | null>(null);
  const [acted, setActed] = useState<Acted | null>(null);
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
    0,
  );
  usePoll(view.refresh, pollMs * 4);
  const seenCounts = useRef(countsKey);
  const refreshList = useRef(view.refresh);
  refreshList.current = view.refresh;
  useEffect(() => {
    if (countsKey === seenCounts.current) return;
    seenCounts.current = countsKey;
    refreshList.current();
  }, [countsKey]);
  // The acted rows keep their "Retry queued" mark until a later answer no longer lists them.
  useEffect(() => {
    if (!acted || view.value === undefined || view.at === undefined || view.at <= acted.at) return;
    // A row still listed half a minute on was tried again and is back with its new outcome.
    if (view.at - acted.at > 30_000 || !view.value.jobs.some((j) => acted.ids.has(j.id))) setActed(null);
  }, [view.value, view.at, acted]);

  const confirmed = (p: Pending) => {
    setConfirm(null);
    void run(p.label, async () => {
      const ack = await p.action();
      setActed({ ids: new Set(p.ids), label: p.actedLabel, at: now() });
      setSelected(new Set());
      onActed();
      return ack.message ?? `${p.label}: ${countOf(p.ids.length, "scene")}`;
    }).then(view.refresh);
  };
  if (view.value === undefined) {
    return view.error ? <ErrorAlert error={view.error} onRetry={view.refresh} /> : <Loading what="jobs" />;
  }
  const list = view.value;
  const ids = [...selected];
  const pages = Math.max(1, Math.ceil(list.total / PER_PAGE));
  const visibleIds = list.jobs.map((j) => j.id);
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };
  const retry = () => {
    if (state === "pending") return; // no Retry on the Queued tab
    const ask = (question: string, rowIds: string[], action: () => Promise<Ack>) =>
      setConfirm({ question, label: "Retry", actedLabel: "Retry queued", ids: rowIds, action });
    if (ids.length > 0)
      ask(`Retry ${countOf(ids.length, "selected scene")}?`, ids, () =>
        api.runOperation("queue.retry", { ids }),
      );
    else if (errorClass)
      ask(`Retry every scene marked "${errorClassLabel(errorClass)}"?`, visibleIds, () =>
        api.runOperation("queue.retry", { errorClass, state }),
      );
    else
      ask(`Retry all ${countOf(list.total, "scene")}?`, visibleIds, () =>
        api.runOperation("queue.retry", { all: true, state }),
      );
  };

  return (
    <div class="stash2plex-joblist">
      {view.error !== null && <ErrorAlert error={view.error} onRetry={view.refresh} />}
      <div class="d-flex flex-wrap align-items-center mb-2 stash2plex-list-tools">
        <label class="mr-2 mb-0" for={`stash2plex-filter-${state}`}>
          Problem
        </label>
        <select
          id={`stash2plex-filter-${state}`}
          class="form-control input-control stash2plex-filter mr-3"
          value={errorClass ?? ""}
          onChange={(e) => {
            const value = (e.currentTarget as HTMLSelectElement).value;
            setErrorClass(value === "" ? undefined : value);
            setPage(1);
            setSelected(new Set());
          }}
        >
          <option value="">Any</option>
          {list.errorClasses.map((c) => (
            <option key={c.class} value={c.class}>
              {errorClassLabel(c.class)} ({c.count})
            </option>
          ))}
        </select>
        {state !== "pending" && (
          <button
            type="button"
            class="btn btn-sm btn-secondary mr-2"
            disabled={busy !== null || (ids.length === 0 && list.total === 0)}
            onClick={retry}
          >
            {ids.length > 0 ? `Retry selected (${ids.length})` : "Retry all"}
          </button>
        )}
        <button
          type="button"
          class="btn btn-sm btn-danger"
          disabled={busy !== null || ids.length === 0}
          onClick={() =>
            setConfirm({
              question: `Remove ${countOf(ids.length, "selected scene")} from the queue? This cannot be undone.`,
              label: "Delete",
              actedLabel: "Removing…",
              ids,
              action: () => api.runOperation("queue.delete", { ids }),
            })
          }
        >
          Delete selected{ids.length > 0 ? ` (${ids.length})` : ""}
        </button>
      </div>
      {confirm && (
        <ConfirmBar pending={confirm} onYes={() => confirmed(confirm)} onNo={() => setConfirm(null)} />
      )}
      {list.jobs.length === 0 ? (
        <p class="text-muted stash2plex-empty">{emptyText(state, errorClass)}</p>
      ) : (
        <JobTable
          jobs={list.jobs}
          selected={selected}
          acted={acted}
          onToggle={toggle}
          now={now()}
          locale={locale}
          base={baseHref}
          onOpen={(sceneId) => host.navigate(`/scenes/${sceneId}`)}
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
            Page {page} of {pages} ({countOf(list.total, "scene")})
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

const EMPTY: Record<ListState, string> = {
  pending: "No scene is queued.",
  retrying: "No scene is waiting for another try.",
  dead: "No scene is left unsynced.",
};

function emptyText(state: ListState, errorClass: string | undefined): string {
  return errorClass ? `No scene marked "${errorClassLabel(errorClass)}" here.` : EMPTY[state];
}

/** Takes the focus when it opens, so keyboard and screen-reader users land on the question. */
function ConfirmBar({ pending, onYes, onNo }: { pending: Pending; onYes(): void; onNo(): void }) {
  const bar = useRef<HTMLDivElement>(null);
  useEffect(() => bar.current?.focus(), []);
  return (
    <div
      ref={bar}
      tabIndex={-1}
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
