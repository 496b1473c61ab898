import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { SceneSyncState } from "../../plugin/store/facts.js";
import { SNAPSHOT_FILE } from "../../plugin/store/load.js";
import type { StoreWriter } from "../../plugin/store/store.js";
import { type SyncShardSource, SyncTable, shardOf } from "../../plugin/store/sync-table.js";
import { useStoreHarness } from "./helpers.js";

const synced = (n: number, extra: Partial<SceneSyncState> = {}): SceneSyncState => ({
  ratingKeys: [`r${n}`],
  lastSyncedAt: n,
  desiredHash: `h${n}`,
  imageHashes: n % 2 ? { poster: `p${n}` } : {},
  lastChanges: ["title"],
  ...extra,
});

function fill(store: StoreWriter, from: number, to: number): void {
  store.batch(() => {
    for (let i = from; i <= to; i++) store.putSyncState(String(i), synced(i));
  });
}

/** A shard source over plain maps that records which shards were read. */
function recordingSource(shards: Array<Record<string, SceneSyncState>>) {
  const reads: number[] = [];
  let closed = false;
  const source: SyncShardSource = {
    shardCount: shards.length,
    readShard: (i) => {
      reads.push(i);
      return Object.entries(shards[i] ?? {});
    },
    close: () => {
      closed = true;
    },
  };
  return { source, reads, closed: () => closed };
}

describe("sync table", () => {
  it("reads only the shard holding the scene asked for, and the overlay wins over it", () => {
    const shards: Array<Record<string, SceneSyncState>> = [{}, {}, {}, {}];
    for (let i = 1; i <= 40; i++)
      (shards[shardOf(String(i), 4)] as Record<string, SceneSyncState>)[i] = synced(i);
    const { source, reads, closed } = recordingSource(shards);
    const table = new SyncTable(source);
    table.set("7", synced(700));
    table.delete("8");
    expect(table.get("7")?.lastSyncedAt).toBe(700);
    expect(table.get("8")).toBeNull();
    expect(reads).toEqual([]);
    expect(table.get("9")?.lastSyncedAt).toBe(9);
    expect(table.get("9")?.lastSyncedAt).toBe(9);
    expect(reads).toEqual([shardOf("9", 4)]);
    const all = table.all();
    expect(all.size).toBe(39);
    expect(all.get("7")?.lastSyncedAt).toBe(700);
    expect(all.has("8")).toBe(false);
    expect(closed()).toBe(true);
    expect([...reads].sort()).toEqual([0, 1, 2, 3]);
  });
});

describe("sharded snapshot", () => {
  const h = useStoreHarness();

  it("a reader sees the snapshot's shards plus the journal tail, with no shard read for journal changes", async () => {
    const writer = await h.writer();
    fill(writer, 1, 2_500);
    writer.compact();
    writer.putSyncState("5", synced(5, { lastChanges: ["summary"] }));
    writer.removeSyncState("6");
    writer.putSyncState("9999", synced(9999));
    const reader = await h.reader();
    expect(reader.syncState("5")?.lastChanges).toEqual(["summary"]);
    expect(reader.syncState("6")).toBeNull();
    expect(reader.syncState("9999")?.ratingKeys).toEqual(["r9999"]);
    expect(reader.syncState("2500")).toEqual(synced(2500));
    expect(reader.syncStates().size).toBe(2_500);
    await reader.close();
    await writer.close();
    const header = JSON.parse(readFileSync(path.join(h.dir, SNAPSHOT_FILE), "utf8").split("\n")[0] ?? "");
    expect(header.shardBytes).toHaveLength(3);
  });

  it("a reader keeps its view while the writer compacts a newer snapshot over it", async () => {
    const writer = await h.writer();
    fill(writer, 1, 3_000);
    writer.compact();
    const reader = await h.reader();
    writer.batch(() => {
      for (let i = 1; i <= 3_000; i++) writer.removeSyncState(String(i));
    });
    writer.compact();
    expect(reader.syncState("1234")).toEqual(synced(1234));
    expect(reader.syncStates().size).toBe(3_000);
    reader.refresh();
    expect(reader.syncState("1234")).toBeNull();
    await reader.close();
    await writer.close();
  });

  it("reads a format-1 snapshot and writes format 3 at the next compaction", async () => {
    const legacy = {
      format: 1,
      seq: 3,
      jobs: [],
      deadLetters: [],
      sync: { "1": synced(1), "2": synced(2) },
      pins: { "1": "r1" },
      breaker: null,
      outages: [],
      stats: { succeeded: 2 },
      reconcileReports: [],
      ingested: [],
      paused: null,
    };
    writeFileSync(path.join(h.dir, SNAPSHOT_FILE), JSON.stringify(legacy), { mode: 0o600 });
    const reader = await h.reader();
    expect(reader.syncState("2")).toEqual(synced(2));
    await reader.close();
    const writer = await h.writer();
    expect(writer.pinnedRatingKey("1")).toBe("r1");
    writer.compact();
    await writer.close();
    const header = JSON.parse(readFileSync(path.join(h.dir, SNAPSHOT_FILE), "utf8").split("\n")[0] ?? "");
    expect(header).toMatchObject({ format: 3, seq: 3 });
    const again = await h.reader();
    expect([...again.syncStates().keys()].sort()).toEqual(["1", "2"]);
    expect(again.stats()).toEqual({ succeeded: 2 });
    await again.close();
  });

  it("a damaged shard loses only its own scenes, with an error in the log", async () => {
    const writer = await h.writer();
    fill(writer, 1, 2_000);
    writer.compact();
    await writer.close();
    const file = path.join(h.dir, SNAPSHOT_FILE);
    const bytes = readFileSync(file);
    const header = JSON.parse(bytes.subarray(0, bytes.indexOf(0x0a)).toString("utf8"));
    const jobBytes = (header.jobShardBytes as number[]).reduce((a, b) => a + b, 0);
    const firstShardAt = bytes.indexOf(0x0a) + 1 + header.coreBytes + jobBytes;
    bytes.write("{", firstShardAt + 1, "utf8"); // inside shard 0
    writeFileSync(file, bytes);
    const reader = await h.reader();
    const inShard1 = ["1", "2", "3", "4", "5"].find((id) => shardOf(id, 2) === 1) ?? "";
    const inShard0 = ["1", "2", "3", "4", "5"].find((id) => shardOf(id, 2) === 0) ?? "";
    expect(reader.syncState(inShard1)).not.toBeNull();
    expect(reader.syncState(inShard0)).toBeNull();
    expect(h.warnings().some((w) => w.includes("sync shard 0 is unreadable"))).toBe(true);
    await reader.close();
  });
});
