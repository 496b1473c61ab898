/**
 * "Sync All Scenes to Plex" (`all`) and "Sync Recent Scenes to Plex" (`recent`: `updated_at` in the last 24 h).
 *
 * Pages scenes from Stash and queues every scene whose desired Plex state differs from what the last successful
 * sync wrote — the same desired-state hash pipeline/sync-scene.ts compares — so a scene edited after its last
 * sync is always re-synced (the original skipped scenes "completed within 7 days"), and an unchanged one costs
 * nothing. The scenes to sync are held (store/held.ts) rather than queued at once: the worker makes them jobs
 * a window at a time, so the queue stays small however large the library. Then it drains in the foreground (or
 * follows the running drainer) with one progress bar:
 * paging 0–40 %, draining 40–100 %. Held in the store directly (one transaction per batch of scenes).
 */

import type { Settings } from "../config/settings.js";
import { readAhead } from "../core/read-ahead.js";
import { desiredPlexState, desiredStateHash } from "../core-sync/index.js";
import type { SceneSnapshot } from "../domain/scene.js";
import { drainAfterTask } from "../reconcile/drain-after.js";
import { openEnqueuer } from "../reconcile/enqueue.js";
import { withProgressRange } from "../reconcile/progress.js";
import { pageScenes, type SceneWindow } from "../reconcile/stash-scenes.js";
import { openReader } from "../runtime/store-access.js";
import { type TaskContext, type TaskResult, task } from "./task.js";

const DAY_MS = 86_400_000;
const PAGING_SHARE = 0.4;

export interface BulkCounts {
  checked: number;
  queued: number;
  unchanged: number;
  withoutFiles: number;
  notOrganized: number;
}

type Decision = "queue" | "unchanged" | "withoutFiles" | "notOrganized";

/** Pure: whether a scene needs a sync, given the desired hash recorded by its last successful sync. */
export function bulkDecision(scene: SceneSnapshot, settings: Settings, lastHash: string | null): Decision {
  if (scene.files.length === 0) return "withoutFiles";
  if (settings.organized_only && !scene.organized) return "notOrganized";
  const hash = desiredStateHash(desiredPlexState(scene, settings), scene.screenshotUrl ?? "");
  return hash === lastHash ? "unchanged" : "queue";
}

async function bulkSync(ctx: TaskContext, label: string, window: SceneWindow | null): Promise<TaskResult> {
  const { rt, report } = ctx;
  const counts: BulkCounts = { checked: 0, queued: 0, unchanged: 0, withoutFiles: 0, notOrganized: 0 };
  const reader = await openReader(rt);
  const enqueuer = await openEnqueuer(rt);
  try {
    for await (const page of readAhead(pageScenes(rt.stash, window))) {
      // One indexed query per page: memory stays flat however large the library.
      const hashes = reader.desiredHashesOf(page.scenes.map((scene) => scene.id));
      const toQueue: string[] = [];
      for (const scene of page.scenes) {
        counts.checked++;
        const decision = bulkDecision(scene, rt.settings, hashes.get(scene.id) ?? null);
        if (decision === "queue") toQueue.push(scene.id);
        else counts[decision]++;
      }
      enqueuer.hold(toQueue, "bulk");
      counts.queued += toQueue.length;
      rt.logger.progress(PAGING_SHARE * (page.fetched / Math.max(1, page.total)));
    }
  } finally {
    await enqueuer.close();
    await reader.close();
  }
  report(
    `${label}: queued ${counts.queued} of ${counts.checked} scene(s) (${counts.unchanged} unchanged since their last sync, ${counts.withoutFiles} without files${rt.settings.organized_only ? `, ${counts.notOrganized} not organized` : ""})`,
  );
  const drained = await drainAfterTask(withProgressRange(rt, PAGING_SHARE, 1), report);
  report(`${label}: ${drained.processed} job(s) run in this task`);
  return { ...counts, ...drained };
}

export const syncAllTask = task("Sync All Scenes to Plex", (ctx) => bulkSync(ctx, "Sync All", null));

export const syncRecentTask = task("Sync Recent Scenes to Plex", (ctx) =>
  bulkSync(ctx, "Sync Recent", { field: "updated_at", sinceMs: ctx.rt.clock.now() - DAY_MS }),
);
