import { describe, expect, it } from "vitest";
import {
  endOutage,
  formatOutageReport,
  type OutageHistory,
  PlexCircuitBreaker,
  startOutage,
} from "../../../plugin/resilience/index.js";
import { constant, memoryPersistence, recordingLogger, T0 } from "./helpers.js";

/** The wiring the drainer does: breaker transitions start and end the outage record. */
function wired() {
  let history: OutageHistory = [];
  const breaker = PlexCircuitBreaker.restore({
    random: constant(0.5),
    logger: recordingLogger(),
    persistence: memoryPersistence(),
    onTransition: (transition, state, now) => {
      if (transition === "opened" || transition === "reopened") {
        history = startOutage(history, now, state.state === "open" ? { reason: state.reason } : {});
      }
      if (transition === "closed") history = endOutage(history, now);
    },
  });
  return { breaker, history: () => history };
}

describe("breaker transitions → outage history", () => {
  it("an outage with three failed half-open trials is one record, ended when the breaker closes", () => {
    const { breaker, history } = wired();
    for (let i = 0; i < 5; i++) breaker.recordFailure("server_down", T0);
    breaker.recordFailure("server_down", T0 + 61_000);
    breaker.recordFailure("timeout", T0 + 122_000);
    breaker.recordFailure("server_down", T0 + 183_000);
    expect(history()).toEqual([{ start: T0, end: null, jobsAffected: 0, reason: "server_down" }]);
    breaker.recordSuccess(T0 + 200_000);
    breaker.recordSuccess(T0 + 201_000);
    expect(history()).toEqual([{ start: T0, end: T0 + 201_000, jobsAffected: 0, reason: "server_down" }]);
    expect(formatOutageReport(history(), { now: T0 + 300_000, breakerClosed: true })).toContain(
      "1. 2025-01-01 12:00:00 UTC - 3m 21s, reason=server_down",
    );
  });
});
