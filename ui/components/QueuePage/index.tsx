import { useState } from "preact/hooks";
import { isRuntimeMissing } from "../../api/errors";
import { useDeps } from "../../lib/deps";
import { useAction } from "../../lib/useAction";
import { useCachedAnswer } from "../../lib/useCachedAnswer";
import { useStashVersion } from "../../lib/useStashVersion";
import { isOldStash } from "../../lib/version";
import { ErrorAlert, Loading, Section, StaleNote } from "../common";
import { OldStashNotice } from "../OldStashNotice";
import { RuntimeMissing } from "../RuntimeMissing";
import { OutageTimeline, ThroughputChart } from "./Charts";
import { HealthCard } from "./HealthCard";
import { JobList } from "./JobList";
import { LastImport } from "./LastImport";
import { ReconcileCard } from "./ReconcileCard";
import { TaskButtons } from "./TaskButtons";

const TABS = [
  { state: "pending", label: "Pending" },
  { state: "retrying", label: "Retrying" },
  { state: "dead", label: "Failed (dead letters)" },
] as const;
type Tab = (typeof TABS)[number]["state"];

const TIMELINE_WINDOW_MS = 7 * 24 * 3_600_000;

/** The route page `/plugins/stash2plex`: queue, breaker and health, charts, reconcile report, tasks. */
export function QueuePage() {
  const deps = useDeps();
  const [tab, setTab] = useState<Tab>("pending");
  const version = useStashVersion();
  const { busy, run } = useAction();
  const summary = useCachedAnswer(
    "queue:summary",
    () => deps.api.runOperation("queue.summary", {}),
    deps.pollMs,
  );
  if (isRuntimeMissing(summary.error)) return <RuntimeMissing />;

  const s = summary.value;
  const now = deps.now();
  const count = (state: Tab) => (s ? ` (${s.counts[state]})` : "");
  const queueGaps = () =>
    void run("Queue gaps", () =>
      deps.api.runOperation("reconcile.queueGaps", {}).then((a) => a.message ?? "Gaps queued"),
    ).then(summary.refresh);

  return (
    <div class="stash2plex-queue-page container-fluid py-3">
      <h2>Stash2Plex</h2>
      {version && isOldStash(version) && <OldStashNotice version={version} />}
      <TaskButtons onFinished={summary.refresh} />
      {summary.stale && <StaleNote at={summary.at} now={now} />}
      {summary.error !== null && <ErrorAlert error={summary.error} onRetry={summary.refresh} />}
      {s === undefined ? (
        !summary.error && <Loading what="queue status" />
      ) : (
        <>
          <HealthCard summary={s} now={now} />
          <div class="row">
            <div class="col-lg-6">
              <Section title="Plex outages (7 days)">
                <OutageTimeline outages={s.outages} from={now - TIMELINE_WINDOW_MS} now={now} />
              </Section>
            </div>
            <div class="col-lg-6">
              <Section title="Throughput">
                <ThroughputChart buckets={s.throughput} />
              </Section>
            </div>
          </div>
          <Section title="Last reconcile">
            <ReconcileCard report={s.lastReconcile} busy={busy !== null} onQueueGaps={queueGaps} />
          </Section>
          <LastImport report={s.lastImport} />
        </>
      )}
      <div class="nav nav-tabs mb-2" role="tablist">
        {TABS.map((t) => (
          <button
            key={t.state}
            type="button"
            role="tab"
            aria-selected={tab === t.state}
            class={`nav-link btn btn-link${tab === t.state ? " active" : ""}`}
            onClick={() => setTab(t.state)}
          >
            {t.label}
            {count(t.state)}
          </button>
        ))}
      </div>
      <div role="tabpanel">
        <JobList key={tab} state={tab} onChanged={summary.refresh} />
      </div>
    </div>
  );
}
