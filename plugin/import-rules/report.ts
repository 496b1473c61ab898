/** The last import's report: what the queue page and the task's result line show. */
import * as z from "zod/mini";

export const importReportSchema = z.object({
  at: z.number(),
  trigger: z.enum(["manual", "schedule"]),
  playsAdded: z.int().check(z.nonnegative()),
  /** Already imported before (re-read inside the look-back window). */
  playsSkipped: z.int().check(z.nonnegative()),
  /** Plays of Plex items that hold no Stash scene, or several (ambiguous). */
  playsUnmatched: z.int().check(z.nonnegative()),
  playsAmbiguous: z.int().check(z.nonnegative()),
  /** Intents of an interrupted run found already in Stash and confirmed without sending. */
  playsRecovered: z.int().check(z.nonnegative()),
  resumeUpdated: z.int().check(z.nonnegative()),
  ratingsUpdated: z.int().check(z.nonnegative()),
  ratingsKept: z.int().check(z.nonnegative()),
  durationMs: z.number().check(z.nonnegative()),
});
export type ImportReport = z.output<typeof importReportSchema>;

export function emptyReport(at: number, trigger: ImportReport["trigger"]): ImportReport {
  return {
    at,
    trigger,
    playsAdded: 0,
    playsSkipped: 0,
    playsUnmatched: 0,
    playsAmbiguous: 0,
    playsRecovered: 0,
    resumeUpdated: 0,
    ratingsUpdated: 0,
    ratingsKept: 0,
    durationMs: 0,
  };
}

export function importReportLines(r: ImportReport): string[] {
  const lines = [
    `Plays: ${r.playsAdded} added, ${r.playsSkipped} already imported, ${r.playsUnmatched} of items with no Stash scene, ${r.playsAmbiguous} of items held by several scenes`,
  ];
  if (r.playsRecovered > 0)
    lines.push(`${r.playsRecovered} play(s) of an interrupted import were already in Stash`);
  lines.push(
    `Resume points: ${r.resumeUpdated} updated; ratings: ${r.ratingsUpdated} updated, ${r.ratingsKept} kept (Stash's own)`,
  );
  return lines;
}
