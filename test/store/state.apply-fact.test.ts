import { describe, expect, it } from "vitest";
import { createRecordingLogger } from "../../plugin/log/recording-logger.js";
import { type FactInput, fact } from "../../plugin/store/facts.js";
import { assembleSnapshot, toSnapshotCore } from "../../plugin/store/snapshot.js";
import { applyFact, emptyState, MAX_INGESTED_IDS, MAX_OUTAGES } from "../../plugin/store/state.js";
import { toSyncRow } from "../../plugin/store/sync-table.js";
import { makeJob } from "../queue/job-fixtures.js";
import { readSnapshotBytes } from "./snapshot-helpers.js";

function fold(...inputs: FactInput[]) {
  const state = emptyState();
  for (const input of inputs) applyFact(state, fact(input));
  return state;
}

describe("applyFact", () => {
  it("puts, replaces and removes jobs, keeping the key index in step", () => {
    const state = fold(
      { type: "job-put", job: makeJob({ id: "a", key: "scene:1" }) },
      { type: "job-put", job: makeJob({ id: "b", key: "scene:1", createdAt: 5 }) },
      { type: "job-put", job: makeJob({ id: "a", key: "scene:2" }) },
    );
    expect(state.jobs.withKey("scene:1").map((j) => j.id)).toEqual(["b"]);
    expect(state.jobs.withKey("scene:2").map((j) => j.id)).toEqual(["a"]);
    applyFact(state, fact({ type: "job-removed", id: "b" }));
    applyFact(state, fact({ type: "job-removed", id: "missing" }));
    expect(state.jobs.withKey("scene:1")).toEqual([]);
    expect([...state.jobs.values()].map((j) => j.id)).toEqual(["a"]);
  });

  it("records one outage per outage, closes only an open one, and caps the history", () => {
    const state = fold(
      { type: "outage-ended", at: 1 },
      { type: "outage-started", at: 2 },
      { type: "outage-started", at: 3 },
    );
    expect(state.outages).toEqual([{ startedAt: 2, endedAt: null }]);
    for (let i = 0; i < MAX_OUTAGES + 5; i++) {
      applyFact(state, fact({ type: "outage-ended", at: 10 + 2 * i }));
      applyFact(state, fact({ type: "outage-started", at: 11 + 2 * i }));
    }
    expect(state.outages).toHaveLength(MAX_OUTAGES);
  });

  it("adds counters, and resets a counter pushed into nonsense instead of inflating it", () => {
    const state = fold(
      { type: "stats-added", delta: { succeeded: 2, failed: 1 } },
      { type: "stats-added", delta: { succeeded: 3, failed: Number.NaN } },
      { type: "stats-added", delta: { failed: 1e13 } },
    );
    expect(Object.fromEntries(state.stats)).toEqual({ succeeded: 5, failed: 0 });
  });

  it("bounds the remembered inbox ids, forgetting the oldest", () => {
    const ids = Array.from({ length: MAX_INGESTED_IDS + 3 }, (_, i) => `id${i}`);
    const state = fold({ type: "inbox-ingested", ids });
    expect(state.ingested.size).toBe(MAX_INGESTED_IDS);
    expect(state.ingested.has("id0")).toBe(false);
    expect(state.ingested.has(`id${MAX_INGESTED_IDS + 2}`)).toBe(true);
  });

  it("pins and unpins, sets and clears pause", () => {
    const state = fold(
      { type: "pin-set", sceneId: "1", ratingKey: "9" },
      { type: "pin-set", sceneId: "1", ratingKey: null },
      { type: "paused-set", paused: { since: 1, reason: "token rejected" } },
    );
    expect(state.pins.size).toBe(0);
    expect(state.paused?.reason).toBe("token rejected");
  });

  it("round-trips through a snapshot, dropping unreadable items with a warning", () => {
    const state = fold(
      { type: "job-put", job: makeJob() },
      {
        type: "sync-state-put",
        sceneId: "1",
        state: {
          ratingKeys: ["5"],
          lastSyncedAt: 2,
          desiredHash: "h",
          imageHashes: { poster: "p" },
          lastChanges: ["title"],
        },
      },
      { type: "stats-added", delta: { succeeded: 1 } },
    );
    const core = JSON.parse(JSON.stringify(toSnapshotCore(state)));
    const rows = [...state.sync.all()].map(([id, s]) => toSyncRow(id, s));
    const bytes = assembleSnapshot(42, core, [[{ id: 5 }]], [[...rows, ["2", { nonsense: true }]]]);
    const logger = createRecordingLogger();
    const loaded = readSnapshotBytes(bytes, logger);
    expect(loaded.seq).toBe(42);
    expect(toSnapshotCore(loaded.state)).toEqual(toSnapshotCore(state));
    expect([...loaded.state.sync.all()]).toEqual([...state.sync.all()]);
    expect(logger.lines.map((l) => l.message)).toEqual([
      "Snapshot: skipped 1 unreadable jobs",
      "Snapshot: skipped 1 unreadable scene sync records",
    ]);
  });
});
