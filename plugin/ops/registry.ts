import type { Handler } from "../app/dispatch.js";
import type { OperationName } from "./contracts.js";

/**
 * Every operation of the contract (the type makes a missing one a compile error), each loaded on demand: a UI
 * operation is a fresh process, and evaluating only its own module (not the Plex, reconcile and queue code of
 * the others) is part of keeping the Plex tab quick.
 */
export const OPERATION_HANDLERS: Readonly<Record<OperationName, () => Promise<Handler>>> = {
  "scene.status": async () => (await import("./scene-status-op.js")).sceneStatusOp,
  "scene.sync": async () => (await import("./scene-ops.js")).sceneSyncOp,
  "scene.pin": async () => (await import("./scene-ops.js")).scenePinOp,
  "scene.unpin": async () => (await import("./scene-ops.js")).sceneUnpinOp,
  "paths.preview": async () => (await import("./scene-ops.js")).pathsPreviewOp,
  "library.read": async () => (await import("./scene-ops.js")).libraryReadOp,
  "queue.summary": async () => (await import("./queue-ops.js")).queueSummaryOp,
  "queue.list": async () => (await import("./queue-ops.js")).queueListOp,
  "queue.retry": async () => (await import("./queue-ops.js")).queueRetryOp,
  "queue.delete": async () => (await import("./queue-ops.js")).queueDeleteOp,
  "queue.clear": async () => (await import("./queue-ops.js")).queueClearOp,
  "plex.test": async () => (await import("./plex-ops.js")).plexTestOp,
  "plex.libraries": async () => (await import("./plex-ops.js")).plexLibrariesOp,
  "reconcile.queueGaps": async () => (await import("./reconcile-ops.js")).reconcileQueueGapsOp,
};
