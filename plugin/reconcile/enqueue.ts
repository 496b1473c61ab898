/**
 * Puts many scenes on the queue from a task (bulk sync, reconcile gaps): held durably in the store, and the
 * worker queues them a window at a time, so a 100k library never sits in the queue at once (store/held.ts).
 * Written directly, one transaction per batch, whether or not a drainer runs.
 */
import type { Runtime } from "../app/runtime.js";
import type { SyncReason } from "../queue/job.js";
import type { Store } from "../store/index.js";
import { openReader } from "../tasks/store-access.js";

export const ENQUEUE_BATCH = 500;

export interface SceneEnqueuer {
  readonly store: Store;
  hold(sceneIds: readonly string[], reason: SyncReason): void;
  queued(): number;
  close(): Promise<void>;
}

export async function openEnqueuer(rt: Runtime): Promise<SceneEnqueuer> {
  const store = await openReader(rt);
  let count = 0;
  return {
    store,
    hold(sceneIds, reason) {
      for (let i = 0; i < sceneIds.length; i += ENQUEUE_BATCH) {
        const batch = sceneIds.slice(i, i + ENQUEUE_BATCH);
        store.hold(batch, reason);
        count += batch.length;
      }
    },
    queued: () => count,
    close: () => store.close(),
  };
}
