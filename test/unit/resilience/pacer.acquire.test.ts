import { describe, expect, it } from "vitest";
import { PlexError } from "../../../plugin/plex/errors.js";
import { createPacer } from "../../../plugin/resilience/index.js";
import { fakeClock, recordingLogger, T0 } from "./helpers.js";

function setup(options = {}, rampStartedAt: number | null = null) {
  const clock = fakeClock();
  const sleeps: number[] = [];
  const sleep = async (ms: number) => {
    sleeps.push(ms);
    clock.advance(ms);
  };
  const logger = recordingLogger();
  const pacer = createPacer({ clock, sleep, logger, options, rampStartedAt });
  return { clock, sleeps, pacer, logger };
}

const serverError = () =>
  new PlexError({ kind: "server_error", method: "PUT", path: "/library/sections/1/all", detail: "500" });

describe("createPacer", () => {
  it("spaces grants at the current rate with a fake clock (5/s → 200 ms apart)", async () => {
    const { pacer, clock } = setup({ targetRate: 5 });
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const permit = await pacer.acquire();
      times.push(clock.now() - T0);
      permit.release({ ok: true, latencyMs: 10 });
    }
    expect(times).toEqual([0, 200, 400, 600, 800]);
    expect(pacer.figures()).toMatchObject({ granted: 5, waited: 4, totalWaitMs: 800, maxWaitMs: 200 });
  });

  it("holds the third caller until one of two in flight is released, first come first served", async () => {
    const { pacer } = setup({ burst: 10, targetRate: 1000 });
    const order: string[] = [];
    const a = await pacer.acquire();
    const b = await pacer.acquire();
    const c = pacer.acquire().then((p) => {
      order.push("c");
      return p;
    });
    const d = pacer.acquire().then((p) => {
      order.push("d");
      return p;
    });
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual([]);
    expect(pacer.figures().inFlight).toBe(2);
    a.release({ ok: true, latencyMs: 1 });
    const permitC = await c;
    expect(order).toEqual(["c"]);
    b.release(null);
    await d;
    expect(order).toEqual(["c", "d"]);
    permitC.release({ ok: true, latencyMs: 1 });
    expect(pacer.figures().inFlight).toBe(1);
  });

  it("run() samples counted Plex errors as failures and backs off, with a warning", async () => {
    const { pacer, logger } = setup({ targetRate: 20 });
    for (let i = 0; i < 6; i++) await pacer.run(() => Promise.reject(serverError())).catch(() => undefined);
    expect(pacer.figures()).toMatchObject({
      multiplier: 0.5,
      errorRate: 1,
      backoffs: 1,
      ratePerSec: 10,
      concurrency: 1,
    });
    expect(logger.lines).toContainEqual({
      level: "warn",
      component: "",
      message: "Slowing Plex requests to 10.0/s, 1 at a time (error rate 100%)",
    });
  });

  it("run() passes results and errors through; not-found counts as Plex answering, bugs are not sampled", async () => {
    const { pacer } = setup();
    await expect(pacer.run(async () => 42)).resolves.toBe(42);
    const missing = new PlexError({
      kind: "not_found",
      method: "GET",
      path: "/library/metadata/9",
      detail: "404",
    });
    await expect(pacer.run(() => Promise.reject(missing))).rejects.toBe(missing);
    const bug = new RangeError("ours");
    await expect(pacer.run(() => Promise.reject(bug))).rejects.toBe(bug);
    expect(pacer.figures()).toMatchObject({ granted: 3, errorRate: 0, inFlight: 0 });
  });

  it("an aborted caller leaves the line without blocking the next one", async () => {
    const { pacer } = setup({ maxConcurrency: 1, burst: 10, targetRate: 1000 });
    const held = await pacer.acquire();
    const controller = new AbortController();
    const aborted = pacer.acquire(controller.signal);
    const next = pacer.acquire();
    controller.abort(new Error("cancelled"));
    await expect(aborted).rejects.toThrow("cancelled");
    held.release(null);
    await expect(next).resolves.toBeDefined();
  });

  it("refuses a concurrency below 1", () => {
    expect(() => setup({ maxConcurrency: 0 })).toThrow(RangeError);
  });

  it("startRamp() after a recovery drops to the low rate and reports ramp progress", () => {
    const { pacer, clock } = setup();
    expect(pacer.figures().ratePerSec).toBe(400);
    pacer.startRamp();
    expect(pacer.figures()).toMatchObject({ ratePerSec: 5, rampProgress: 0 });
    clock.advance(150_000);
    expect(pacer.figures().ratePerSec).toBeCloseTo(12.5, 10);
  });
});
