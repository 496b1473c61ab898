import { describe, expect, expectTypeOf, it } from "vitest";
import { OPERATIONS } from "../../plugin/ops/contract-args";
import {
  OPERATION_NAMES,
  type OperationResult,
  runtimeMissing,
  type SceneStatus,
} from "../../plugin/ops/contracts";
import { queueList, queueSummary, sceneStatusFor } from "../fakes/stash/canned-answers";

const NOW = 1_750_000_000_000;

describe("operation contracts", () => {
  it("accept every canned answer the canned plugin gives", () => {
    for (const id of ["1", "2", "3", "4", "5", "666"]) {
      expect(OPERATIONS["scene.status"].result.safeParse(sceneStatusFor(id, NOW)).success).toBe(true);
    }
    expect(OPERATIONS["queue.summary"].result.safeParse(queueSummary(NOW)).success).toBe(true);
    const list = queueList({ state: "dead", page: 1, perPage: 25 }, NOW);
    expect(OPERATIONS["queue.list"].result.safeParse(list).success).toBe(true);
  });

  it("reject answers that break the shape the UI relies on", () => {
    const bad = { ...sceneStatusFor("1", NOW), match: { state: "matched", ratingKeys: ["1"] } };
    expect(OPERATIONS["scene.status"].result.safeParse(bad).success).toBe(false);
    const badJob = {
      ...sceneStatusFor("3", NOW),
      job: { state: "stuck", attempts: 1, nextAttemptAt: null, error: null },
    };
    expect(OPERATIONS["scene.status"].result.safeParse(badJob).success).toBe(false);
  });

  it("validate arguments: scene ids are digits, pages start at 1, retry needs exactly one selector", () => {
    expect(OPERATIONS["scene.status"].args.safeParse({ sceneId: "12" }).success).toBe(true);
    expect(OPERATIONS["scene.status"].args.safeParse({ sceneId: "../etc" }).success).toBe(false);
    expect(OPERATIONS["queue.list"].args.safeParse({ state: "dead", page: 0, perPage: 10 }).success).toBe(
      false,
    );
    expect(OPERATIONS["queue.retry"].args.safeParse({}).success).toBe(false);
    expect(OPERATIONS["queue.retry"].args.safeParse({ all: false }).success).toBe(false);
    expect(OPERATIONS["queue.retry"].args.safeParse({ all: true, ids: ["1"] }).success).toBe(false);
    expect(OPERATIONS["queue.retry"].args.safeParse({ errorClass: "PlexTemporary" }).success).toBe(true);
    expect(OPERATIONS["queue.delete"].args.safeParse({ ids: ["a", "b"] }).success).toBe(true);
  });

  it("name every operation the brief lists", () => {
    expect(OPERATION_NAMES.sort()).toEqual(
      [
        "library.read",
        "paths.preview",
        "plex.libraries",
        "plex.test",
        "queue.clear",
        "queue.delete",
        "queue.list",
        "queue.retry",
        "queue.summary",
        "reconcile.queueGaps",
        "scene.pin",
        "scene.status",
        "scene.sync",
        "scene.unpin",
      ].sort(),
    );
  });

  it("infer result types from the schemas", () => {
    expectTypeOf<OperationResult<"scene.status">>().toEqualTypeOf<SceneStatus>();
    expectTypeOf<OperationResult<"queue.retry">["affected"]>().toEqualTypeOf<number | null>();
  });
});

describe("runtimeMissing", () => {
  it("recognises Stash's exec failures when node is absent", () => {
    expect(runtimeMissing("fork/exec /usr/bin/node: no such file or directory")).toBe(true);
    expect(runtimeMissing('error running plugin: exec: "node": executable file not found in $PATH')).toBe(
      true,
    );
    expect(runtimeMissing('exec: "node.exe": executable file not found in %PATH%')).toBe(true);
  });

  it("does not mistake plugin errors for a missing runtime", () => {
    expect(runtimeMissing("Plex at http://node:32400 did not answer")).toBe(false);
    expect(runtimeMissing("ENOENT: no such file or directory, open 'data/journal.jsonl'")).toBe(false);
    expect(runtimeMissing("fork/exec /usr/bin/python3: no such file or directory")).toBe(false);
  });
});
