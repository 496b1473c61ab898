import { describe, expect, it } from "vitest";
import type { Store } from "../../../plugin/store/index.js";
import { applyCommand } from "../../../plugin/worker/apply-command.js";
import { useStoreHarness } from "../store/helpers.js";

/** UI and task commands applied to a real temporary store: what each changes, and that it is seen at once. */
describe("applyCommand (worker/apply-command.ts)", () => {
  const h = useStoreHarness();

  function deadLetterFor(store: Store, sceneId: string): void {
    store.enqueue("sync-scene", { sceneId, reason: "update" });
    const [job] = store.claimDue(h.clock.now(), 1, "w");
    store.settle(job!.id, { type: "dead", error: { class: "ambiguous", message: "two items" } }, "w");
  }

  it("sync-scenes queues each scene once (its key dedupes), or holds them for a bulk sync", async () => {
    const store = await h.open();
    const now = h.clock.now();
    expect(applyCommand(store, { name: "sync-scenes", sceneIds: ["1", "2"], reason: "manual" }, now)).toBe(
      "queued 2 scene(s) (manual)",
    );
    applyCommand(store, { name: "sync-scenes", sceneIds: ["1"], reason: "manual" }, now);
    expect(store.countsByState(now).total).toBe(2);
    applyCommand(store, { name: "sync-scenes", sceneIds: ["3", "4", "5"], reason: "bulk", hold: true }, now);
    expect(store.heldCount()).toBe(3);
    expect(store.jobForScene("1", now)).not.toBeNull();
    await store.close();
  });

  it("pin records the item and queues the scene; unpin clears it", async () => {
    const store = await h.open();
    const now = h.clock.now();
    expect(applyCommand(store, { name: "pin", sceneId: "7", ratingKey: "1007" }, now)).toBe(
      "scene 7 pinned to Plex item 1007",
    );
    expect(store.pinnedRatingKey("7")).toBe("1007");
    expect(store.countsByState(now).total).toBe(1);
    applyCommand(store, { name: "pin", sceneId: "7", ratingKey: null }, now);
    expect(store.pinnedRatingKey("7")).toBeNull();
    await store.close();
  });

  it("retry-dead re-queues the chosen dead letters, delete-dead forgets them", async () => {
    const store = await h.open();
    deadLetterFor(store, "1");
    deadLetterFor(store, "2");
    const now = h.clock.now();
    const [first] = store.listDeadLetters().items;
    expect(applyCommand(store, { name: "retry-dead", selection: { ids: [first!.id] } }, now)).toBe(
      "re-queued 1 dead letter(s)",
    );
    expect(store.countsByState(now)).toMatchObject({ deadLetters: 1, total: 1 });
    expect(applyCommand(store, { name: "delete-dead", selection: { all: true } }, now)).toBe(
      "deleted 1 dead letter(s)",
    );
    expect(store.countsByState(now).deadLetters).toBe(0);
    await store.close();
  });

  it("clear-pending drops queued and held scenes; resume lifts a pause", async () => {
    const store = await h.open();
    const now = h.clock.now();
    applyCommand(store, { name: "sync-scenes", sceneIds: ["1", "2"], reason: "manual" }, now);
    applyCommand(store, { name: "sync-scenes", sceneIds: ["3"], reason: "bulk", hold: true }, now);
    applyCommand(store, { name: "clear-pending" }, now);
    expect(store.countsByState(now).total).toBe(0);
    expect(store.heldCount()).toBe(0);
    store.setPaused("token rejected");
    applyCommand(store, { name: "resume" }, now);
    expect(store.paused()).toBeNull();
    await store.close();
  });
});
