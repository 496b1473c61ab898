/**
 * Puts many scenes on the queue from a task (bulk sync, reconcile gaps): held durably, and the worker queues
 * them a window at a time, so a 100k library never sits in the queue at once (store/held-ops.ts). Directly when
 * this process can take the writer role (one lock for the whole task, one journal line per batch), else as
 * `sync-scenes` inbox commands the running drainer ingests (the task follows the drainer afterwards). Nothing
 * is lost either way: an inbox file stays until a writer applies it.
 */
import type { Runtime } from "../app/runtime.js";
import type { SyncReason } from "../queue/job.js";
import { type StoreWriter, writeInboxEntry } from "../store/index.js";
import { tryOpenWriter } from "../tasks/store-access.js";
import { commandEnvelope } from "../worker/commands.js";

export const ENQUEUE_BATCH = 500;

export interface SceneEnqueuer {
  /** The writer when this process holds it (null: a drainer does, changes go through its inbox). */
  readonly writer: StoreWriter | null;
  hold(sceneIds: readonly string[], reason: SyncReason): void;
  queued(): number;
  close(): Promise<void>;
}

export async function openEnqueuer(rt: Runtime): Promise<SceneEnqueuer> {
  const writer = await tryOpenWriter(rt);
  let count = 0;
  return {
    writer,
    hold(sceneIds, reason) {
      for (let i = 0; i < sceneIds.length; i += ENQUEUE_BATCH) {
        const batch = sceneIds.slice(i, i + ENQUEUE_BATCH);
        if (writer) writer.hold(batch, reason);
        else {
          const command = { name: "sync-scenes" as const, sceneIds: batch, reason, hold: true };
          writeInboxEntry(rt.dataDir, commandEnvelope(command, rt.clock.now()), rt.clock);
        }
        count += batch.length;
      }
    },
    queued: () => count,
    close: async () => {
      await writer?.close();
    },
  };
}
