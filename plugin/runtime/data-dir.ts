import path from "node:path";
import type { ServerConnection } from "../protocol/input.js";

/**
 * Where the plugin keeps its files: `$STASH_PLUGIN_DATA` if set (as the original), else `<PluginDir>/data`.
 * The plugin dir survives package updates and uninstalls (Stash only deletes the files its manifest lists) and
 * is persistent in Docker. It must never be exposed through `ui.assets`.
 */
export function resolveDataDir(connection: ServerConnection, env: NodeJS.ProcessEnv): string {
  const override = env.STASH_PLUGIN_DATA?.trim();
  if (override) return path.resolve(override);
  return path.join(connection.PluginDir, "data");
}
