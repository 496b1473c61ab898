/** The last import's report as the queue page shows it. */
import type { ImportSummary } from "../ops/contracts.js";
import type { ImportLedger } from "./ledger.js";

export function lastImportSummary(ledger: Pick<ImportLedger, "lastReport">): ImportSummary | null {
  const report = ledger.lastReport();
  if (!report) return null;
  return {
    at: report.at,
    playsAdded: report.playsAdded,
    playsSkipped: report.playsSkipped,
    playsUnmatched: report.playsUnmatched + report.playsAmbiguous,
    resumeUpdated: report.resumeUpdated,
    ratingsUpdated: report.ratingsUpdated,
  };
}
