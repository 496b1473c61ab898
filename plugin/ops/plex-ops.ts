import { hasPlexConnection } from "../config/settings.js";
import { PLUGIN_VERSION } from "../core/version.js";
import { createPlexClient, isPlexError, loadOrCreateDeviceId } from "../plex/index.js";
import { openReader } from "../tasks/store-access.js";
import type { PlexLibrary, PlexTest } from "./contracts.js";
import { operation } from "./operation.js";
import { sendCommand } from "./queue-ops.js";

const TEST_TIMEOUT_MS = 8_000;

/**
 * Test connection: with the values typed in the settings panel (not saved yet) or the saved ones. The token is
 * checked with an authenticated call (`/library/sections`); `/identity` alone answers without one. When the
 * saved token works again and the queue was paused for auth, the queue is resumed.
 */
export const plexTestOp = operation("plex.test", async (rt, args): Promise<PlexTest> => {
  const savedUrl = (rt.settings.plex_url ?? "").trim().replace(/\/+$/, "");
  const url = (args.plex_url ?? savedUrl).trim().replace(/\/+$/, "");
  // The saved token only ever goes to the saved server: a URL typed in the UI needs a typed token, so the
  // settings panel can never be used to send the stored token somewhere else.
  if (args.plex_token === undefined && url !== savedUrl && rt.settings.plex_token) {
    return {
      ok: false,
      version: null,
      latencyMs: null,
      tokenValid: null,
      libraries: [],
      error:
        "This is not the saved Plex URL: type the Plex token for it too (the saved token is only sent to the saved server).",
    };
  }
  const token = (args.plex_token ?? rt.settings.plex_token ?? "").trim();
  if (!/^https?:\/\/[^\s/]+/i.test(url) || token === "") {
    return {
      ok: false,
      version: null,
      latencyMs: null,
      tokenValid: null,
      libraries: [],
      error: "Enter a Plex URL (http://host:32400) and a Plex token first.",
    };
  }
  rt.logger.addSecret(token);
  const plex = createPlexClient({
    baseUrl: url,
    token,
    clientIdentifier: await loadOrCreateDeviceId(rt.dataDir, {}),
    connectTimeoutMs: TEST_TIMEOUT_MS,
    readTimeoutMs: TEST_TIMEOUT_MS,
    logger: rt.logger.child("PlexClient"),
    version: PLUGIN_VERSION,
  });
  const started = rt.clock.now();
  let version: string;
  try {
    version = (await plex.identity()).version;
  } catch (error) {
    rt.logger.info(`Test connection: ${message(error)}`);
    return {
      ok: false,
      version: null,
      latencyMs: null,
      tokenValid: null,
      libraries: [],
      error: problemWords(error),
    };
  }
  const latencyMs = rt.clock.now() - started;
  try {
    const sections = await plex.sections();
    const libraries = sections.map((s): PlexLibrary => ({ key: s.key, title: s.title, type: s.type }));
    if (args.plex_token === undefined || args.plex_token === rt.settings.plex_token) await resumeIfPaused(rt);
    return { ok: true, version, latencyMs, tokenValid: true, libraries };
  } catch (error) {
    const tokenValid = isPlexError(error) && error.kind === "auth" ? false : null;
    rt.logger.info(`Test connection: ${message(error)}`);
    return { ok: false, version, latencyMs, tokenValid, libraries: [], error: problemWords(error) };
  }
});

export const plexLibrariesOp = operation("plex.libraries", async (rt) => {
  if (!hasPlexConnection(rt.settings)) return { libraries: [] };
  const plex = await rt.plex();
  try {
    const sections = await plex.sections();
    return { libraries: sections.map((s) => ({ key: s.key, title: s.title, type: s.type })) };
  } catch (error) {
    if (!isPlexError(error)) throw error;
    rt.logger.info(`Load libraries: ${message(error)}`);
    throw new Error(`Could not read the Plex libraries: ${problemWords(error)}`);
  }
});

/**
 * What went wrong talking to Plex, in the settings panel's words. The raw error (method, path, errno code and
 * class) goes to the plugin log instead: the panel shows it in a toast, where internals do not belong.
 */
export function problemWords(error: unknown): string {
  if (!isPlexError(error)) return message(error);
  const status = error.status === undefined ? "" : ` (HTTP ${error.status})`;
  switch (error.kind) {
    case "server_down":
      return "Plex does not answer at this address: check the URL and that Plex is running.";
    case "timeout":
      return "Plex took too long to answer: check the URL, or raise the connect timeout.";
    case "maintenance":
      return "Plex is busy (starting up or under maintenance): try again in a minute.";
    case "auth":
      return "Plex rejected the token (401): copy a fresh X-Plex-Token.";
    case "not_found":
    case "bad_response":
      return "This address answers, but not like a Plex server: check the URL (Plex listens on port 32400).";
    case "rate_limited":
      return "Plex asked to slow down: try again in a minute.";
    case "server_error":
    case "bad_request":
      return `Plex answered with an error${status}: try again; if it persists, look at Plex's own logs.`;
  }
}

async function resumeIfPaused(rt: Parameters<typeof sendCommand>[0]): Promise<void> {
  const store = await openReader(rt);
  const paused = store.paused();
  await store.close();
  if (paused) await sendCommand(rt, { name: "resume" }, "Queue resumed");
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
