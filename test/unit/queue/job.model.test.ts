import { describe, expect, expectTypeOf, it } from "vitest";
import {
  JOB_LEASE_MS,
  type JobKinds,
  JobPayloadError,
  jobState,
  parseJobPayload,
  sceneIdOfJob,
} from "../../../plugin/queue/job.js";
import { makeJob, T0 } from "./job-fixtures.js";

describe("jobState (derived, never stored)", () => {
  it("is pending when due and never failed, waiting when scheduled later", () => {
    expect(jobState(makeJob(), T0)).toBe("pending");
    expect(jobState(makeJob({ runAt: T0 + 1 }), T0)).toBe("waiting");
  });

  it("is retrying once it failed, whether due or not", () => {
    const failed = makeJob({ attempts: 1, lastError: { class: "timeout", message: "t" } });
    expect(jobState({ ...failed, runAt: T0 + 5_000 }, T0)).toBe("retrying");
    expect(jobState(failed, T0 + 5_000)).toBe("retrying");
  });

  it("is running only while the lease is live; an expired lease makes it available again", () => {
    const running = makeJob({ attempts: 1, lockedBy: "w1", lockedAt: T0 });
    expect(jobState(running, T0 + JOB_LEASE_MS - 1)).toBe("running");
    expect(jobState(running, T0 + JOB_LEASE_MS)).toBe("pending");
  });

  it("reads the scene from the payload, key or not, and null where the payload has none", () => {
    expect(sceneIdOfJob(makeJob({ key: "scene:42", payload: { sceneId: "42", reason: "update" } }))).toBe(
      "42",
    );
    expect(sceneIdOfJob(makeJob({ key: null, payload: { sceneId: "7", path: null } }))).toBe("7");
    expect(sceneIdOfJob(makeJob({ payload: { sceneId: 7 } }))).toBeNull();
    expect(sceneIdOfJob(makeJob({ payload: null }))).toBeNull();
  });
});

describe("payload assertions at the boundary", () => {
  it("types a good payload and rejects a bad one with what is wrong", () => {
    const payload = parseJobPayload("sync-scene", { sceneId: "7", reason: "manual" });
    expectTypeOf(payload).toEqualTypeOf<JobKinds["sync-scene"]>();
    expect(payload).toEqual({ sceneId: "7", reason: "manual" });
    expect(() => parseJobPayload("sync-scene", { sceneId: "x", reason: "update" })).toThrow(JobPayloadError);
    expect(() => parseJobPayload("sync-scene", { sceneId: "1", reason: "nope" })).toThrow(/sync-scene/);
  });

  it("fills defaults for fields an older job lacks", () => {
    expect(parseJobPayload("remove-scene", { sceneId: "3" })).toEqual({ sceneId: "3", path: null });
  });

  it("types the registry", () => {
    expectTypeOf<JobKinds["sync-scene"]["reason"]>().toEqualTypeOf<
      "update" | "create" | "bulk" | "reconcile" | "retry" | "manual"
    >();
    expectTypeOf<JobKinds["remove-scene"]>().toEqualTypeOf<{ sceneId: string; path: string | null }>();
  });
});
