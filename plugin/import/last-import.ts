/** The last import's report as the queue page shows it (read without taking the import's lease). */
import type { ImportSummary } from "../ops/contracts.js";
import { readLedgerData } from "./file-ledger.js";

export function readLastImport(dataDir: string): ImportSummary | null {
  const report = readLedgerData(dataDir).report;
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
