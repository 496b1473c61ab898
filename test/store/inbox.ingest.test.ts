import { existsSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  INBOX_BAD_DIR,
  inboxDir,
  newInboxId,
  readInbox,
  removeInboxEntries,
  writeInboxEntry,
} from "../../plugin/store/inbox.js";
import type { InboxHandler } from "../../plugin/store/store.js";
import { exited, useStoreChild } from "./child.js";
import { useStoreHarness } from "./helpers.js";

interface Event {
  sceneId: string;
}

const enqueueEvent: InboxHandler = (entry, store) => {
  const body = entry.body as Event;
  store.enqueue("sync-scene", { sceneId: body.sceneId, reason: "update" });
};

describe("inbox", () => {
  const h = useStoreHarness();
  const children = useStoreChild();

  it("names entries so they sort in time order and never collide", () => {
    expect(newInboxId(5) < newInboxId(40)).toBe(true);
    expect(newInboxId(5)).not.toBe(newInboxId(5));
    expect(newInboxId(1_795_878_484_070)).toMatch(/^001795878484070-\d+-[0-9a-f]{12}$/);
  });

  it("reads entries in order, skips temp files, and moves unparseable files aside", () => {
    const ids = [3, 1, 2].map((n) => {
      h.clock.set(1_000 + n);
      return writeInboxEntry(h.dir, { n }, h.clock);
    });
    const folder = inboxDir(h.dir);
    writeFileSync(path.join(folder, `${newInboxId(1_500)}.json`), "{torn");
    writeFileSync(path.join(folder, `${newInboxId(1_600)}.json.123.abc.tmp`), "{");
    const read = readInbox(h.dir, h.logger);
    expect(read.entries.map((e) => e.body)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(read.bad).toHaveLength(1);
    expect(readdirSync(path.join(folder, INBOX_BAD_DIR))).toHaveLength(1);
    removeInboxEntries(h.dir, [...ids, "000000000000000-1-000000000000"]);
    expect(readInbox(h.dir, h.logger).entries).toEqual([]);
  });

  it("ingests each entry once; a file left behind by a crash after commit is a no-op", async () => {
    const store = await h.writer();
    const id = writeInboxEntry(h.dir, { sceneId: "1" }, h.clock);
    writeInboxEntry(h.dir, { sceneId: "2" }, h.clock);
    expect(store.ingestInbox(enqueueEvent)).toEqual({ ingested: 2, duplicates: 0, bad: 0, failed: 0 });
    // Simulate the crash between the commit and the delete: the same file appears again.
    writeFileSync(path.join(inboxDir(h.dir), `${id}.json`), JSON.stringify({ sceneId: "1" }));
    store.claimDue(h.clock.now(), 10, "w"); // a re-applied event would queue a follow-up behind this
    expect(store.ingestInbox(enqueueEvent)).toMatchObject({ ingested: 0, duplicates: 1 });
    expect(store.countsByState(h.clock.now()).total).toBe(2);
    expect(readdirSync(inboxDir(h.dir)).filter((n) => n.endsWith(".json"))).toEqual([]);
    await store.close();
  });

  it("a handler that throws is reported, keeps its partial facts consistent, and does not block the rest", async () => {
    const store = await h.writer();
    writeInboxEntry(h.dir, { sceneId: "bad" }, h.clock);
    writeInboxEntry(h.dir, { sceneId: "7" }, h.clock);
    const report = store.ingestInbox((entry, s) => {
      const { sceneId } = entry.body as Event;
      if (!/^\d+$/.test(sceneId)) throw new Error(`not a scene id: ${sceneId}`);
      enqueueEvent(entry, s);
    });
    expect(report).toMatchObject({ ingested: 1, failed: 1 });
    expect(h.warnings().some((w) => w.includes("not a scene id"))).toBe(true);
    expect(store.countsByState(h.clock.now()).total).toBe(1);
    await store.close();
  });

  it("50 concurrent producer processes + one ingesting writer: every entry ingested exactly once", async () => {
    const store = await h.writer();
    const seen = new Map<string, number>();
    const producers = Array.from({ length: 50 }, (_, p) =>
      children.start(["producer", h.dir, "20", `p${p}`]),
    );
    const finished = Promise.all(producers.map(exited));
    let allExited = false;
    void finished.then(() => {
      allExited = true;
    });
    const ingestOnce = () =>
      store.ingestInbox((entry) => {
        const { tag, n } = entry.body as { tag: string; n: number };
        seen.set(`${tag}/${n}`, (seen.get(`${tag}/${n}`) ?? 0) + 1);
      });
    while (!allExited) {
      ingestOnce();
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    for (const result of await finished) expect(result).toEqual({ code: 0, stderr: "" });
    ingestOnce();
    expect(seen.size).toBe(50 * 20);
    expect([...seen.values()].every((count) => count === 1)).toBe(true);
    expect(readdirSync(inboxDir(h.dir)).filter((n) => !n.startsWith("."))).toEqual([]);
    expect(existsSync(path.join(inboxDir(h.dir), INBOX_BAD_DIR))).toBe(false);
    await store.close();
  }, 30_000);
});
