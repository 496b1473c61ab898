import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isLeaseLive, type Job } from "../../../plugin/queue/job.js";
import { MAX_CRASHES, selectClaimable } from "../../../plugin/queue/transitions.js";
import { makeJob, T0 } from "./job-fixtures.js";

const LEASE = 1_000;

/** The definition: sort every due job, take the first per key, skip keys that are running. */
function reference(jobs: Job[], now: number, limit: number): string[] {
  const busy = new Set(jobs.filter((j) => isLeaseLive(j, now, LEASE) && j.key !== null).map((j) => j.key));
  const due = jobs
    .filter((j) => !isLeaseLive(j, now, LEASE))
    .filter((j) => !((j.lockedBy !== null && j.attempts >= j.maxAttempts) || (j.crashes ?? 0) >= MAX_CRASHES))
    .filter((j) => j.runAt <= now)
    .sort((a, b) => a.runAt - b.runAt || a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  const claim: string[] = [];
  for (const job of due) {
    if (claim.length >= limit) break;
    if (job.key !== null) {
      if (busy.has(job.key)) continue;
      busy.add(job.key);
    }
    claim.push(job.id);
  }
  return claim;
}

const jobArb = fc.record({
  key: fc.option(fc.integer({ min: 1, max: 6 }), { nil: null }),
  runAt: fc.integer({ min: -3, max: 3 }),
  createdAt: fc.integer({ min: 0, max: 4 }),
  locked: fc.constantFrom("no", "live", "expired"),
  attempts: fc.integer({ min: 0, max: 5 }),
  crashes: fc.integer({ min: 0, max: MAX_CRASHES }),
});

describe("selectClaimable", () => {
  it("claims exactly what sorting every due job and taking the first per key would", () => {
    fc.assert(
      fc.property(fc.array(jobArb, { maxLength: 40 }), fc.integer({ min: 0, max: 8 }), (specs, limit) => {
        const jobs = specs.map((s, i) =>
          makeJob({
            id: `j${String(i).padStart(2, "0")}`,
            key: s.key === null ? null : `scene:${s.key}`,
            runAt: T0 + s.runAt * 100,
            createdAt: T0 - 1_000 + s.createdAt,
            lockedBy: s.locked === "no" ? null : "w",
            lockedAt: s.locked === "no" ? null : s.locked === "live" ? T0 - 10 : T0 - LEASE - 10,
            attempts: s.attempts,
            maxAttempts: 3,
            crashes: s.crashes,
          }),
        );
        const selection = selectClaimable(jobs, T0, limit, LEASE);
        expect(selection.claim.map((j) => j.id)).toEqual(reference(jobs, T0, limit));
      }),
      { numRuns: 2_000 },
    );
  });
});
