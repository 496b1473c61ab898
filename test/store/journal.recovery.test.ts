import { appendFileSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { JOURNAL_FILE, SNAPSHOT_FILE } from "../../plugin/store/load.js";
import { useStoreHarness } from "./helpers.js";

const sync = (sceneId: string) => ({ sceneId, reason: "update" as const });

describe("journal replay", () => {
  const h = useStoreHarness();
  const journal = () => path.join(h.dir, JOURNAL_FILE);

  it("replays every committed fact after a reopen", async () => {
    let store = await h.writer();
    for (let i = 1; i <= 20; i++) store.enqueue("sync-scene", sync(String(i)));
    await store.close();
    store = await h.writer();
    expect(store.countsByState(h.clock.now()).total).toBe(20);
    await store.close();
  });

  it("cuts a torn last line with a warning and keeps appending after it", async () => {
    let store = await h.writer();
    store.enqueue("sync-scene", sync("1"));
    await store.close();
    appendFileSync(journal(), '{"s":2,"f":[{"v":1,"type":"job-put","job":{"id":"x"');
    store = await h.writer();
    expect(h.warnings().some((w) => w.includes("torn last line"))).toBe(true);
    expect(readFileSync(journal(), "utf8").endsWith("\n")).toBe(true);
    store.enqueue("sync-scene", sync("2"));
    await store.close();
    store = await h.writer();
    expect(store.countsByState(h.clock.now()).total).toBe(2);
    await store.close();
  });

  it("skips unreadable lines and unknown or malformed facts instead of crashing", async () => {
    let store = await h.writer();
    store.enqueue("sync-scene", sync("1"));
    await store.close();
    appendFileSync(
      journal(),
      [
        "this is not json",
        JSON.stringify({
          s: 50,
          f: [
            { v: 9, type: "from-the-future" },
            { v: 1, type: "job-put", job: { id: 3 } },
          ],
        }),
        JSON.stringify({ s: 51, f: [{ v: 1, type: "pin-set", sceneId: "4", ratingKey: "44" }] }),
        JSON.stringify({ s: 7, f: [{ v: 1, type: "pin-set", sceneId: "5", ratingKey: "55" }] }), // out of order
        "",
      ].join("\n"),
    );
    store = await h.writer();
    expect(store.countsByState(h.clock.now()).total).toBe(1);
    expect(store.pinnedRatingKey("4")).toBe("44");
    expect(store.pinnedRatingKey("5")).toBeNull();
    expect(h.warnings().join("\n")).toMatch(/skipped 2 unreadable line/);
    expect(h.warnings().join("\n")).toMatch(/skipped 2 fact/);
    store.setPin("6", "66"); // sequence continues after the highest seen
    await store.close();
    store = await h.writer();
    expect(store.pinnedRatingKey("6")).toBe("66");
    await store.close();
  });

  it("commits a batch as one line: all of its facts or none", async () => {
    const store = await h.writer();
    const before = statSync(journal()).size;
    store.batch(() => {
      store.enqueue("sync-scene", sync("1"));
      store.enqueue("sync-scene", sync("2"));
      store.setPin("1", "9");
    });
    const added = readFileSync(journal(), "utf8").slice(before);
    expect(added.split("\n").filter(Boolean)).toHaveLength(1);
    expect(JSON.parse(added).f).toHaveLength(3);
    await store.close();
  });

  it("creates its files private to the user", async () => {
    const store = await h.writer();
    store.enqueue("sync-scene", sync("1"));
    store.compact();
    await store.close();
    expect(statSync(h.dir).mode & 0o777).toBe(0o700);
    for (const name of [JOURNAL_FILE, SNAPSHOT_FILE])
      expect(statSync(path.join(h.dir, name)).mode & 0o777).toBe(0o600);
  });

  it("keeps a damaged snapshot aside instead of deleting it, and says so", async () => {
    let store = await h.writer();
    store.enqueue("sync-scene", sync("1"));
    store.compact();
    await store.close();
    writeFileSync(path.join(h.dir, SNAPSHOT_FILE), "{not json");
    store = await h.writer();
    expect(h.warnings().some((w) => w.includes("snapshot is unreadable"))).toBe(true);
    expect(readdirSync(h.dir).some((n) => n.startsWith(`${SNAPSHOT_FILE}.corrupt-`))).toBe(true);
    await store.close();
  });
});
