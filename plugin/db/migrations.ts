import type { DatabaseSync } from "node:sqlite";

/**
 * The schema, as an ordered list: migration N brings a database from `PRAGMA user_version` N-1 to N. Append
 * new migrations at the end; never edit one that shipped. Times are milliseconds since the epoch (REAL where a
 * test time scale makes them fractional); JSON columns hold values the code parses at the boundary.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "queue, sync state and Plex library index",
    sql: `
      -- A job is its JSON (queue/job.ts); the columns copy what queries filter and sort on (store/rows.ts).
      CREATE TABLE jobs (id TEXT PRIMARY KEY, job TEXT NOT NULL, key TEXT, run_at REAL NOT NULL,
        created_at REAL NOT NULL, attempts INTEGER NOT NULL, max_attempts INTEGER NOT NULL, crashes INTEGER NOT NULL,
        error_class TEXT, locked_by TEXT, locked_at REAL);
      CREATE INDEX jobs_by_key ON jobs (key, created_at);
      CREATE INDEX jobs_by_run_at ON jobs (run_at, created_at);
      CREATE INDEX jobs_claimed ON jobs (locked_by) WHERE locked_by IS NOT NULL;
      -- A bulk sync's scenes, made jobs a window at a time (store/held.ts); seq is the release order.
      CREATE TABLE held (seq INTEGER PRIMARY KEY AUTOINCREMENT, scene_id TEXT NOT NULL UNIQUE, reasons TEXT NOT NULL);
      CREATE TABLE dead_letters (id TEXT PRIMARY KEY, dead_letter TEXT NOT NULL, key TEXT, error_class TEXT NOT NULL,
        failed_at REAL NOT NULL);
      CREATE INDEX dead_letters_by_key ON dead_letters (key);
      CREATE INDEX dead_letters_by_time ON dead_letters (failed_at);
      CREATE INDEX dead_letters_by_class ON dead_letters (error_class, failed_at);
      CREATE TABLE sync_state (scene_id TEXT PRIMARY KEY, state TEXT NOT NULL, desired_hash TEXT);
      CREATE TABLE pins (scene_id TEXT PRIMARY KEY, rating_key TEXT NOT NULL);
      -- Single values: the breaker with its outage history and health ("resilience"), the pause ("paused").
      CREATE TABLE kv (name TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE stats (name TEXT PRIMARY KEY, value REAL NOT NULL);
      CREATE TABLE reconcile_reports (id INTEGER PRIMARY KEY AUTOINCREMENT, report TEXT NOT NULL);
      -- The drainer role: one row while a process holds it (store/drainer-role.ts).
      CREATE TABLE drainer (id INTEGER PRIMARY KEY CHECK (id = 1), owner TEXT NOT NULL, pid INTEGER NOT NULL,
        host TEXT NOT NULL, heartbeat_at REAL NOT NULL);
      -- The Plex library index: every part file of the configured sections, looked up by path, basename or item.
      CREATE TABLE library_sections (section_id TEXT PRIMARY KEY, marker TEXT NOT NULL);
      CREATE TABLE library_items (section_id TEXT NOT NULL REFERENCES library_sections (section_id) ON DELETE CASCADE,
        rating_key TEXT NOT NULL, file TEXT NOT NULL, path_key TEXT NOT NULL, basename_key TEXT NOT NULL, size INTEGER,
        title TEXT NOT NULL);
      CREATE INDEX library_by_path ON library_items (path_key);
      CREATE INDEX library_by_basename ON library_items (basename_key);
      CREATE INDEX library_by_item ON library_items (rating_key);
    `,
  },
  {
    version: 2,
    name: "import from Plex: high-water mark, lease, plays near the mark, last report",
    sql: `
      -- One row: the import's high-water mark, its lease and its last report (import/ledger-table.ts).
      CREATE TABLE import_state (id INTEGER PRIMARY KEY CHECK (id = 1), high_water INTEGER, lease_owner TEXT,
        lease_expires_at INTEGER, last_report TEXT);
      INSERT INTO import_state (id) VALUES (1);
      -- Plays settled inside the look-back window, and intents not yet confirmed (pending = 1).
      CREATE TABLE import_plays (play_key TEXT PRIMARY KEY, viewed_at INTEGER NOT NULL, scene_id TEXT NOT NULL,
        pending INTEGER NOT NULL CHECK (pending IN (0, 1))) WITHOUT ROWID;
      CREATE INDEX import_plays_pending ON import_plays (pending) WHERE pending = 1;
      CREATE INDEX import_plays_viewed_at ON import_plays (viewed_at);
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

function userVersion(db: DatabaseSync): number {
  const row = db.prepare("PRAGMA user_version").get() as { user_version: number } | undefined;
  return row?.user_version ?? 0;
}

/**
 * Brings the schema up to date in one transaction (a process killed midway leaves the old version). Returns
 * the version found, so the caller can tell a new database (0). A database from a newer plugin is refused:
 * this code cannot know what that version's rows mean.
 */
export function migrate(db: DatabaseSync, file: string): number {
  const found = userVersion(db);
  if (found === SCHEMA_VERSION) return found;
  if (found > SCHEMA_VERSION)
    throw new Error(
      `${file} was written by a newer Stash2Plex (schema ${found}, this one knows ${SCHEMA_VERSION}): update the plugin`,
    );
  db.exec("BEGIN IMMEDIATE");
  try {
    const start = userVersion(db);
    for (const migration of MIGRATIONS) {
      if (migration.version <= start) continue;
      db.exec(migration.sql);
      db.exec(`PRAGMA user_version = ${migration.version}`);
    }
    db.exec("COMMIT");
    return start;
  } catch (error) {
    if (db.isTransaction) db.exec("ROLLBACK");
    throw error;
  }
}
