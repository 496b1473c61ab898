import type { ReconcileReport } from "../../../plugin/ops/contracts";
import { formatStashDateTime } from "../../lib/stash-dates";
import { countOf } from "../../lib/words";

const SCOPES: Readonly<Record<string, string>> = {
  all: "every scene",
  "24h": "scenes changed in the last 24 hours",
  "7days": "scenes changed in the last 7 days",
  missing_metadata: "scenes without metadata in Plex",
};

export function ReconcileCard({
  report,
  busy,
  locale,
  onQueueGaps,
}: {
  report: ReconcileReport | null;
  locale: string;
  busy: boolean;
  onQueueGaps(): void;
}) {
  if (!report) return <p class="text-muted">No reconcile has run yet.</p>;
  const gaps = report.missing + report.stale + report.emptyMetadata;
  return (
    <div class="stash2plex-reconcile">
      <p class="mb-1">
        {formatStashDateTime(report.at, locale)} · {SCOPES[report.scope] ?? "selected scenes"} ·{" "}
        {countOf(report.scenesChecked, "scene")} checked
      </p>
      <ul class="mb-2">
        <li>{countOf(report.missing, "scene")} missing in Plex</li>
        <li>{countOf(report.stale, "scene")} out of date in Plex</li>
        <li>{countOf(report.emptyMetadata, "scene")} without metadata in Plex</li>
      </ul>
      {gaps > 0 && !report.queued && (
        <button type="button" class="btn btn-primary btn-sm" disabled={busy} onClick={onQueueGaps}>
          Queue all {countOf(gaps, "gap")}
        </button>
      )}
      {report.queued && <p class="small text-muted mb-0">These gaps have been queued.</p>}
    </div>
  );
}
