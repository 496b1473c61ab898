import type { ImportSummary } from "../../../plugin/ops/contracts";
import { formatStashDateTime } from "../../lib/stash-dates";
import { Section } from "../common";

/** The last import from Plex (plays, resume points, ratings); nothing while no import setting was ever used. */
export function LastImport({ report, locale }: { report: ImportSummary | null | undefined; locale: string }) {
  if (!report) return null;
  return (
    <Section title="Last import from Plex">
      <div class="stash2plex-last-import">
        <p class="mb-1">{formatStashDateTime(report.at, locale)}</p>
        <ul class="mb-0">
          <li>{report.playsAdded} plays added to Stash</li>
          <li>{report.playsSkipped} plays already imported (skipped)</li>
          <li>{report.playsUnmatched} plays of Plex items that match no single scene</li>
          <li>
            {report.resumeUpdated} resume points and {report.ratingsUpdated} ratings updated
          </li>
        </ul>
      </div>
    </Section>
  );
}
