import { describe, expect, it } from "vitest";
import { JOB_LEASE_MS } from "../../../plugin/queue/job.js";
import { claimJob, planEnqueue, selectClaimable, settleJob } from "../../../plugin/queue/transitions.js";
import { makeJob, T0 } from "./job-fixtures.js";

const request = (over = {}) => ({
  id: "new",
  kind: "sync-scene",
  key: "scene:1",
  payload: { sceneId: "1", reason: "manual" },
  reasons: ["manual"],
  runAt: T0 + 2_000,
  maxAttempts: 5,
  ...over,
});

describe("planEnqueue", () => {
  it("replaces a pending job with the same key (debounce): same id, newest payload, merged reasons", () => {
    const pending = makeJob({
      attempts: 2,
      lastError: { class: "timeout", message: "t" },
      runAt: T0 + 60_000,
    });
    const job = planEnqueue([pending], request(), T0, JOB_LEASE_MS);
    expect(job).toMatchObject({
      id: "j1",
      payload: { sceneId: "1", reason: "manual" },
      reasons: ["update", "manual"],
      runAt: T0 + 2_000,
      attempts: 0,
      lastError: null,
    });
  });

  it("keeps the earlier runAt when asked to throttle", () => {
    const job = planEnqueue([makeJob({ runAt: T0 })], request({ preserveRunAt: true }), T0, JOB_LEASE_MS);
    expect(job.runAt).toBe(T0);
  });

  it("queues a follow-up behind a running job instead of dropping the newer edit", () => {
    const running = makeJob({ attempts: 1, lockedBy: "w", lockedAt: T0 });
    const job = planEnqueue([running], request(), T0 + 1, JOB_LEASE_MS);
    expect(job.id).toBe("new");
    expect(job.key).toBe("scene:1");
  });

  it("replaces a job whose lease ran out (its drainer died)", () => {
    const orphan = makeJob({ attempts: 1, lockedBy: "dead", lockedAt: T0 - JOB_LEASE_MS });
    expect(planEnqueue([orphan], request(), T0, JOB_LEASE_MS)).toMatchObject({ id: "j1", lockedBy: null });
  });
});

describe("selectClaimable and claimJob", () => {
  it("claims due jobs in runAt order, one per key, never behind a running job", () => {
    const jobs = [
      makeJob({ id: "late", key: "scene:2", runAt: T0 - 10 }),
      makeJob({ id: "early", key: "scene:3", runAt: T0 - 100 }),
      makeJob({ id: "future", key: "scene:4", runAt: T0 + 1 }),
      makeJob({ id: "running", key: "scene:5", lockedBy: "w", lockedAt: T0, attempts: 1 }),
      makeJob({ id: "behind", key: "scene:5", runAt: T0 - 1_000, createdAt: T0 + 1 }),
    ];
    expect(selectClaimable(jobs, T0, 10, JOB_LEASE_MS).claim.map((j) => j.id)).toEqual(["early", "late"]);
    expect(selectClaimable(jobs, T0, 1, JOB_LEASE_MS).claim.map((j) => j.id)).toEqual(["early"]);
  });

  it("hands back a job whose lease expired, and dead-letters one that used up its attempts by crashing", () => {
    const orphan = makeJob({ id: "o", attempts: 1, lockedBy: "w", lockedAt: T0 - JOB_LEASE_MS });
    const crasher = makeJob({
      id: "c",
      key: "scene:9",
      attempts: 5,
      lockedBy: "w",
      lockedAt: T0 - JOB_LEASE_MS,
    });
    const selection = selectClaimable([orphan, crasher], T0, 10, JOB_LEASE_MS);
    expect(selection.claim.map((j) => j.id)).toEqual(["o"]);
    expect(selection.exhausted.map((j) => j.id)).toEqual(["c"]);
  });

  it("counts the attempt at claim time", () => {
    expect(claimJob(makeJob({ attempts: 2 }), "w7", T0)).toMatchObject({
      attempts: 3,
      lockedBy: "w7",
      lockedAt: T0,
    });
  });
});

describe("settleJob", () => {
  const running = makeJob({ attempts: 2, lockedBy: "w", lockedAt: T0 });
  const error = { class: "server_down", message: "down" };

  it("removes a done job", () => {
    expect(settleJob(running, { type: "done" }, null, T0)).toEqual({
      job: null,
      successor: null,
      deadLetter: null,
      pause: null,
    });
  });

  it("refunds the attempt on wait and pause, and unlocks", () => {
    const waited = settleJob(running, { type: "wait", runAt: T0 + 9, error }, null, T0).job;
    expect(waited).toMatchObject({
      attempts: 1,
      runAt: T0 + 9,
      lockedBy: null,
      lockedAt: null,
      lastError: error,
    });
    const paused = settleJob(running, { type: "pause", error }, null, T0);
    expect(paused.job).toMatchObject({ attempts: 1, runAt: T0 });
    expect(paused.pause).toEqual(error);
  });

  it("records the retry schedule and class limit on the job", () => {
    const retried = settleJob(
      running,
      { type: "retry", runAt: T0 + 5, maxAttempts: 12, error },
      null,
      T0,
    ).job;
    expect(retried).toMatchObject({ attempts: 2, runAt: T0 + 5, maxAttempts: 12, lockedBy: null });
  });

  it("moves a dead job to a dead letter carrying the whole job", () => {
    const result = settleJob(running, { type: "dead", error }, null, T0);
    expect(result.job).toBeNull();
    expect(result.deadLetter).toMatchObject({
      id: "j1",
      error,
      failedAt: T0,
      job: { id: "j1", lockedBy: null },
    });
  });

  it("absorbs a failed job into its follow-up instead of keeping two jobs for one scene", () => {
    const followUp = makeJob({ id: "f", reasons: ["manual"], createdAt: T0 + 1 });
    const result = settleJob(running, { type: "retry", runAt: T0 + 5, maxAttempts: 5, error }, followUp, T0);
    expect(result.job).toBeNull();
    expect(result.deadLetter).toBeNull();
    expect(result.successor).toMatchObject({ id: "f", reasons: ["manual", "update"] });
  });
});
