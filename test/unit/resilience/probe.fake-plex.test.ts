import { afterEach, describe, expect, it } from "vitest";
import { systemClock } from "../../../plugin/core/clock.js";
import { createPlexClient } from "../../../plugin/plex/index.js";
import {
  PlexCircuitBreaker,
  type ProbeResult,
  probePlex,
  probeUntilHealthy,
} from "../../../plugin/resilience/index.js";
import { type FakePlex, startFakePlex } from "../../fakes/plex/index.js";
import { constant, fakeClock, recordingLogger, seededRandom } from "./helpers.js";

const ID_A = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const ID_B = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

const started: FakePlex[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((f) => f.stop()));
});

async function fakeWithClient(options: Parameters<typeof startFakePlex>[0] = {}) {
  const fake = await startFakePlex({ machineIdentifier: ID_A, version: "1.41.6.9685-d301f511a", ...options });
  started.push(fake);
  const logger = recordingLogger();
  const client = createPlexClient({
    baseUrl: fake.url,
    token: fake.token,
    clientIdentifier: "probe-test",
    connectTimeoutMs: 1000,
    readTimeoutMs: 1000,
    logger,
  });
  return { fake, client, logger };
}

describe("probePlex against the fake Plex", () => {
  it("up → ok with version, machineIdentifier and the measured latency", async () => {
    const { client, logger } = await fakeWithClient({ latencyMs: 60 });
    const result = await probePlex(client, { clock: systemClock, logger, lastMachineIdentifier: ID_A });
    expect(result).toMatchObject({
      ok: true,
      version: "1.41.6.9685-d301f511a",
      machineIdentifier: ID_A,
      changedFrom: null,
    });
    expect(result.latencyMs).toBeGreaterThanOrEqual(50);
    expect(result.latencyMs).toBeLessThan(1000);
    expect(logger.lines.filter((l) => l.level === "warn")).toEqual([]);
  });

  it("down → not ok, server_down; up again → ok", async () => {
    const { client, fake, logger } = await fakeWithClient();
    await fake.down();
    const down = await probePlex(client, { clock: systemClock, logger });
    expect(down).toMatchObject({ ok: false, kind: "server_down" });
    await fake.up();
    expect((await probePlex(client, { clock: systemClock, logger })).ok).toBe(true);
  });

  it("HTTP up but the database still loading (503) → not ok, maintenance", async () => {
    const { client, fake, logger } = await fakeWithClient();
    fake.faults.set("GET /identity", { type: "status", status: 503 });
    expect(await probePlex(client, { clock: systemClock, logger })).toMatchObject({
      ok: false,
      kind: "maintenance",
    });
  });

  it("a different server at the URL → ok, but reported with a warning", async () => {
    const { client, logger } = await fakeWithClient({ machineIdentifier: ID_B });
    const result = await probePlex(client, { clock: systemClock, logger, lastMachineIdentifier: ID_A });
    expect(result).toMatchObject({ ok: true, machineIdentifier: ID_B, changedFrom: ID_A });
    const warnings = logger.lines.filter((l) => l.level === "warn").map((l) => l.message);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("A different Plex server answers at this URL");
    expect(warnings[0]).toContain(`(was ${ID_A})`);
    expect(warnings[0]).not.toContain(started[0]?.token ?? "no-token");
  });

  it("a bug of ours (not a PlexError) passes through instead of reading as 'Plex down'", async () => {
    const bug = new TypeError("identity is not a function");
    const source = { identity: () => Promise.reject(bug) };
    await expect(probePlex(source, { clock: systemClock, logger: recordingLogger() })).rejects.toBe(bug);
  });
});

describe("probeUntilHealthy drives the breaker through an outage", () => {
  it("open breaker → failed probes back off with jitter → Plex back → half-open → closed", async () => {
    const { client, fake, logger } = await fakeWithClient();
    const clock = fakeClock();
    const breaker = PlexCircuitBreaker.restore({ random: constant(0.5), logger });
    await fake.down();
    for (let i = 0; i < 5; i++) {
      const r = await probePlex(client, { clock, logger });
      if (!r.ok) breaker.recordFailure(r.kind, clock.now());
    }
    expect(breaker.stateAt(clock.now())).toBe("open");

    const pauses: number[] = [];
    const results: ProbeResult[] = [];
    const final = await probeUntilHealthy(client, {
      clock,
      logger,
      random: seededRandom(7),
      maxAttempts: 10,
      sleep: async (ms) => {
        pauses.push(ms);
        clock.advance(ms);
        if (pauses.length === 3) await fake.up();
      },
      onResult: (r) => {
        results.push(r);
        if (r.ok) breaker.recordSuccess(clock.now());
        else breaker.recordFailure(r.kind, clock.now());
      },
    });
    expect(final.ok).toBe(true);
    expect(results.map((r) => (r.ok ? "up" : r.kind))).toEqual([
      "server_down",
      "server_down",
      "server_down",
      "up",
    ]);
    pauses.forEach((ms, i) => {
      expect(ms).toBeGreaterThanOrEqual(1_000);
      expect(ms).toBeLessThanOrEqual(Math.min(60_000, 5_000 * 2 ** i));
    });
    // the pauses add up to at most 35 s < 60 s, so it is the probe that half-opened it; a job's success closes it
    expect(pauses.reduce((a, b) => a + b, 0)).toBeLessThan(60_000);
    expect(breaker.stateAt(clock.now())).toBe("half_open");
    breaker.recordSuccess(clock.now());
    expect(breaker.stateAt(clock.now())).toBe("closed");
  });
});
