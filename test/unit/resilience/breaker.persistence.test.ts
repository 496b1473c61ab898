import { isBrokenCircuitError } from "cockatiel";
import { describe, expect, it } from "vitest";
import { PlexError } from "../../../plugin/plex/errors.js";
import { PlexCircuitBreaker } from "../../../plugin/resilience/index.js";
import { constant, fakeClock, memoryPersistence, recordingLogger, T0 } from "./helpers.js";

function breakerIn(persistence: ReturnType<typeof memoryPersistence>, logger = recordingLogger()) {
  return PlexCircuitBreaker.restore({ random: constant(0.5), logger, persistence });
}

const down = () =>
  new PlexError({ kind: "server_down", method: "GET", path: "/identity", detail: "refused" });

describe("PlexCircuitBreaker across processes", () => {
  it("opens in one process, is still open in the next, half-opens after 60 s, and a probe success closes it", () => {
    const disk = memoryPersistence();
    const first = breakerIn(disk);
    for (let i = 0; i < 5; i++) first.recordFailure("server_down", T0 + i);
    expect(first.stateAt(T0 + 4)).toBe("open");

    // a new process 30 s later: still open, refuses attempts, knows when to probe
    const second = breakerIn(disk);
    expect(second.canAttempt(T0 + 30_000)).toBe(false);
    expect(second.snapshot(T0 + 30_000)).toMatchObject({
      state: "open",
      openedAt: T0 + 4,
      reason: "server_down",
    });

    // a third process after the remaining wait: half-open, and the probe that succeeds closes it
    const third = breakerIn(disk);
    const later = T0 + 4 + 60_000;
    expect(third.stateAt(later)).toBe("half_open");
    expect(third.canAttempt(later)).toBe(true);
    expect(third.recordSuccess(later)).toBe("closed");

    const fourth = breakerIn(disk);
    expect(fourth.snapshot(later + 1)).toMatchObject({ state: "closed", failures: 0, openedAt: null });
    expect(JSON.parse(disk.text ?? "null")).toEqual({
      version: 1,
      breaker: { state: "closed", failures: 0 },
    });
  });

  it("the toJSON of one breaker restores an identical breaker with fromJSON", () => {
    const logger = recordingLogger();
    const a = PlexCircuitBreaker.fromJSON(null, { random: constant(0.25), logger });
    for (let i = 0; i < 5; i++) a.recordFailure("maintenance", T0);
    const b = PlexCircuitBreaker.fromJSON(JSON.parse(JSON.stringify(a.toJSON())), {
      random: constant(0.25),
      logger,
    });
    expect(b.snapshot(T0 + 1)).toEqual(a.snapshot(T0 + 1));
    expect(b.toJSON()).toEqual(a.toJSON());
  });

  it.each([
    ["bad enum", { version: 1, breaker: { state: "ajar", failures: 0 } }],
    ["flat record of the original", { state: "open", failure_count: 5, success_count: 0, opened_at: 1.7e9 }],
    ["open without openedAt", { version: 1, breaker: { state: "open", failures: 5 } }],
    ["negative count", { version: 1, breaker: { state: "closed", failures: -1 } }],
    ["not an object", "CLOSED"],
  ])("a saved value that does not fit (%s) restores as CLOSED with a warning", (_name, saved) => {
    const logger = recordingLogger();
    const breaker = breakerIn(memoryPersistence(JSON.stringify(saved)), logger);
    expect(breaker.snapshot(T0).state).toBe("closed");
    expect(logger.lines.filter((l) => l.level === "warn").map((l) => l.message)).toEqual([
      expect.stringContaining("Circuit breaker reset to CLOSED"),
    ]);
  });

  it("saves only when the state changes (not on every successful job)", () => {
    const disk = memoryPersistence();
    const breaker = breakerIn(disk);
    for (let i = 0; i < 10; i++) breaker.recordSuccess(T0 + i);
    expect(disk.saves).toBe(0);
    breaker.recordFailure("timeout", T0);
    breaker.recordFailure("not_found", T0);
    breaker.recordSuccess(T0);
    expect(disk.saves).toBe(2);
  });

  it("logs transitions and reports them to onTransition", () => {
    const logger = recordingLogger();
    const seen: string[] = [];
    const breaker = PlexCircuitBreaker.restore({
      random: constant(0.5),
      logger,
      onTransition: (t, _s, now) => seen.push(`${t}@${now - T0}`),
    });
    for (let i = 0; i < 5; i++) breaker.recordFailure("server_down", T0);
    breaker.recordFailure("server_down", T0 + 61_000);
    breaker.recordSuccess(T0 + 70_000);
    breaker.recordSuccess(T0 + 71_000);
    expect(seen).toEqual(["opened@0", "reopened@61000", "half_opened@70000", "closed@71000"]);
    expect(logger.lines.map((l) => `${l.level}: ${l.message}`)).toEqual([
      "warn: Circuit OPEN after 5 consecutive failures (server_down): jobs wait, probing Plex",
      "warn: Circuit OPEN again: the trial failed (server_down)",
      "info: Circuit HALF-OPEN: Plex answers again, trying jobs",
      "info: Circuit CLOSED: Plex recovered",
    ]);
  });
});

describe("PlexCircuitBreaker.execute", () => {
  it("refuses with cockatiel's BrokenCircuitError while open and records counted Plex errors", async () => {
    const clock = fakeClock();
    const breaker = breakerIn(memoryPersistence());
    for (let i = 0; i < 5; i++) {
      await expect(breaker.execute(() => Promise.reject(down()), clock)).rejects.toMatchObject({
        kind: "server_down",
      });
    }
    let calls = 0;
    const refused = await breaker
      .execute(async () => {
        calls += 1;
      }, clock)
      .catch((e: unknown) => e);
    expect(isBrokenCircuitError(refused)).toBe(true);
    expect(calls).toBe(0);
    expect(String((refused as Error).message)).toMatch(/^Plex circuit is open; next probe in \d+s$/);

    clock.advance(60_000);
    await expect(breaker.execute(async () => "ok", clock)).resolves.toBe("ok");
    expect(breaker.stateAt(clock.now())).toBe("closed");
  });

  it("lets our own bugs and uncounted Plex errors through unchanged and uncounted", async () => {
    const clock = fakeClock();
    const breaker = breakerIn(memoryPersistence());
    const bug = new TypeError("undefined is not a function");
    const missing = new PlexError({
      kind: "not_found",
      method: "GET",
      path: "/library/metadata/1",
      detail: "404",
    });
    for (let i = 0; i < 10; i++) {
      await expect(breaker.execute(() => Promise.reject(bug), clock)).rejects.toBe(bug);
      await expect(breaker.execute(() => Promise.reject(missing), clock)).rejects.toBe(missing);
    }
    expect(breaker.snapshot(clock.now())).toMatchObject({ state: "closed", failures: 0 });
  });
});
