import { chmodSync, mkdirSync, type statfsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { describe, expect, it } from "vitest";
import {
  DB_FILE,
  describeStoreError,
  networkFilesystemOf,
  openDatabase,
} from "../../../plugin/db/database.js";
import { MIGRATIONS, SCHEMA_VERSION } from "../../../plugin/db/migrations.js";
import { ROLE_STALE_MS } from "../../../plugin/store/drainer-role.js";
import { StoreFailedError } from "../../../plugin/store/store.js";
import { rawDb, useStoreHarness } from "./helpers.js";

const fsOfType = (type: number) => (() => ({ type })) as unknown as typeof statfsSync;

describe("the store's database", () => {
  const h = useStoreHarness();

  it("is created in WAL mode with the latest schema, migrations numbered 1..N in order", async () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    const store = await h.open();
    await store.close();
    const [mode, version] = rawDb(h.dir, (db) => [
      (db.prepare("PRAGMA journal_mode").get() as { journal_mode: string }).journal_mode,
      (db.prepare("PRAGMA user_version").get() as { user_version: number }).user_version,
    ]);
    expect([mode, version]).toEqual(["wal", SCHEMA_VERSION]);
  });

  it("refuses a database from a newer plugin with a message that says to update", async () => {
    mkdirSync(h.dir, { recursive: true });
    const db = new DatabaseSync(path.join(h.dir, DB_FILE));
    db.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    await expect(h.open()).rejects.toThrow(/newer Stash2Plex .*update the plugin/);
  });

  it("uses rollback journaling on a network share (WAL needs shared memory) and says so", async () => {
    expect(networkFilesystemOf(h.dir, fsOfType(0x6969))).toBe("NFS");
    expect(networkFilesystemOf(h.dir, fsOfType(0xff534d42))).toBe("CIFS");
    expect(networkFilesystemOf(h.dir, fsOfType(0xef53))).toBeNull();
    const opened = await openDatabase(h.dir, h.logger, fsOfType(0xfe534d42));
    opened.database.close();
    expect(opened.networkFilesystem).toBe("SMB2");
    expect(rawDb(h.dir, (db) => db.prepare("PRAGMA journal_mode").get())).toEqual({ journal_mode: "delete" });
    const again = await openDatabase(h.dir, h.logger, fsOfType(0xfe534d42));
    again.database.close();
    // Said once, when the database was created there; not on every open (every hook would repeat it).
    expect(h.warnings().filter((w) => w.includes("network share (SMB2)"))).toHaveLength(1);
  });

  it("a read-only data folder is a clear error naming the folder, and nothing is half-written", async () => {
    const store = await h.open();
    store.enqueue("sync-scene", { sceneId: "1", reason: "update" });
    await store.close();
    const locked = path.join(h.dir, "locked");
    mkdirSync(locked);
    chmodSync(locked, 0o500);
    // root writes through file modes: there, a folder under /sys (which refuses new entries) stands in.
    const target = process.getuid?.() === 0 ? "/sys/stash2plex-data" : path.join(locked, "data");
    try {
      const error = await h.open({}, target).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreFailedError);
      expect(String(error)).toContain(`The data folder ${target} cannot be written`);
    } finally {
      chmodSync(locked, 0o700);
    }
    const reopened = await h.open();
    expect(reopened.countsByState(h.clock.now()).total).toBe(1);
    await reopened.close();
  });

  it("a full disk and a damaged file become messages that say what to do; other errors pass through", () => {
    const full = Object.assign(new Error("database or disk is full"), { errcode: 13 });
    expect(describeStoreError(full, "/data")).toBeInstanceOf(StoreFailedError);
    expect(String(describeStoreError(full, "/data"))).toMatch(/\/data is full.*Free some space/);
    const damaged = Object.assign(new Error("file is not a database"), { errcode: 26 });
    expect(String(describeStoreError(damaged, "/data"))).toMatch(/damaged.*Sync All/);
    const other = new Error("boom");
    expect(describeStoreError(other, "/data")).toBe(other);
  });

  it("notes once that an old file-store queue is not carried over", async () => {
    mkdirSync(h.dir, { recursive: true });
    writeFileSync(path.join(h.dir, "journal.jsonl"), "");
    await (await h.open()).close();
    await (await h.open()).close();
    const notes = h.logger.lines.filter((l) => l.message.includes("not carried over"));
    expect(notes).toHaveLength(1);
  });
});

describe("the drainer role", () => {
  const h = useStoreHarness();

  it("one holder at a time; released on close; a stale heartbeat (or a clock jump) frees it", async () => {
    const a = await h.open();
    const b = await h.open();
    expect(a.takeDrainerRole()).toBe(true);
    expect(b.takeDrainerRole()).toBe(false);
    expect(b.drainerPid()).toBe(process.pid);
    h.clock.advance(ROLE_STALE_MS - 1);
    expect(b.drainerAlive()).toBe(true);
    h.clock.advance(2);
    expect(b.drainerAlive()).toBe(false);
    h.clock.advance(-10 * ROLE_STALE_MS); // the clock jumped back: a heartbeat in the future is not trusted either
    expect(b.drainerAlive()).toBe(false);
    expect(b.takeDrainerRole()).toBe(true);
    await a.close(); // its release does not remove b's row
    expect(b.drainerAlive()).toBe(true);
    await b.close();
    const c = await h.open();
    expect(c.drainerAlive()).toBe(false);
    await c.close();
  });

  it("an idle drainer gives the role up only when nothing is queued, in the same transaction as that look", async () => {
    const drainer = await h.open();
    const op = await h.open();
    expect(drainer.takeDrainerRole()).toBe(true);
    const job = op.enqueue("sync-scene", { sceneId: "1", reason: "update" });
    // The operation queued first and saw a drainer: the drainer must see that job and keep the role.
    expect(op.drainerAlive()).toBe(true);
    expect(drainer.releaseDrainerRoleIfIdle(h.clock.now())).toBe(false);
    expect(op.drainerAlive()).toBe(true);
    expect(op.removeJob(job.id)).toBe(true);
    expect(drainer.releaseDrainerRoleIfIdle(h.clock.now())).toBe(true);
    // Given up: the next operation that queues work finds no drainer and starts one.
    expect(op.drainerAlive()).toBe(false);
    await drainer.close();
    await op.close();
  });

  it("taking the role releases the jobs a dead holder had claimed, refunding their attempt", async () => {
    const store = await h.open();
    const job = store.enqueue("sync-scene", { sceneId: "1", reason: "update" });
    store.claimDue(h.clock.now(), 5, "dead-worker");
    expect(store.takeDrainerRole()).toBe(true);
    expect(store.getJob(job.id)).toMatchObject({ lockedBy: null, attempts: 0, crashes: 1 });
    expect(h.logger.lines.some((l) => l.message.includes("Re-queued 1 job(s)"))).toBe(true);
    await store.close();
  });

  it("a consistent read sees one snapshot: another process's commit between its queries stays invisible", async () => {
    const reader = await h.open();
    const writer = await h.open();
    try {
      const seen = reader.consistentRead(() => {
        const before = reader.listJobs({ state: ["pending"] }, h.clock.now()).total;
        writer.enqueue("sync-scene", { sceneId: "7", reason: "update" });
        return [before, reader.listJobs({ state: ["pending"] }, h.clock.now()).items.length];
      });
      expect(seen).toEqual([0, 0]);
      expect(reader.listJobs({ state: ["pending"] }, h.clock.now()).total).toBe(1);
    } finally {
      await writer.close();
      await reader.close();
    }
  });
});
