import { ConfigurationError, type Runtime } from "../app/runtime.js";
import { hasPlexConnection } from "../config/settings.js";
import { PLUGIN_VERSION } from "../core/version.js";
import { selectSections } from "../library/library-cache.js";
import { createPlexClient, isPlexError, loadOrCreateDeviceId } from "../plex/index.js";
import { COUNTED_FAILURE_KINDS, formatOutageReport, PlexCircuitBreaker } from "../resilience/index.js";
import { readResilience } from "../worker/resilience-state.js";
import { openReader, runCommand } from "./store-access.js";
import { task } from "./task.js";

/** The health check's own client: 5 s timeouts (the original's probe timeout), so a hung Plex shows quickly. */
async function probeClient(rt: Runtime) {
  if (!hasPlexConnection(rt.settings)) {
    throw new ConfigurationError(
      "Plex is not configured: set Plex URL and Plex token in the plugin settings.",
    );
  }
  return createPlexClient({
    baseUrl: rt.settings.plex_url,
    token: rt.settings.plex_token,
    clientIdentifier: await loadOrCreateDeviceId(rt.dataDir, {}),
    connectTimeoutMs: 5_000,
    readTimeoutMs: 5_000,
    logger: rt.logger.child("Health"),
    version: PLUGIN_VERSION,
  });
}

export const healthCheckTask = task("Health Check", async ({ rt, report }) => {
  const plex = await probeClient(rt);
  const started = rt.clock.now();
  const result: Record<string, unknown> = {};
  try {
    const identity = await plex.identity();
    result.latencyMs = rt.clock.now() - started;
    result.version = identity.version;
    report(`Plex is HEALTHY (responded in ${result.latencyMs} ms, version ${identity.version})`);
  } catch (error) {
    result.reachable = false;
    report(
      `Plex is UNREACHABLE: ${isPlexError(error) ? error.message : String(error)}. Verify the Plex URL and network.`,
    );
    return result;
  }
  try {
    const sections = await plex.sections();
    result.tokenValid = true;
    report("Token accepted by Plex");
    const wanted = selectSections(sections, rt.settings.plex_library);
    result.libraries = wanted.map((s) => s.title);
    report(
      `Libraries synced: ${wanted.map((s) => `"${s.title}"`).join(", ") || "none (no movie libraries in Plex)"}`,
    );
  } catch (error) {
    if (isPlexError(error) && error.kind === "auth") {
      result.tokenValid = false;
      report("Plex REJECTED the token: update Plex token in the plugin settings");
    } else {
      report(`Libraries: ${(error as Error).message}`);
    }
  }
  const store = await openReader(rt);
  try {
    const now = rt.clock.now();
    const breaker = PlexCircuitBreaker.fromJSON(readResilience(store).breaker, {
      random: Math.random,
      logger: rt.logger.child("CircuitBreaker"),
    }).snapshot(now);
    const counts = store.countsByState(now);
    result.breaker = breaker.state;
    report(`Circuit breaker: ${breaker.state.toUpperCase()}`);
    const queued = counts.pending + counts.waiting + counts.retrying + counts.running;
    report(queued ? `Queue: ${queued} job(s) (${counts.waiting} waiting for Plex)` : "Queue: empty");
  } finally {
    await store.close();
  }
  return result;
});

export const outageSummaryTask = task(
  "Outage Summary Report",
  async ({ rt, report }) => {
    const store = await openReader(rt);
    try {
      const now = rt.clock.now();
      const resilience = readResilience(store);
      const closed =
        PlexCircuitBreaker.fromJSON(resilience.breaker, { random: Math.random, logger: rt.logger }).stateAt(
          now,
        ) === "closed";
      for (const line of formatOutageReport(resilience.outages, { now, breakerClosed: closed })) report(line);
      return { outages: resilience.outages };
    } finally {
      await store.close();
    }
  },
  { runWhenDisabled: true },
);

/**
 * Re-queues dead letters that failed during the last completed outage, once Plex answers again. Idempotent:
 * a second run finds nothing left in that window.
 */
export const recoverOutageJobsTask = task("Recover Outage Jobs", async ({ rt, report }) => {
  const store = await openReader(rt);
  let window: { start: number; end: number } | null = null;
  try {
    const last = [...readResilience(store).outages].reverse().find((o) => o.end !== null);
    if (last && last.end !== null) window = { start: last.start, end: last.end };
  } finally {
    await store.close();
  }
  if (!window) {
    report("No completed outage recorded: nothing to recover");
    return { recovered: 0 };
  }
  const plex = await probeClient(rt);
  try {
    await plex.identity();
  } catch (error) {
    report(`Plex is still unreachable (${(error as Error).message}); try again once it is back`);
    return { recovered: 0 };
  }
  const outcome = await runCommand(rt, {
    name: "retry-dead",
    selection: {
      failedAfter: window.start,
      failedBefore: window.end + 60_000,
      // Failures an outage explains are those that count toward the breaker (not ambiguity, not bugs).
      errorClasses: [...COUNTED_FAILURE_KINDS],
    },
  });
  report(
    `Recover Outage Jobs: ${outcome} (outage ${new Date(window.start).toISOString()} – ${new Date(window.end).toISOString()})`,
  );
  return { outcome };
});
