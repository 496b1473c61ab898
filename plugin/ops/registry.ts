import type { Handler } from "../app/dispatch.js";
import type { OperationName } from "./contracts.js";
import { plexLibrariesOp, plexTestOp } from "./plex-ops.js";
import { queueClearOp, queueDeleteOp, queueListOp, queueRetryOp, queueSummaryOp } from "./queue-ops.js";
import { reconcileQueueGapsOp } from "./reconcile-ops.js";
import { pathsPreviewOp, scenePinOp, sceneStatusOp, sceneSyncOp, sceneUnpinOp } from "./scene-ops.js";

/** Every operation of the contract (the type makes a missing one a compile error). */
export const OPERATION_HANDLERS: Readonly<Record<OperationName, Handler>> = {
  "scene.status": sceneStatusOp,
  "scene.sync": sceneSyncOp,
  "scene.pin": scenePinOp,
  "scene.unpin": sceneUnpinOp,
  "queue.summary": queueSummaryOp,
  "queue.list": queueListOp,
  "queue.retry": queueRetryOp,
  "queue.delete": queueDeleteOp,
  "queue.clear": queueClearOp,
  "plex.test": plexTestOp,
  "plex.libraries": plexLibrariesOp,
  "paths.preview": pathsPreviewOp,
  "reconcile.queueGaps": reconcileQueueGapsOp,
};
