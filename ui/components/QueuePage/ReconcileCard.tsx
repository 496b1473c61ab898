import type { ReconcileReport } from "../../../plugin/ops/contracts";
import { absoluteTime } from "../../lib/format";

export function ReconcileCard({
  report,
  busy,
  onQueueGaps,
}: {
  report: ReconcileReport | null;
  busy: boolean;
  onQueueGaps(): void;
}) {
  if (!report) return <p class="text-muted">No reconcile has run yet.</p>;
  const gaps = report.missing + report.stale + report.emptyMetadata;
  return (
    <div class="stash2plex-reconcile">
      <p class="mb-1">
        {absoluteTime(report.at)} · scope {report.scope} · {report.scenesChecked} scenes checked
      </p>
      <ul class="mb-2">
        <li>{report.missing} missing in Plex</li>
        <li>{report.stale} out of date</li>
        <li>{report.emptyMetadata} without metadata in Plex</li>
      </ul>
      {gaps > 0 && !report.queued && (
        <button type="button" class="btn btn-primary btn-sm" disabled={busy} onClick={onQueueGaps}>
          Queue all {gaps} gaps
        </button>
      )}
      {report.queued && <p class="small text-muted mb-0">These gaps have been queued.</p>}
    </div>
  );
}
