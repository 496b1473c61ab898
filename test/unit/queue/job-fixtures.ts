import type { Job } from "../../../plugin/queue/job.js";

export const T0 = 1_700_000_000_000;

export function makeJob(overrides: Partial<Job> = {}): Job {
  return {
    id: "j1",
    kind: "sync-scene",
    key: "scene:1",
    payload: { sceneId: "1", reason: "update" },
    attempts: 0,
    maxAttempts: 5,
    runAt: T0,
    lastError: null,
    lockedBy: null,
    lockedAt: null,
    createdAt: T0,
    reasons: ["update"],
    ...overrides,
  };
}
