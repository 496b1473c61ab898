import type { ImportSummary } from "../../../plugin/ops/contracts";
import { formatStashDateTime } from "../../lib/stash-dates";
import { countOf } from "../../lib/words";
import { Section } from "../common";

/** The last import from Plex (plays, resume points, ratings); nothing while no import setting was ever used. */
export function LastImport({ report, locale }: { report: ImportSummary | null | undefined; locale: string }) {
  if (!report) return null;
  return (
    <Section title="Last import from Plex">
      <div class="stash2plex-last-import">
        <p class="mb-1">{formatStashDateTime(report.at, locale)}</p>
        <ul class="mb-0">
          <li>{countOf(report.playsAdded, "play")} added to Stash</li>
          <li>{countOf(report.playsSkipped, "play")} already imported (skipped)</li>
          <li>{countOf(report.playsUnmatched, "play")} of Plex items that match no single scene</li>
          <li>
            {countOf(report.resumeUpdated, "resume point")} and {countOf(report.ratingsUpdated, "rating")}{" "}
            updated
          </li>
        </ul>
      </div>
    </Section>
  );
}
