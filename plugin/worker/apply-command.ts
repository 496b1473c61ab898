import { libraryTable } from "../library/library-table.js";
import { type DeadLetterFilter, heldSceneIdOf, type Store } from "../store/index.js";
import type { Command, DeadLetterSelection } from "./commands.js";

/** Applies one command to the writer. Returns a short human summary for logs and task output. */
export function applyCommand(store: Store, command: Command, now: number): string {
  switch (command.name) {
    case "sync-scenes": {
      if (command.hold)
        return `holding ${store.hold(command.sceneIds, command.reason)} scene(s) for a bulk sync`;
      for (const sceneId of command.sceneIds) {
        store.enqueue("sync-scene", { sceneId, reason: command.reason }, { reasons: [command.reason] });
      }
      return `queued ${command.sceneIds.length} scene(s) (${command.reason})`;
    }
    case "pin":
      store.setPin(command.sceneId, command.ratingKey);
      store.enqueue("sync-scene", { sceneId: command.sceneId, reason: "manual" });
      return command.ratingKey
        ? `scene ${command.sceneId} pinned to Plex item ${command.ratingKey}`
        : `scene ${command.sceneId} unpinned`;
    case "retry-dead":
      return `re-queued ${selectDeadLetters(
        command.selection,
        (id) => store.retryDeadLetter(id) !== null,
        (f) => store.retryDeadLetters(f),
      )} dead letter(s)`;
    case "delete-dead":
      return `deleted ${selectDeadLetters(
        command.selection,
        (id) => store.deleteDeadLetter(id),
        (f) => store.deleteDeadLetters(f),
      )} dead letter(s)`;
    case "purge-dead":
      return `purged ${store.purgeDeadLetters(command.days)} dead letter(s) older than ${command.days} day(s)`;
    case "clear-pending":
      return `removed ${clearPending(store, now)} pending job(s)`;
    case "delete-jobs": {
      const heldIds = command.ids.flatMap((id) => heldSceneIdOf(id) ?? []);
      const removed = command.ids.filter((id) => store.removeJob(id)).length + store.dropHeld(heldIds);
      return `removed ${removed} job(s)`;
    }
    case "resume":
      store.setPaused(null);
      return "queue resumed";
    case "clear-match-cache":
      libraryTable(store.database).clear();
      return "Plex library index cleared; the next sync re-reads Plex";
  }
}

function selectDeadLetters(
  selection: DeadLetterSelection,
  one: (id: string) => boolean,
  many: (filter: DeadLetterFilter) => number,
): number {
  if (selection.ids) return selection.ids.filter(one).length;
  const { all, ids: _ids, ...rest } = selection;
  const filter: DeadLetterFilter = Object.fromEntries(
    Object.entries(rest).filter(([, v]) => v !== undefined),
  );
  // An empty selection never means "everything": only `all` does.
  if (!all && Object.keys(filter).length === 0) return 0;
  return many(filter);
}

/**
 * Removes every job that is not running right now (pending, waiting, retrying) and the scenes a bulk sync
 * still holds; dead letters stay.
 */
function clearPending(store: Store, now: number): number {
  let removed = store.dropHeld();
  for (const state of ["pending", "waiting", "retrying"] as const) {
    for (;;) {
      const ids = store.listJobs({ state, page: 1, perPage: 500 }, now).items.map((job) => job.id);
      if (ids.length === 0) break;
      removed += store.batch(() => ids.filter((id) => store.removeJob(id)).length);
    }
  }
  return removed;
}
