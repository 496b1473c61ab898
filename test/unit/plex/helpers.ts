import { readFileSync } from "node:fs";
import { afterEach } from "vitest";
import type { Logger, RecordedLine } from "../../../plugin/log/logger.js";
import type { PlexRequestEvent } from "../../../plugin/plex/http.js";
import { createPlexClient, type PlexClient, type PlexClientOptions } from "../../../plugin/plex/index.js";
import { type FakePlex, type FakePlexOptions, startFakePlex } from "../../fakes/plex/index.js";

export function recordingLogger(): Logger & { lines: RecordedLine[] } {
  const lines: RecordedLine[] = [];
  const make = (component: string): Logger => ({
    trace: (message) => lines.push({ level: "trace", component, message }),
    debug: (message) => lines.push({ level: "debug", component, message }),
    info: (message) => lines.push({ level: "info", component, message }),
    warn: (message) => lines.push({ level: "warn", component, message }),
    error: (message) => lines.push({ level: "error", component, message }),
    progress: (fraction) => lines.push({ level: "progress", component, message: String(fraction) }),
    child: (name) => make(component ? `${component} ${name}` : name),
    addSecret: () => {},
  });
  return Object.assign(make("Plex"), { lines });
}

const FIXTURES = new URL("../../../../shared/plex-fixtures/", import.meta.url);

export function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(name, FIXTURES), "utf8"));
}

export interface Harness {
  fake: FakePlex;
  client: PlexClient;
  logger: ReturnType<typeof recordingLogger>;
  events: PlexRequestEvent[];
}

/** Starts fakes per test and stops them afterwards (call once at file level). */
export function fakePlexPerTest(): (
  options?: FakePlexOptions,
  clientOptions?: Partial<PlexClientOptions>,
) => Promise<Harness> {
  const started: FakePlex[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((f) => f.stop()));
  });
  return async (options = {}, clientOptions = {}) => {
    const fake = await startFakePlex(options);
    started.push(fake);
    const logger = recordingLogger();
    const events: PlexRequestEvent[] = [];
    const client = createPlexClient({
      baseUrl: fake.url,
      token: fake.token,
      clientIdentifier: "test-client-id",
      connectTimeoutMs: 2000,
      readTimeoutMs: 2000,
      logger,
      onRequest: (e) => events.push(e),
      ...clientOptions,
    });
    return { fake, client, logger, events };
  };
}

/** The rejection of a promise (fails the test if it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  throw new Error("expected the promise to reject");
}
