import type { Job } from "../queue/job.js";
import type { Store } from "../store/index.js";
import type { SceneEvent } from "./events.js";

/** New scenes get a short debounce: Stash's scan or identify usually follows a create within seconds. */
const CREATE_DEBOUNCE_MS = 5_000;
/** Edits are debounced a little so a burst of saves of one scene becomes one job. */
const UPDATE_DEBOUNCE_MS = 1_000;

/**
 * A hook's event becomes its job directly (one transaction, committed before the hook answers): updates and
 * creates a debounced `sync-scene` keyed `scene:<id>` (a newer save replaces the waiting job), a destroyed
 * scene a `remove-scene` that drops its sync state.
 */
export function recordSceneEvent(store: Store, event: SceneEvent, timeScale = 1): Job {
  if (event.event === "destroy")
    return store.enqueue("remove-scene", { sceneId: event.sceneId, path: event.path });
  const reason = event.event === "create" ? "create" : "update";
  return store.enqueue(
    "sync-scene",
    { sceneId: event.sceneId, reason },
    {
      delayMs: timeScale * (reason === "create" ? CREATE_DEBOUNCE_MS : UPDATE_DEBOUNCE_MS),
      reasons: [reason],
    },
  );
}
