import type { Handler } from "../runtime/dispatch.js";
import { processQueueTask } from "./drain-task.js";
import { healthCheckTask, outageSummaryTask, recoverOutageJobsTask } from "./health-tasks.js";
import { importFromPlexTask } from "./import-task.js";
import {
  clearDeadLettersTask,
  clearMatchCacheTask,
  clearQueueTask,
  purgeDeadLettersTask,
  queueStatusTask,
} from "./queue-tasks.js";
import {
  reconcile7DaysTask,
  reconcileAllTask,
  reconcileMissingMetadataTask,
  reconcileRecentTask,
} from "./reconcile-tasks.js";
import { syncAllTask, syncRecentTask } from "./sync-tasks.js";

/** Every task of the manifest, by its `mode` (a test checks the two lists are the same). */
export const TASKS: Readonly<Record<string, Handler>> = {
  all: syncAllTask,
  recent: syncRecentTask,
  process_queue: processQueueTask,
  queue_status: queueStatusTask,
  clear_queue: clearQueueTask,
  clear_dlq: clearDeadLettersTask,
  purge_dlq: purgeDeadLettersTask,
  clear_match_cache: clearMatchCacheTask,
  health_check: healthCheckTask,
  outage_summary: outageSummaryTask,
  recover_outage_jobs: recoverOutageJobsTask,
  reconcile_all: reconcileAllTask,
  reconcile_recent: reconcileRecentTask,
  reconcile_7days: reconcile7DaysTask,
  reconcile_missing_metadata: reconcileMissingMetadataTask,
  import_from_plex: importFromPlexTask,
};
