import { closeSync, existsSync, openSync, statfsSync } from "node:fs";
import path from "node:path";
import type { DatabaseSync, SQLInputValue, StatementSync } from "node:sqlite";
import { ensurePrivateDir } from "../fs/atomic.js";
import type { Logger } from "../log/logger.js";
import { StoreFailedError } from "./errors.js";
import { migrate } from "./migrations.js";

export const DB_FILE = "stash2plex.db";
/** How long SQLite itself waits for another process's write lock before reporting SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5_000;
/** How long we keep retrying past that (a bulk enqueue or a slow disk can hold the lock a while). */
const BUSY_RETRY_MS = 60_000;

/** statfs magic numbers of network filesystems, where WAL's shared-memory index is unsafe (docs/decisions.md). */
const NETWORK_FILESYSTEMS = new Map<number, string>([
  [0x6969, "NFS"],
  [0x517b, "SMB"],
  [0xff534d42, "CIFS"],
  [0xfe534d42, "SMB2"],
  [0x00c36400, "CephFS"],
  [0x5346414f, "AFS"],
  [0x564c, "NCP"],
]);

/** The network filesystem `dir` lives on, or null for a local one (or when it cannot be told). */
export function networkFilesystemOf(dir: string, statfs = statfsSync): string | null {
  try {
    return NETWORK_FILESYSTEMS.get(Number(statfs(dir).type) >>> 0) ?? null;
  } catch {
    return null;
  }
}

const SQLITE_BUSY = 5;
const SQLITE_LOCKED = 6;

function sqliteCode(error: unknown): number | null {
  const code = (error as { errcode?: unknown } | null)?.errcode;
  return typeof code === "number" ? code & 0xff : null;
}

function isBusy(error: unknown): boolean {
  const code = sqliteCode(error);
  return code === SQLITE_BUSY || code === SQLITE_LOCKED;
}

const pause = new Int32Array(new SharedArrayBuffer(4));
function sleepSync(ms: number): void {
  Atomics.wait(pause, 0, 0, ms);
}

/** Says what went wrong with the data folder in words a user can act on; other errors pass through. */
export function describeStoreError(error: unknown, dir: string): unknown {
  if (error instanceof StoreFailedError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const fsCode = (error as NodeJS.ErrnoException | null)?.code;
  const code = sqliteCode(error);
  if (code === 13 || fsCode === "ENOSPC" || /disk is full|database or disk is full/i.test(message))
    return new StoreFailedError(
      `The data folder ${dir} is full: nothing was recorded for this change. Free some space there; queued work is kept.`,
      { cause: error },
    );
  if (code === 8 || code === 14 || fsCode === "EROFS" || fsCode === "EACCES" || fsCode === "EPERM")
    return new StoreFailedError(
      `The data folder ${dir} cannot be written (${message}): make it writable for the user Stash runs as; queued work is kept.`,
      { cause: error },
    );
  if (code === 11 || code === 26)
    return new StoreFailedError(
      `The queue database ${path.join(dir, DB_FILE)} is damaged (${message}): stop Stash, move the file aside and run "Sync All" to rebuild it.`,
      { cause: error },
    );
  return error;
}

/** Positional values, or one object of named ones (`:name` in the SQL). */
export type Param = SQLInputValue | Record<string, SQLInputValue>;
type Call = (...params: Param[]) => unknown;

/** One connection with a statement cache, busy retries and (nested) write transactions. */
export class Database {
  private readonly statements = new Map<string, StatementSync>();
  private depth = 0;

  constructor(
    readonly db: DatabaseSync,
    readonly dir: string,
  ) {}

  private statement(sql: string): StatementSync {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  all<T>(sql: string, ...params: Param[]): T[] {
    const statement = this.statement(sql);
    return this.retry(() => (statement.all as Call).apply(statement, params) as T[]);
  }

  get<T>(sql: string, ...params: Param[]): T | undefined {
    const statement = this.statement(sql);
    return this.retry(() => (statement.get as Call).apply(statement, params) as T | undefined);
  }

  /** Runs a change; returns how many rows it changed. Inside `write`, or alone as its own transaction. */
  run(sql: string, ...params: Param[]): number {
    const statement = this.statement(sql);
    return this.write(() =>
      Number(((statement.run as Call).apply(statement, params) as { changes: number | bigint }).changes),
    );
  }

  /** Runs `fn` in one `BEGIN IMMEDIATE` transaction (nested calls join the outer one). */
  write<T>(fn: () => T): T {
    if (this.depth > 0) return fn();
    this.retry(() => this.db.exec("BEGIN IMMEDIATE"));
    this.depth++;
    try {
      const result = fn();
      this.retry(() => this.db.exec("COMMIT"), true);
      return result;
    } catch (error) {
      if (this.db.isTransaction) this.db.exec("ROLLBACK");
      throw describeStoreError(error, this.dir);
    } finally {
      this.depth--;
    }
  }

  /**
   * Runs `fn`'s reads in one snapshot (`BEGIN DEFERRED`): a page and its total, or several counts, agree even while
   * another process commits between the queries. Inside `write` it joins the write transaction.
   */
  read<T>(fn: () => T): T {
    if (this.depth > 0 || this.db.isTransaction) return fn();
    this.db.exec("BEGIN DEFERRED");
    try {
      return fn();
    } finally {
      if (this.db.isTransaction) this.db.exec("COMMIT");
    }
  }

  /** Runs `fn` with commits that skip the fsync (for rebuildable data: a power cut may roll them back). */
  relaxed<T>(fn: () => T): T {
    const own = this.synchronous;
    this.setSynchronous("NORMAL");
    try {
      return fn();
    } finally {
      this.setSynchronous(own);
    }
  }

  /** The connection's own setting: FULL, or NORMAL for the drainer (store.ts). */
  private synchronous: "FULL" | "NORMAL" = "FULL";
  setSynchronous(mode: "FULL" | "NORMAL"): void {
    this.db.exec(`PRAGMA synchronous = ${mode}`);
    this.synchronous = mode;
  }

  /** SQLITE_BUSY never reaches a user: past busy_timeout, wait a little and try again (bounded). */
  retry<T>(fn: () => T, commit = false): T {
    const deadline = Date.now() + BUSY_RETRY_MS;
    for (let attempt = 0; ; attempt++) {
      try {
        return fn();
      } catch (error) {
        const midTransaction = !commit && this.depth > 0 && this.db.isTransaction;
        if (!isBusy(error) || Date.now() > deadline || midTransaction)
          throw describeStoreError(error, this.dir);
        sleepSync(Math.min(200, 10 * 2 ** Math.min(attempt, 4)) * (0.5 + Math.random()));
      }
    }
  }

  close(): void {
    this.statements.clear();
    if (this.db.isOpen) this.db.close();
  }
}

export interface OpenedDatabase {
  database: Database;
  /** The schema version found before migrating: 0 for a database created just now. */
  foundVersion: number;
  /** Set when the folder is on a network filesystem (journal_mode=DELETE is used there). */
  networkFilesystem: string | null;
}

/**
 * Opens (creating and migrating when needed) `<dir>/stash2plex.db`: WAL (DELETE on a network share),
 * synchronous=FULL, foreign keys, busy timeout. `node:sqlite` is loaded here, on first use, so a hook that
 * records nothing never loads it.
 */
export async function openDatabase(
  dir: string,
  logger: Logger,
  statfs = statfsSync,
): Promise<OpenedDatabase> {
  const { DatabaseSync } = await import("node:sqlite");
  const file = path.join(dir, DB_FILE);
  let db: DatabaseSync | null = null;
  try {
    ensurePrivateDir(dir);
    const fresh = !existsSync(file);
    // SQLite gives its -wal and -shm files the database file's mode: create it owner-only first.
    if (fresh) closeSync(openSync(file, "a", 0o600));
    db = new DatabaseSync(file, { timeout: BUSY_TIMEOUT_MS, enableForeignKeyConstraints: true });
    const network = networkFilesystemOf(dir, statfs);
    const wanted = network ? "delete" : "wal";
    const database = new Database(db, dir);
    const mode = database.get<{ journal_mode: string }>("PRAGMA journal_mode")?.journal_mode;
    if (mode !== wanted) database.get(`PRAGMA journal_mode = ${wanted}`);
    if (network && (fresh || mode !== wanted))
      logger.warn(
        `The data folder ${dir} is on a network share (${network}): the queue database uses rollback journaling there, which is slower; a local folder is recommended`,
      );
    database.setSynchronous("FULL");
    const foundVersion = database.retry(() => migrate(database.db, file));
    return { database, foundVersion, networkFilesystem: network };
  } catch (error) {
    db?.close();
    throw describeStoreError(error, dir);
  }
}
