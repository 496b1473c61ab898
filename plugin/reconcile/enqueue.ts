/**
 * Puts many scenes on the queue from a task: directly when this process can take the writer role (one lock for
 * the whole task, one journal line per batch), else as `sync-scenes` inbox commands the running drainer
 * ingests (without waiting for each one: the task follows the drainer afterwards). Nothing is lost either way:
 * an inbox file stays until a writer applies it.
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
  enqueue(sceneIds: readonly string[], reason: SyncReason): void;
  /**
   * For a bulk sync: the scenes are held durably and the worker queues them a window at a time, so a 100k
   * library never sits in the queue at once (store/held-ops.ts).
   */
  hold(sceneIds: readonly string[], reason: SyncReason): void;
  queued(): number;
  close(): Promise<void>;
}

export async function openEnqueuer(rt: Runtime): Promise<SceneEnqueuer> {
  const writer = await tryOpenWriter(rt);
  let count = 0;
  const add = (sceneIds: readonly string[], reason: SyncReason, hold: boolean) => {
    for (let i = 0; i < sceneIds.length; i += ENQUEUE_BATCH) {
      const batch = sceneIds.slice(i, i + ENQUEUE_BATCH);
      if (writer && hold) writer.hold(batch, reason);
      else if (writer) {
        writer.batch(() => {
          for (const sceneId of batch)
            writer.enqueue("sync-scene", { sceneId, reason }, { reasons: [reason] });
        });
      } else {
        const command = { name: "sync-scenes" as const, sceneIds: batch, reason, ...(hold ? { hold } : {}) };
        writeInboxEntry(rt.dataDir, commandEnvelope(command, rt.clock.now()), rt.clock);
      }
      count += batch.length;
    }
  };
  return {
    writer,
    enqueue(sceneIds, reason) {
      add(sceneIds, reason, false);
    },
    hold(sceneIds, reason) {
      add(sceneIds, reason, true);
    },
    queued: () => count,
    close: async () => {
      await writer?.close();
    },
  };
}
