/**
 * "Import Plays and Ratings from Plex" — and the same import after each scheduled reconcile when any import
 * setting is on (reconcile-tasks.ts passes the library sweep it just made, so Plex is read once).
 */
import { randomHex } from "../core/random-hex.js";
import { pathRulesOf } from "../core-sync/index.js";
import { pruneEchoMarks, writeEchoMark } from "../import/echo-marks.js";
import { importLedgerOf } from "../import/ledger-table.js";
import { anyImportOn, type ImportOutcome, runImport } from "../import/run-import.js";
import type { ImportReport } from "../import-rules/report.js";
import { importReportLines } from "../import-rules/report.js";
import { readLibraryIndex, selectSections } from "../library/library-cache.js";
import { type PlexLibrarySnapshot, sweepPlexLibrary } from "../reconcile/plex-listing.js";
import type { Runtime } from "../runtime/runtime.js";
import { openReader } from "../runtime/store-access.js";
import { type TaskContext, task } from "./task.js";

export const IMPORT_TASK_NAME = "Import Plays and Ratings from Plex";

export async function importFromPlex(
  rt: Runtime,
  trigger: ImportReport["trigger"],
  options: { library?: PlexLibrarySnapshot; onProgress?: (f: number) => void } = {},
): Promise<ImportOutcome> {
  if (!anyImportOn(rt.settings)) return { kind: "off" };
  const plex = await rt.plex();
  pruneEchoMarks(rt.dataDir, rt.clock.now());
  const reader = await openReader(rt);
  try {
    return await runImport({
      stash: rt.stash,
      plex,
      settings: rt.settings,
      rules: pathRulesOf(rt.settings),
      now: () => rt.clock.now(),
      logger: rt.logger.child("Import"),
      ledger: importLedgerOf(reader.database),
      owner: `${process.pid}-${randomHex(32)}`,
      trigger,
      library: async () => options.library ?? (await sweepPlexLibrary(rt)),
      sections: async () =>
        options.library?.sections ?? selectSections(await plex.sections(), rt.settings.plex_library),
      index: () => readLibraryIndex(reader),
      pin: (id) => reader.pinnedRatingKey(id),
      markEcho: (sceneId, rating100) => writeEchoMark(rt.dataDir, sceneId, { rating100, at: rt.clock.now() }),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
  } finally {
    await reader.close();
  }
}

/** The lines a run reports, whatever its outcome. */
export function importOutcomeLines(outcome: ImportOutcome): string[] {
  if (outcome.kind === "off") {
    return [
      "Nothing to import: Import plays, Import resume points and Import ratings are all off (Settings › Plugins › Stash2Plex).",
    ];
  }
  if (outcome.kind === "busy") return ["Another import from Plex is running; this one did nothing."];
  return importReportLines(outcome.report);
}

export const importFromPlexTask = task(IMPORT_TASK_NAME, async ({ rt, report }: TaskContext) => {
  const outcome = await importFromPlex(rt, "manual", { onProgress: (f) => rt.logger.progress(f) });
  for (const line of importOutcomeLines(outcome)) report(line);
  return { outcome: outcome.kind, ...(outcome.kind === "done" ? { report: outcome.report } : {}) };
});
