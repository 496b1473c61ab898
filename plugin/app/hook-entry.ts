import { handleHook } from "../hooks/handle.js";
import { clearEchoMark, isImportEcho, readEchoMark, touchesOnlyRating } from "../import/echo-marks.js";
import type { PluginInput } from "../protocol/input.js";
import { ensurePrivateDir } from "../store/atomic.js";
import { writeInboxEntry } from "../store/inbox.js";
import { isLockFresh } from "../store/lock-probe.js";
import { resolveDataDir } from "./data-dir.js";
import type { InvocationDeps } from "./dispatch.js";
import { ensureDrainer } from "./drainer-spawn.js";
import { readHookSettings } from "./settings-cache.js";

/** The hook path: local files only — cached settings, one inbox file, maybe a detached drainer. */
export async function runHook(input: PluginInput, deps: InvocationDeps): Promise<unknown> {
  const context = input.args.hookContext;
  if (!context) throw new Error("runHook called without a hookContext");
  const dataDir = resolveDataDir(input.server_connection, deps.env);
  ensurePrivateDir(dataDir);
  const settings = readHookSettings(dataDir);
  deps.logger.setDebugVisible(settings.debug_logging);
  return handleHook(context, {
    clock: deps.clock,
    logger: deps.logger,
    enabled: settings.enabled,
    isOwnEcho: (ctx) => {
      const id = ctx.id === undefined ? "" : String(ctx.id);
      if (id === "" || !touchesOnlyRating(ctx)) return false;
      if (!isImportEcho(ctx, readEchoMark(dataDir, id), deps.clock.now())) return false;
      clearEchoMark(dataDir, id);
      return true;
    },
    recordEvent: async (event) => {
      writeInboxEntry(dataDir, event, deps.clock);
    },
    ensureDrainer: async () => {
      await ensureDrainer({
        clock: deps.clock,
        dataDir,
        scriptPath: deps.scriptPath,
        input,
        isDrainerAlive: async () => isLockFresh(dataDir, deps.clock.now()),
      });
    },
  });
}
