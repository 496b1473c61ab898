import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openFileLedger } from "../../../plugin/import/file-ledger.js";
import { createMemoryLedger, type ImportLedger } from "../../../plugin/import/ledger.js";
import {
  createSqliteLedger,
  IMPORT_LEDGER_MIGRATION,
  type LedgerDatabase,
} from "../../../plugin/import/sqlite-ledger.js";

type Sql = import("node:sqlite").SQLInputValue;

/** The store's Database shape over a bare node:sqlite connection (no busy retries: one process here). */
async function connect(file: string): Promise<LedgerDatabase> {
  const { DatabaseSync } = await import("node:sqlite");
  const db = new DatabaseSync(file);
  let depth = 0;
  return {
    get: <T>(sql: string, ...params: Sql[]) => db.prepare(sql).get(...params) as T | undefined,
    all: <T>(sql: string, ...params: Sql[]) => db.prepare(sql).all(...params) as T[],
    run: (sql, ...params) => Number(db.prepare(sql).run(...(params as Sql[])).changes),
    write: (fn) => {
      if (depth > 0) return fn();
      db.exec("BEGIN IMMEDIATE");
      depth++;
      try {
        const result = fn();
        db.exec("COMMIT");
        return result;
      } catch (error) {
        db.exec("ROLLBACK");
        throw error;
      } finally {
        depth--;
      }
    },
  };
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "s2p-ledger-"));
  dirs.push(dir);
  return dir;
}

function raise(message: string): never {
  throw new Error(message);
}

function exercise(open: () => ImportLedger) {
  const ledger = open();
  expect(ledger.acquireLease("run-a", 1_000, 60_000)).toBe(true);
  expect(open().acquireLease("run-b", 2_000, 60_000)).toBe(false);
  ledger.recordIntents([
    { key: "k1", sceneId: "1", viewedAt: 100 },
    { key: "k2", sceneId: "1", viewedAt: 200 },
  ]);
  ledger.settle(["k1"], 100);
  const reopened = open();
  expect(reopened.pending()).toEqual([{ key: "k2", sceneId: "1", viewedAt: 200 }]);
  expect(reopened.isSeen("k1") && reopened.isSeen("k2")).toBe(true);
  expect(reopened.highWater()).toBe(100);
  reopened.settle(["k2"], 200);
  reopened.prune(150);
  const last = open();
  expect(last.isSeen("k1")).toBe(false);
  expect(last.isSeen("k2")).toBe(true);
  expect(last.highWater()).toBe(200);
  // An expired lease (its run was killed) is taken over.
  expect(open().acquireLease("run-b", 61_001, 60_000)).toBe(true);
}

describe("ImportLedger", () => {
  it("in memory: intents, settling, high-water mark, pruning, lease", () => {
    const shared = createMemoryLedger();
    exercise(() => shared);
  });

  it("the interim file ledger keeps the same state across processes (re-opened from disk)", () => {
    const dir = tempDir();
    exercise(() => openFileLedger(dir));
  });

  it("on SQLite (the store's database): the same behaviour, state kept in the database file", async () => {
    const { DatabaseSync } = await import("node:sqlite");
    const file = path.join(tempDir(), "store.db");
    new DatabaseSync(file).exec(IMPORT_LEDGER_MIGRATION);
    const connections = await Promise.all(Array.from({ length: 8 }, () => connect(file)));
    const next = () => connections.pop() ?? raise("test opened too many connections");
    exercise(() => createSqliteLedger(next(), { isAlive: () => true }));
    const alive = createSqliteLedger(await connect(file), { isAlive: () => true });
    alive.releaseLease("run-b");
    expect(alive.acquireLease("4242-a", 70_000, 60_000)).toBe(true);
    expect(alive.acquireLease("4343-b", 70_001, 60_000)).toBe(false);
    // The holder's process is gone (SIGKILL): its lease is free before it expires.
    const gone = createSqliteLedger(await connect(file), { isAlive: () => false });
    expect(gone.acquireLease("4343-b", 70_002, 60_000)).toBe(true);
  });

  it("a run opened before another run's work sees that work once it gets the lease", () => {
    const dir = tempDir();
    const late = openFileLedger(dir);
    const first = openFileLedger(dir);
    expect(first.acquireLease(`${process.pid}-a`, 1_000, 60_000)).toBe(true);
    first.recordIntents([{ key: "k1", sceneId: "1", viewedAt: 100 }]);
    first.settle(["k1"], 100);
    first.releaseLease(`${process.pid}-a`);
    expect(late.acquireLease(`${process.pid}-b`, 2_000, 60_000)).toBe(true);
    expect(late.isSeen("k1")).toBe(true);
    expect(late.highWater()).toBe(100);
  });
});
