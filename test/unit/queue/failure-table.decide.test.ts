import { describe, expect, expectTypeOf, it } from "vitest";
import {
  countsTowardBreaker,
  decide,
  ERROR_CLASSES,
  FAILURE_TABLE,
  policyFor,
} from "../../../plugin/queue/failure-table.js";
import type { Job } from "../../../plugin/queue/job.js";
import { COUNTED_FAILURE_KINDS, type CountedFailureKind } from "../../../plugin/resilience/breaker-state.js";

const NOW = 1_000_000;
const settings = { max_retries: 5, skip_not_found: false };

function claimed(attempts: number): Job {
  return {
    id: "j1",
    kind: "sync-scene",
    key: "scene:1",
    payload: { sceneId: "1", reason: "update" },
    attempts,
    maxAttempts: 5,
    runAt: NOW - 1,
    lastError: null,
    lockedBy: "w",
    lockedAt: NOW - 10,
    createdAt: NOW - 100,
    reasons: ["update"],
  };
}

const err = (cls: string) => ({ class: cls, message: `${cls} happened` });

describe("failure table", () => {
  it("counts only Plex-health failures toward the breaker", () => {
    const counted = ERROR_CLASSES.filter(countsTowardBreaker).sort();
    expect(counted).toEqual([
      "bad_response",
      "maintenance",
      "rate_limited",
      "server_down",
      "server_error",
      "timeout",
    ]);
    // The breaker counts exactly these, at run time and in its types (breaker-state.ts derives both from the table).
    expect([...COUNTED_FAILURE_KINDS].sort()).toEqual(counted);
    expectTypeOf<CountedFailureKind>().toEqualTypeOf<
      "server_down" | "maintenance" | "timeout" | "rate_limited" | "server_error" | "bad_response"
    >();
  });

  it("treats an unknown stored class as our own bug (dead letter, no breaker)", () => {
    expect(policyFor("from_a_future_version")).toBe(FAILURE_TABLE.internal);
  });

  it.each(["server_down", "maintenance"])("%s waits without spending the attempt", (cls) => {
    const s = decide(claimed(3), err(cls), settings, NOW, () => 1);
    expect(s).toEqual({ type: "wait", runAt: NOW + 20_000, error: err(cls) });
  });

  it.each(["timeout", "rate_limited", "server_error", "bad_response"])(
    "%s retries with 5 s / 80 s full jitter",
    (cls) => {
      expect(decide(claimed(1), err(cls), settings, NOW, () => 1)).toMatchObject({
        type: "retry",
        runAt: NOW + 5_000,
      });
      expect(decide(claimed(4), err(cls), settings, NOW, () => 1)).toMatchObject({
        runAt: NOW + 40_000,
        maxAttempts: 5,
      });
      expect(decide(claimed(2), err(cls), settings, NOW, () => 0)).toMatchObject({ runAt: NOW });
    },
  );

  it("dead-letters a transient failure once settings.max_retries attempts are spent", () => {
    const s = decide(claimed(5), err("timeout"), settings, NOW, () => 1);
    expect(s.type).toBe("dead");
    expect(s.type === "dead" && s.error.message).toContain("gave up after 5 attempts");
    expect(decide(claimed(5), err("timeout"), { ...settings, max_retries: 8 }, NOW, () => 1).type).toBe(
      "retry",
    );
  });

  it("gives not_found the long schedule (30 s base, 600 s cap, 12 attempts)", () => {
    expect(decide(claimed(1), err("not_found"), settings, NOW, () => 1)).toMatchObject({
      type: "retry",
      runAt: NOW + 30_000,
      maxAttempts: 12,
    });
    expect(decide(claimed(9), err("not_found"), settings, NOW, () => 1)).toMatchObject({
      runAt: NOW + 600_000,
    });
    expect(decide(claimed(11), err("not_found"), settings, NOW, () => 1).type).toBe("retry");
    expect(decide(claimed(12), err("not_found"), settings, NOW, () => 1).type).toBe("dead");
  });

  it("drops not_found under skip_not_found, without a dead letter", () => {
    const s = decide(claimed(1), err("not_found"), { ...settings, skip_not_found: true }, NOW, () => 1);
    expect(s).toEqual({ type: "drop", error: err("not_found") });
  });

  it("pauses the queue on auth", () => {
    expect(decide(claimed(1), err("auth"), settings, NOW, () => 1)).toEqual({
      type: "pause",
      error: err("auth"),
    });
  });

  it.each(["ambiguous", "bad_request", "no_file", "bad_payload", "internal"])(
    "%s dead-letters at once",
    (cls) => {
      expect(decide(claimed(1), err(cls), settings, NOW, () => 1)).toEqual({ type: "dead", error: err(cls) });
    },
  );
});
