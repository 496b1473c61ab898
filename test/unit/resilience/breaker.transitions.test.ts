import { describe, expect, it } from "vitest";
import {
  type BreakerState,
  CLOSED,
  canAttempt,
  effectiveState,
  nextProbeAt,
  DEFAULT_BREAKER_OPTIONS as OPTIONS,
  onFailure,
  onSuccess,
} from "../../../plugin/resilience/index.js";
import { constant, T0 } from "./helpers.js";

const half = constant(0.5);

function failTimes(state: BreakerState, times: number, kind = "server_down", now = T0): BreakerState {
  let s = state;
  for (let i = 0; i < times; i++) s = onFailure(s, kind, now, OPTIONS, half).state;
  return s;
}

describe("breaker state machine", () => {
  it("stays closed below the threshold and opens on the 5th counted failure", () => {
    const four = failTimes(CLOSED, 4);
    expect(four).toEqual({ state: "closed", failures: 4 });
    const step = onFailure(four, "timeout", T0, OPTIONS, half);
    expect(step.transition).toBe("opened");
    expect(step.state).toMatchObject({
      state: "open",
      openedAt: T0,
      failures: 5,
      reason: "timeout",
      probes: 0,
    });
    expect(canAttempt(step.state, T0, OPTIONS)).toBe(false);
  });

  it.each(["not_found", "auth", "bad_request", "stash_error", "internal", "something_new"])(
    "never counts %s",
    (kind) => {
      const step = onFailure({ state: "closed", failures: 4 }, kind, T0, OPTIONS, half);
      expect(step).toEqual({ state: { state: "closed", failures: 4 }, transition: null });
    },
  );

  it.each(["server_down", "maintenance", "timeout", "server_error", "rate_limited", "bad_response"])(
    "counts %s",
    (kind) => {
      expect(onFailure(CLOSED, kind, T0, OPTIONS, half).state).toEqual({ state: "closed", failures: 1 });
    },
  );

  it("a success resets the consecutive count", () => {
    const s = onSuccess(failTimes(CLOSED, 4), T0, OPTIONS).state;
    expect(s).toEqual(CLOSED);
    expect(failTimes(s, 4).state).toBe("closed");
  });

  it("reads as half-open once 60 s have passed, without a write", () => {
    const open = failTimes(CLOSED, 5);
    expect(effectiveState(open, T0 + 59_999, OPTIONS).state).toBe("open");
    expect(effectiveState(open, T0 + 60_000, OPTIONS)).toEqual({ state: "half_open", since: T0 + 60_000 });
    expect(canAttempt(open, T0 + 60_000, OPTIONS)).toBe(true);
  });

  it("half-open: one success closes; one counted failure re-opens with a fresh openedAt", () => {
    const open = failTimes(CLOSED, 5);
    const later = T0 + 61_000;
    expect(onSuccess(open, later, OPTIONS)).toEqual({ state: CLOSED, transition: "closed" });
    const reopened = onFailure(open, "server_down", later, OPTIONS, half);
    expect(reopened.transition).toBe("reopened");
    expect(reopened.state).toMatchObject({ state: "open", openedAt: later });
    // an uncounted failure during the trial leaves it half-open
    expect(onFailure(open, "not_found", later, OPTIONS, half).transition).toBeNull();
  });

  it("a probe success while open half-opens at once", () => {
    const open = failTimes(CLOSED, 5);
    const step = onSuccess(open, T0 + 7_000, OPTIONS);
    expect(step).toEqual({ state: { state: "half_open", since: T0 + 7_000 }, transition: "half_opened" });
    expect(onSuccess(step.state, T0 + 8_000, OPTIONS).transition).toBe("closed");
  });

  it("failed probes while open back off: 5 s, 10 s, 20 s, 40 s, then 60 s at most (jitter = 1)", () => {
    const top = constant(0.999_999_999);
    let s = onFailure({ state: "closed", failures: 4 }, "server_down", T0, OPTIONS, top).state;
    const gaps: number[] = [];
    let now = T0;
    for (let i = 0; i < 6; i++) {
      if (s.state !== "open") throw new Error("expected open");
      gaps.push(Math.round((s.nextProbeAt - now) / 1000));
      now = s.nextProbeAt;
      s = onFailure(s, "server_down", now, { ...OPTIONS, halfOpenAfterMs: 1e9 }, top).state;
    }
    expect(gaps).toEqual([5, 10, 20, 40, 60, 60]);
  });

  it("nextProbeAt: null when closed, the probe time while open, never after the half-open time", () => {
    expect(nextProbeAt(CLOSED, T0, OPTIONS)).toBeNull();
    const open = failTimes(CLOSED, 5);
    if (open.state !== "open") throw new Error("expected open");
    expect(nextProbeAt(open, T0, OPTIONS)).toBe(open.nextProbeAt);
    const farProbe: BreakerState = { ...open, nextProbeAt: T0 + 600_000 };
    expect(nextProbeAt(farProbe, T0, OPTIONS)).toBe(T0 + 60_000);
    expect(nextProbeAt(open, T0 + 60_000, OPTIONS)).toBe(T0 + 60_000);
  });

  it("a clock earlier than openedAt (moved back, or another host) reads as half-open: one trial decides", () => {
    const open = failTimes(CLOSED, 5);
    expect(effectiveState(open, T0 - 3_600_000, OPTIONS).state).toBe("half_open");
  });

  it("fixes the original's ⚠: failures while half-open do not pile up records — they re-open the same outage", () => {
    const open = failTimes(CLOSED, 5);
    let s = open;
    const transitions: (string | null)[] = [];
    for (let i = 1; i <= 3; i++) {
      const step = onFailure(s, "server_down", T0 + i * 61_000, OPTIONS, half);
      transitions.push(step.transition);
      s = step.state;
    }
    expect(transitions).toEqual(["reopened", "reopened", "reopened"]);
  });
});
