/** The last import's report as the queue page shows it. */

import type { ImportLedger } from "../import-rules/ledger.js";
import type { ImportSummary } from "./contracts.js";

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
