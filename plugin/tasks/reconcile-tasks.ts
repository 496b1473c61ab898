/**
 * Reconcile Library (All / Recent / Last 7 Days) and Reconcile Missing Metadata Only. Each run detects the
 * gaps (plugin/reconcile), records the report, queues the gaps with reason "reconcile" and then drains them
 * in the foreground (following the background worker when one runs), as the original 1.6.14 did — and says
 * so. A scheduled run (args.trigger = "schedule", started detached by reconcile/schedule.ts) is the same
 * task; its lines also go to logs/reconcile.log because nobody reads its stderr.
 */
import path from "node:path";
import { anyImportOn } from "../import/run-import.js";
import { createFileLogSink } from "../log/file-sink.js";
import { drainAfterTask } from "../reconcile/drain-after.js";
import type { PlexLibrarySnapshot } from "../reconcile/plex-listing.js";
import { withProgressRange } from "../reconcile/progress.js";
import type { ReconcileReport, ReconcileScope } from "../reconcile/report.js";
import { reportLines } from "../reconcile/report.js";
import { ReconcileAbortedError, runReconcile } from "../reconcile/run.js";
import { recordReconcileRun } from "../reconcile/schedule.js";
import { importFromPlex, importOutcomeLines } from "./import-task.js";
import { type TaskContext, task } from "./task.js";

const DETECTION_SHARE = 0.5;

function summaryOf(report: ReconcileReport) {
  const { gaps, ...rest } = report;
  return { ...rest, gapsStored: gaps.length };
}

function reconcileTask(name: string, scope: ReconcileScope) {
  return task(
    name,
    async ({ rt, args, report }: TaskContext) => {
      const trigger = args.trigger === "schedule" ? "schedule" : "manual";
      const sink =
        trigger === "schedule" ? createFileLogSink(path.join(rt.dataDir, "logs", "reconcile.log")) : null;
      const say = (line: string) => {
        report(line);
        sink?.write(`${new Date(rt.clock.now()).toISOString()} ${line}\n`);
      };
      // Manual runs reset the schedule's timer (and keep a due scheduled run from starting beside this one).
      if (trigger === "manual") recordReconcileRun(rt.dataDir, scope, trigger, rt.clock.now());
      let result: ReconcileReport;
      let sweep: PlexLibrarySnapshot | undefined;
      try {
        result = await runReconcile(rt, {
          scope,
          trigger,
          onProgress: (f) => rt.logger.progress(DETECTION_SHARE * f),
          onSweep: (s) => {
            sweep = s;
          },
        });
      } catch (error) {
        if (error instanceof ReconcileAbortedError) sink?.write(`${error.message}\n`);
        throw error;
      }
      for (const line of reportLines(result)) say(line);
      say(
        result.queuedCount > 0
          ? `Draining the queue now (${result.queuedCount} reconcile job(s) among them)`
          : "Draining whatever else is queued",
      );
      const drained = await drainAfterTask(withProgressRange(rt, DETECTION_SHARE, 1), say);
      say(`${name}: ${drained.processed} job(s) run in this task`);
      if (trigger === "schedule" && anyImportOn(rt.settings)) {
        say("Importing plays and ratings from Plex (an import setting is on)");
        const outcome = await importFromPlex(rt, "schedule", sweep ? { library: sweep } : {});
        for (const line of importOutcomeLines(outcome)) say(line);
      }
      return { report: summaryOf(result), ...drained };
    },
    { schedule: false, cpuBound: true },
  );
}

export const reconcileAllTask = reconcileTask("Reconcile Library (All)", "all");
export const reconcileRecentTask = reconcileTask("Reconcile Library (Recent)", "24h");
export const reconcile7DaysTask = reconcileTask("Reconcile Library (Last 7 Days)", "7days");
export const reconcileMissingMetadataTask = reconcileTask(
  "Reconcile Missing Metadata Only",
  "missing_metadata",
);
