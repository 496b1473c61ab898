import { clearEchoMark, isImportEcho, readEchoMark, touchesOnlyRating } from "../import/echo-marks.js";
import type { PluginInput } from "../protocol/input.js";
import { resolveDataDir } from "../runtime/data-dir.js";
import type { InvocationDeps } from "../runtime/dispatch.js";
import { ensureDrainer } from "../runtime/drainer-spawn.js";
import { readHookSettings } from "../runtime/settings-cache.js";
import type { Store } from "../store/index.js";
import { handleHook } from "./handle.js";

/**
 * The hook path: local files only — cached settings, one short transaction that queues the scene's job, maybe
 * a detached drainer. A hook that records nothing (a scan's update, a disabled plugin) never opens the database.
 */
export async function runHook(input: PluginInput, deps: InvocationDeps): Promise<unknown> {
  const context = input.args.hookContext;
  if (!context) throw new Error("runHook called without a hookContext");
  const dataDir = resolveDataDir(input.server_connection, deps.env);
  const settings = readHookSettings(dataDir);
  deps.logger.setDebugVisible(settings.debug_logging);
  let store: Store | null = null;
  try {
    return await handleHook(context, {
      clock: deps.clock,
      logger: deps.logger,
      enabled: settings.enabled,
      // The import's own rating write to Stash echoes back as this hook: a file check, no database.
      isOwnEcho: (ctx) => {
        const id = ctx.id === undefined ? "" : String(ctx.id);
        if (id === "" || !touchesOnlyRating(ctx)) return false;
        if (!isImportEcho(ctx, readEchoMark(dataDir, id), deps.clock.now())) return false;
        clearEchoMark(dataDir, id);
        return true;
      },
      recordEvent: async (event) => {
        // Loaded here: a hook that records nothing (a scan's update) never evaluates the store or node:sqlite.
        const [{ openStore }, { recordSceneEvent }] = await Promise.all([
          import("../store/index.js"),
          import("./record.js"),
        ]);
        store = await openStore({ dir: dataDir, clock: deps.clock, logger: deps.logger.child("Store") });
        recordSceneEvent(store, event, deps.knobs.timeScale);
      },
      ensureDrainer: async () => {
        await ensureDrainer({
          clock: deps.clock,
          dataDir,
          scriptPath: deps.scriptPath,
          input,
          isDrainerAlive: async () => (store as Store | null)?.drainerAlive() ?? false,
        });
      },
    });
  } finally {
    await (store as Store | null)?.close();
  }
}
