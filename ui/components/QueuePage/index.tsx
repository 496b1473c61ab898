import "./queue.css";
import { useRef, useState } from "preact/hooks";
import type { QueueSummary } from "../../../plugin/ops/contracts";
import { isRuntimeMissing } from "../../api/errors";
import { useDeps } from "../../lib/deps";
import { plexVerdict } from "../../lib/plex-health";
import { useQueueSummary } from "../../lib/queue-summary";
import { useAction } from "../../lib/useAction";
import { useFollow } from "../../lib/useFollow";
import { useStashLocale } from "../../lib/useStashLocale";
import { useStashVersion } from "../../lib/useStashVersion";
import { isOldStash } from "../../lib/version";
import { JOB_STATE_LABELS } from "../../lib/words";
import { ErrorAlert, Loading, Section, StaleNote } from "../common";
import { OldStashNotice } from "../OldStashNotice";
import { RuntimeMissing } from "../RuntimeMissing";
import { OutageTimeline, ThroughputChart } from "./Charts";
import { HealthCard } from "./HealthCard";
import { JobList, type ListState } from "./JobList";
import { LastImport } from "./LastImport";
import { ReconcileCard } from "./ReconcileCard";
import { TaskButtons } from "./TaskButtons";

const TABS: ReadonlyArray<{ state: ListState; label: string }> = [
  { state: "pending", label: JOB_STATE_LABELS.pending },
  { state: "retrying", label: JOB_STATE_LABELS.retrying },
  { state: "dead", label: JOB_STATE_LABELS.dead },
];

const TIMELINE_WINDOW_MS = 7 * 24 * 3_600_000;

function countsKey(s: QueueSummary | undefined): string {
  return s ? `${s.counts.pending}/${s.counts.running}/${s.counts.retrying}/${s.counts.dead}` : "";
}

/** Work the worker can do right now (not scenes waiting for a later try, nor anything while Plex is down). */
function workInFlight(s: QueueSummary, now: number, locale: string): boolean {
  return s.counts.pending + s.counts.running > 0 && !s.paused && !plexVerdict(s, now, locale).waiting;
}

/** The route page `/plugins/stash2plex`: queue, Plex's condition, charts, reconcile report, tasks. */
export function QueuePage() {
  const deps = useDeps();
  const [chosen, setTab] = useState<ListState | null>(null);
  const opened = useRef<ListState | null>(null);
  const version = useStashVersion();
  const locale = useStashLocale();
  const { busy, run } = useAction();
  // The navbar button on the same page reads the same shared poll; this page adds the faster follow below.
  const summary = useQueueSummary(deps.pollMs * 2);
  const actedOn = useRef("");
  const followed = useFollow({
    view: summary,
    now: deps.now,
    normalMs: deps.pollMs,
    isPending: (s) => workInFlight(s, deps.now(), locale),
    // Settled once the counts moved since the action and nothing is being worked on.
    isSettled: (s) => countsKey(s) !== actedOn.current && !workInFlight(s, deps.now(), locale),
  });
  const follow = () => {
    actedOn.current = countsKey(summary.value);
    followed.follow();
  };
  if (isRuntimeMissing(summary.error)) return <RuntimeMissing error={summary.error} />;

  const s = summary.value;
  // Until a tab is picked, the page opens on the first one with scenes in it, decided once (no jumping later).
  if (opened.current === null && s)
    opened.current = TABS.find((t) => s.counts[t.state] > 0)?.state ?? "pending";
  const tab = chosen ?? opened.current ?? "pending";
  const now = deps.now();
  const queueGaps = () =>
    void run("Queue gaps", () =>
      deps.api.runOperation("reconcile.queueGaps", {}).then((a) => {
        follow();
        return a.message ?? "Gaps queued";
      }),
    );

  return (
    <div class="stash2plex-queue-page container-fluid py-3">
      <h2>Stash2Plex</h2>
      {version && isOldStash(version) && <OldStashNotice version={version} />}
      <TaskButtons onStarted={follow} onFinished={summary.refresh} />
      {summary.stale && <StaleNote at={summary.at} now={now} />}
      {summary.error !== null && <ErrorAlert error={summary.error} onRetry={summary.refresh} />}
      {s === undefined ? (
        !summary.error && <Loading what="queue status" />
      ) : (
        <div aria-live="polite">
          <HealthCard summary={s} now={now} locale={locale} />
          <div class="row">
            <div class="col-lg-6">
              <Section title="Plex availability (7 days)">
                <OutageTimeline
                  outages={s.outages}
                  from={now - TIMELINE_WINDOW_MS}
                  now={now}
                  locale={locale}
                />
              </Section>
            </div>
            <div class="col-lg-6">
              <Section title="Scenes synced per hour">
                <ThroughputChart buckets={s.throughput} now={now} locale={locale} />
              </Section>
            </div>
          </div>
          <Section title="Last reconcile">
            <ReconcileCard
              report={s.lastReconcile}
              busy={busy !== null}
              locale={locale}
              onQueueGaps={queueGaps}
            />
          </Section>
          <LastImport report={s.lastImport} locale={locale} />
        </div>
      )}
      <div class="nav nav-tabs mb-2" role="tablist">
        {TABS.map((t) => (
          <div class="nav-item" key={t.state}>
            <button
              type="button"
              role="tab"
              aria-selected={tab === t.state}
              class={`nav-link${tab === t.state ? " active" : ""}`}
              onClick={() => setTab(t.state)}
            >
              {t.label}
              {s ? ` (${s.counts[t.state]})` : ""}
            </button>
          </div>
        ))}
      </div>
      <div role="tabpanel">
        <JobList key={tab} state={tab} countsKey={countsKey(s)} locale={locale} onActed={follow} />
      </div>
    </div>
  );
}
