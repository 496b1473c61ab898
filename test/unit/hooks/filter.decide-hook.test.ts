import { describe, expect, it } from "vitest";
import { decideHook } from "../../../plugin/hooks/filter.js";

describe("decideHook", () => {
  it("ignores scan-originated updates (input null)", () => {
    expect(decideHook({ id: 5, type: "Scene.Update.Post", input: null })).toMatchObject({ record: false });
  });

  it("records an update that touches a synced field, with the fields", () => {
    const d = decideHook({
      id: 5,
      type: "Scene.Update.Post",
      input: { id: "5", title: "x", tag_ids: null },
      inputFields: ["id", "title"],
    });
    expect(d).toEqual({
      record: true,
      event: { v: 1, type: "scene-event", event: "update", sceneId: "5", fields: ["title"], path: null },
    });
  });

  it("ignores updates of fields we never sync (play count, resume time, o-counter)", () => {
    const d = decideHook({
      id: 5,
      type: "Scene.Update.Post",
      input: { id: "5", resume_time: 12, play_count: 3 },
      inputFields: ["id", "resume_time", "play_count"],
    });
    expect(d.record).toBe(false);
  });

  it("uses non-null input keys when an older Stash sends no inputFields", () => {
    const d = decideHook({ id: 7, type: "Scene.Update.Post", input: { id: "7", details: "d", title: null } });
    expect(d).toMatchObject({ record: true, event: { fields: ["details"] } });
  });

  it("records bulk updates (ids + a list mode)", () => {
    const d = decideHook({
      id: 8,
      type: "Scene.Update.Post",
      input: { ids: ["8", "9"], tag_ids: { mode: "ADD", ids: ["1"] } },
      inputFields: ["ids", "tag_ids"],
    });
    expect(d).toMatchObject({ record: true, event: { sceneId: "8", fields: ["tag_ids"] } });
  });

  it("records creates and destroys (with the old path)", () => {
    expect(decideHook({ id: 3, type: "Scene.Create.Post", input: null })).toMatchObject({
      record: true,
      event: { event: "create", sceneId: "3" },
    });
    expect(
      decideHook({
        id: 3,
        type: "Scene.Destroy.Post",
        input: { id: "3", path: "/m/a.mp4", delete_file: false },
      }),
    ).toMatchObject({ record: true, event: { event: "destroy", path: "/m/a.mp4" } });
  });

  it("refuses hooks without a scene id or of other types", () => {
    expect(decideHook({ type: "Scene.Update.Post", input: {} }).record).toBe(false);
    expect(decideHook({ id: 1, type: "Tag.Update.Post", input: {} }).record).toBe(false);
  });
});
