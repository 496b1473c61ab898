import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jobSchema } from "../../plugin/queue/job.js";
import { deadLetterSchema } from "../../plugin/queue/transitions.js";
import { JOB_KEYS, looksLikeDeadLetter, looksLikeJob } from "../../plugin/store/record-checks.js";
import { makeJob } from "../queue/job-fixtures.js";

const anyValue = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.integer({ min: -3, max: 3 }),
  fc.constant(2 ** 53),
  fc.double(),
  fc.string({ maxLength: 3 }),
  fc.array(fc.string({ maxLength: 2 }), { maxLength: 2 }),
  fc.record({ class: fc.string({ maxLength: 2 }), message: fc.string({ maxLength: 2 }) }),
);

/** A job with some fields replaced by arbitrary values, some removed, or an extra one added. */
const mutatedJob = fc
  .record({
    replace: fc.dictionary(fc.constantFrom(...JOB_KEYS), anyValue, { maxKeys: 3 }),
    drop: fc.subarray([...JOB_KEYS], { maxLength: 2 }),
    extra: fc.option(fc.constantFrom("extra", "constructor", "state")),
    crashes: fc.option(fc.integer({ min: 0, max: 3 })),
  })
  .map(({ replace, drop, extra, crashes }) => {
    const job: Record<string, unknown> = { ...makeJob(), ...(crashes === null ? {} : { crashes }) };
    Object.assign(job, replace);
    for (const key of drop) delete job[key];
    if (extra !== null) job[extra] = 1;
    return job;
  });

describe("snapshot fast record checks", () => {
  it("know exactly the job schema's fields (a new field must be added to the check too)", () => {
    expect([...JOB_KEYS].sort()).toEqual(Object.keys(jobSchema.shape).sort());
  });

  it("accept only jobs the schema accepts unchanged", () => {
    fc.assert(
      fc.property(mutatedJob, (job) => {
        if (!looksLikeJob(job)) return;
        const parsed = jobSchema.safeParse(job);
        expect(parsed.success).toBe(true);
        expect(parsed.data).toEqual(job);
      }),
      { numRuns: 2_000 },
    );
  });

  it("accept the ordinary shapes, so the fast path is taken", () => {
    expect(looksLikeJob(makeJob())).toBe(true);
    const failed = makeJob({ attempts: 2, crashes: 1, lastError: { class: "plex_5xx", message: "x" } });
    expect(looksLikeJob(failed)).toBe(true);
    const dl = {
      id: "j1",
      job: failed,
      error: { class: "plex_5xx", message: "x", detail: [1] },
      failedAt: 5,
    };
    expect(looksLikeDeadLetter(dl)).toBe(true);
    expect(deadLetterSchema.parse(dl)).toEqual(dl);
    expect(looksLikeDeadLetter({ ...dl, job: { ...failed, attempts: -1 } })).toBe(false);
    expect(looksLikeDeadLetter({ ...dl, failedAt: "5" })).toBe(false);
  });
});
