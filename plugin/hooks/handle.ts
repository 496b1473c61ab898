import type { Clock } from "../core/clock.js";
import type { Logger } from "../log/logger.js";
import type { HookContext } from "../protocol/input.js";
import type { SceneEvent } from "./events.js";
import { decideHook } from "./filter.js";

export interface HookDeps {
  clock: Clock;
  logger: Logger;
  /** Local-only view of the last known settings (no network in the hook path). */
  enabled: boolean;
  recordEvent: (event: SceneEvent) => Promise<void>;
  /** Starts a background drainer unless one already runs; must return at once. */
  ensureDrainer: () => Promise<void>;
  /** True when the hook is the echo of the import's own write to Stash (consumes the mark). */
  isOwnEcho?: (context: HookContext) => boolean;
}

/**
 * The hook path runs while the user's save waits: filter, queue the scene's job (one transaction), make sure a
 * drainer runs, return. No network I/O here, ever.
 */
export async function handleHook(context: HookContext, deps: HookDeps): Promise<string> {
  const log = deps.logger.child("Hook");
  if (!deps.enabled) {
    log.debug(`Scene ${context.id ?? "?"}: plugin disabled in settings, nothing recorded`);
    return "disabled";
  }
  if (deps.isOwnEcho?.(context)) {
    log.debug(`Scene ${context.id ?? "?"}: the rating imported from Plex; nothing recorded`);
    return "ok";
  }
  const decision = decideHook(context);
  if (!decision.record) {
    log.debug(`Scene ${context.id ?? "?"} ${context.type}: skipped — ${decision.reason}`);
    return "ok";
  }
  const event: SceneEvent = { ...decision.event, at: deps.clock.now() };
  await deps.recordEvent(event);
  log.debug(
    `Scene ${event.sceneId}: ${event.event} recorded${event.fields.length ? ` (${event.fields.join(", ")})` : ""}`,
  );
  await deps.ensureDrainer();
  return "ok";
}
