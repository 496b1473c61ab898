import { sceneEventSchema } from "../hooks/events.js";
import type { Logger } from "../log/logger.js";
import type { InboxEntry, StoreWriter } from "../store/index.js";
import { applyCommand, type CommandEffects } from "./apply-command.js";
import { commandEnvelopeSchema } from "./commands.js";

/** New scenes get a short debounce: Stash's scan or identify usually follows a create within seconds. */
const CREATE_DEBOUNCE_MS = 5_000;
/** Edits are debounced a little so a burst of saves of one scene becomes one job. */
const UPDATE_DEBOUNCE_MS = 1_000;

/**
 * Turns one inbox entry into store changes: scene events become (debounced) jobs keyed `scene:<id>`, a
 * destroyed scene's pending work and sync state are dropped, commands are applied. Throws on entries this
 * version cannot read; the store moves those to `inbox/bad/` and logs them.
 */
export function makeInboxHandler(logger: Logger, effects: CommandEffects, now: () => number, timeScale = 1) {
  return (entry: InboxEntry, store: StoreWriter): void => {
    const body = entry.body as { type?: unknown } | null;
    if (body && body.type === "scene-event") {
      const event = sceneEventSchema.parse(body);
      if (event.event === "destroy") {
        store.enqueue("remove-scene", { sceneId: event.sceneId, path: event.path });
        return;
      }
      const reason = event.event === "create" ? "create" : "update";
      store.enqueue(
        "sync-scene",
        { sceneId: event.sceneId, reason },
        {
          delayMs: timeScale * (reason === "create" ? CREATE_DEBOUNCE_MS : UPDATE_DEBOUNCE_MS),
          reasons: [reason],
        },
      );
      return;
    }
    if (body && body.type === "command") {
      const envelope = commandEnvelopeSchema.parse(body);
      logger.info(applyCommand(store, envelope.command, effects, now()));
      return;
    }
    throw new Error(`inbox entry ${entry.id} is neither a scene event nor a command`);
  };
}
