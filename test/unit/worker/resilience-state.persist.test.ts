import { describe, expect, it } from "vitest";
import { emptyHealth, openResilience, readResilience } from "../../../plugin/worker/resilience-state.js";
import { useStoreHarness } from "../store/helpers.js";

const OPTIONS = { failureThreshold: 2, halfOpenAfterMs: 60_000 };
const HEALTH = {
  lastCheckAt: 1,
  ok: true,
  latencyMs: 12,
  version: "1.41.0",
  machineIdentifier: "machine-a",
};

/**
 * The breaker, outage history and health kept as one value in a temporary SQLite store
 * (worker/resilience-state.ts): a transition and its outage record are saved together and survive a reopen.
 */
describe("openResilience / readResilience", () => {
  const h = useStoreHarness();

  function open(store: Parameters<typeof openResilience>[0], onClosed?: () => void) {
    return openResilience(store, {
      clock: h.clock,
      random: () => 0.5,
      logger: h.logger,
      options: OPTIONS,
      ...(onClosed ? { onClosed } : {}),
    });
  }

  it("an empty store reads as a closed breaker, no outages and unknown health", async () => {
    const store = await h.open();
    expect(readResilience(store)).toEqual({ breaker: null, outages: [], health: emptyHealth() });
    expect(open(store).breaker.stateAt(h.clock.now())).toBe("closed");
    await store.close();
  });

  it("opening starts an outage naming the reason and the server; closing ends it and says so", async () => {
    const store = await h.open();
    let closed = 0;
    const live = open(store, () => closed++);
    live.setHealth(HEALTH);
    const start = h.clock.now();
    live.breaker.recordFailure("server_down", start);
    live.breaker.recordFailure("server_down", start);
    expect(readResilience(store).outages).toEqual([
      { start, end: null, jobsAffected: 0, reason: "server_down", machineIdentifier: "machine-a" },
    ]);
    expect(live.lastRecoveryAt()).toBeNull();

    h.clock.advance(OPTIONS.halfOpenAfterMs);
    const end = h.clock.now();
    expect(live.breaker.canAttempt(end)).toBe(true);
    live.breaker.recordSuccess(end);
    expect(closed).toBe(1);
    expect(readResilience(store).outages).toMatchObject([{ start, end }]);
    expect(live.lastRecoveryAt()).toBe(end);
    await store.close();
  });

  it("a reopened store restores the open breaker, its outage and the health", async () => {
    const first = await h.open();
    const live = open(first);
    live.setHealth(HEALTH);
    live.breaker.recordFailure("timeout", h.clock.now());
    live.breaker.recordFailure("timeout", h.clock.now());
    await first.close();

    const second = await h.open();
    const again = open(second);
    expect(again.breaker.stateAt(h.clock.now())).toBe("open");
    expect(again.breaker.canAttempt(h.clock.now())).toBe(false);
    expect(again.outages()).toMatchObject([{ end: null, reason: "timeout" }]);
    expect(again.health()).toEqual(HEALTH);
    await second.close();
  });

  it("kinds the failure table does not count (not_found, auth) never open the breaker", async () => {
    const store = await h.open();
    const live = open(store);
    for (const kind of ["not_found", "auth", "not_found", "auth"])
      live.breaker.recordFailure(kind, h.clock.now());
    expect(live.breaker.stateAt(h.clock.now())).toBe("closed");
    expect(readResilience(store).outages).toEqual([]);
    await store.close();
  });

  it("a stored value that does not fit: health and outages fall back, the breaker resets with a warning", async () => {
    const store = await h.open();
    store.setBreaker({ breaker: { state: "bogus" }, outages: [{ start: "x" }], health: { ok: "yes" } });
    expect(readResilience(store)).toEqual({
      breaker: { state: "bogus" },
      outages: [],
      health: emptyHealth(),
    });
    expect(open(store).breaker.stateAt(h.clock.now())).toBe("closed");
    expect(h.warnings().some((w) => w.includes("Circuit breaker reset to CLOSED"))).toBe(true);
    store.setBreaker("not an object");
    expect(readResilience(store)).toEqual({ breaker: null, outages: [], health: emptyHealth() });
    await store.close();
  });
});
