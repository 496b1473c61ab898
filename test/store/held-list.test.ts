import { describe, expect, it } from "vitest";
import { HeldList, heldGroups } from "../../plugin/store/held-list.js";
import { useStoreHarness } from "./helpers.js";

describe("held list", () => {
  it("answers membership from the snapshot's joined ids and the replayed changes without building the map", () => {
    const list = new HeldList([
      { ids: "1,2,3,10", reasons: ["bulk"] },
      { ids: ["a,b", "20"], reasons: ["reconcile"] },
    ]);
    list.release(["2"]);
    list.hold(["2", "30"], ["manual"]);
    list.release(["3"]);
    expect(["1", "2", "3", "10", "20", "a,b", "30", "0", "1,2"].map((id) => list.has(id))).toEqual([
      true,
      true,
      false,
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
    expect([...list.map()]).toEqual([
      ["1", ["bulk"]],
      ["10", ["bulk"]],
      ["a,b", ["reconcile"]],
      ["20", ["reconcile"]],
      ["2", ["manual"]],
      ["30", ["manual"]],
    ]);
    list.hold(["1"], ["manual"]);
    expect(list.map().get("1")).toEqual(["bulk", "manual"]);
  });

  it("groups runs of the same reasons and joins their ids unless one has a comma", () => {
    const reasons = ["bulk"];
    const map = new Map<string, readonly string[]>([
      ["1", reasons],
      ["2", ["bulk"]],
      ["3", ["reconcile"]],
      ["x,y", ["reconcile"]],
    ]);
    expect(heldGroups(map)).toEqual([
      { ids: "1,2", reasons: ["bulk"] },
      { ids: ["3", "x,y"], reasons: ["reconcile"] },
    ]);
  });
});

describe("held scenes in the snapshot", () => {
  const h = useStoreHarness();

  it("a reader sees held scenes from the snapshot and the journal tail; the writer continues them in order", async () => {
    const writer = await h.writer();
    writer.hold(
      Array.from({ length: 3_000 }, (_, i) => String(i + 1)),
      "bulk",
    );
    writer.compact();
    writer.dropHeld(["5"]);
    writer.hold(["9999"], "reconcile");
    const reader = await h.reader();
    expect(reader.jobForScene("5", h.clock.now()).held).toBe(false);
    expect(reader.jobForScene("6", h.clock.now()).held).toBe(true);
    expect(reader.jobForScene("9999", h.clock.now()).held).toBe(true);
    expect(reader.countsByState(h.clock.now()).pending).toBe(3_000);
    await reader.close();
    await writer.close();
    const next = await h.writer();
    expect([...next.heldScenes().keys()].slice(0, 5)).toEqual(["1", "2", "3", "4", "6"]);
    expect([...next.heldScenes().keys()].at(-1)).toBe("9999");
    await next.close();
  });
});
