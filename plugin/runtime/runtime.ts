import { hasPlexConnection, parseSettings, type Settings } from "../config/settings.js";
import type { TestKnobs } from "../config/test-knobs.js";
import type { Clock } from "../core/clock.js";
import { PLUGIN_VERSION } from "../core/version.js";
import { ensurePrivateDir } from "../fs/atomic.js";
import type { Logger } from "../log/logger.js";
import { createPathObfuscator, type PathObfuscator } from "../log/obfuscate.js";
import { maskToken } from "../log/redact.js";
import { createPlexClient, loadOrCreateDeviceId, type PlexClient } from "../plex/index.js";
import type { PluginInput } from "../protocol/input.js";
import { createStashClient, type StashClient, stashEndpoint } from "../stash/index.js";
import { resolveDataDir } from "./data-dir.js";
import type { InvocationDeps } from "./dispatch.js";
import { writeCachedSettings } from "./settings-cache.js";

export const PLUGIN_ID = "Stash2Plex";
const STASH_TIMEOUT_MS = 15_000;

/**
 * Everything a task, operation or the drainer needs, built once per process from stdin and Stash's settings
 * and passed down (no singletons). Plex access is created lazily, so invocations that never talk to Plex
 * (queue listings) do not need a valid Plex configuration.
 */
export interface Runtime {
  input: PluginInput;
  logger: Logger;
  clock: Clock;
  dataDir: string;
  scriptPath: string;
  stash: StashClient;
  settings: Settings;
  obfuscate: PathObfuscator;
  /** The test knobs plugin/main.ts parsed (config/test-knobs.ts); production values outside tests. */
  knobs: TestKnobs;
  /** Throws a clear configuration error when plex_url / plex_token are missing. */
  plex(): Promise<PlexClient>;
}

export class ConfigurationError extends Error {
  readonly kind = "configuration";
}

/** The first half of a runtime: where our files live and the Stash client (no request sent yet). */
export interface StashConnection {
  dataDir: string;
  stash: StashClient;
}

export function connectStash(input: PluginInput, deps: InvocationDeps): StashConnection {
  const dataDir = resolveDataDir(input.server_connection, deps.env);
  ensurePrivateDir(dataDir);
  const endpoint = stashEndpoint(input.server_connection);
  const stash = createStashClient({
    baseUrl: endpoint.baseUrl,
    cookieHeader: endpoint.cookieHeader,
    logger: deps.logger.child("Stash"),
    timeoutMs: STASH_TIMEOUT_MS,
  });
  return { dataDir, stash };
}

/** Fetches the plugin settings from Stash and completes the runtime (`connection` when already made). */
export async function openRuntime(
  input: PluginInput,
  deps: InvocationDeps,
  connection: StashConnection = connectStash(input, deps),
): Promise<Runtime> {
  const { dataDir, stash } = connection;
  const settings = parseSettings(await stash.pluginSettings(PLUGIN_ID));
  if (settings.plex_token) deps.logger.addSecret(settings.plex_token);
  deps.logger.setDebugVisible(settings.debug_logging);
  await writeCachedSettings(dataDir, settings);
  deps.logger
    .child("Config")
    .debug(
      `url=${settings.plex_url ?? "(not set)"}, token=${maskToken(settings.plex_token)}, libraries=${settings.plex_library || "ALL"}, strict_matching=${settings.strict_matching}, preserve_plex_edits=${settings.preserve_plex_edits}, timeouts=${settings.connect_timeout}s/${settings.read_timeout}s`,
    );
  let plex: Promise<PlexClient> | null = null;
  return {
    input,
    logger: deps.logger,
    clock: deps.clock,
    dataDir,
    scriptPath: deps.scriptPath,
    stash,
    settings,
    obfuscate: createPathObfuscator(settings.obfuscate_paths),
    knobs: deps.knobs,
    plex: () => {
      plex ??= makePlexClient(settings, dataDir, deps.logger);
      return plex;
    },
  };
}

async function makePlexClient(settings: Settings, dataDir: string, logger: Logger): Promise<PlexClient> {
  if (!hasPlexConnection(settings)) {
    throw new ConfigurationError(
      "Plex is not configured: set Plex URL and Plex token under Settings › Plugins › Stash2Plex (or use the Plex tab's Test connection).",
    );
  }
  const clientIdentifier = await loadOrCreateDeviceId(dataDir, { logger: logger.child("Device") });
  return createPlexClient({
    baseUrl: settings.plex_url,
    token: settings.plex_token,
    clientIdentifier,
    connectTimeoutMs: settings.connect_timeout * 1000,
    readTimeoutMs: settings.read_timeout * 1000,
    logger: logger.child("PlexClient"),
    version: PLUGIN_VERSION,
  });
}
