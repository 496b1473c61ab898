import { randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync } from "node:fs";
import path from "node:path";
import { type Clock, systemClock } from "../core/clock.js";
import type { Logger } from "../log/logger.js";
import { ensurePrivateDir, writeFileAtomicSync } from "./atomic.js";

/**
 * The inbox: how processes without the worker lock (hooks, UI operations, tasks) hand events and commands to
 * the writer, lock-free. One file per entry, written to a temp name and renamed into place, so a reader sees
 * a whole file or none. The file name is the entry id: time-ordered (zero-padded ms), then pid and random
 * bytes, so names sort in arrival order and never collide across processes. The writer remembers ingested
 * ids, so a file it did not get to delete before a crash is not applied twice.
 */
export const INBOX_DIR = "inbox";
export const INBOX_BAD_DIR = "bad";
const SUFFIX = ".json";
const ID_PATTERN = /^\d{15}-\d+-[0-9a-f]{12}$/;
/** Temp files older than this were left by a killed producer. */
const STALE_TEMP_MS = 60 * 60 * 1000;

export interface InboxEntry {
  id: string;
  body: unknown;
}

export interface InboxRead {
  entries: InboxEntry[];
  /** Ids of files that could not be parsed; moved to `inbox/bad/`. */
  bad: string[];
}

export function inboxDir(dir: string): string {
  return path.join(dir, INBOX_DIR);
}

export function newInboxId(now: number): string {
  return `${String(Math.max(0, Math.floor(now))).padStart(15, "0")}-${process.pid}-${randomBytes(6).toString("hex")}`;
}

/** Drops one entry into the inbox of the store at `dir`; returns its id. */
export function writeInboxEntry(dir: string, entry: unknown, clock: Clock = systemClock): string {
  const folder = inboxDir(dir);
  ensurePrivateDir(folder);
  const id = newInboxId(clock.now());
  writeFileAtomicSync(path.join(folder, `${id}${SUFFIX}`), JSON.stringify(entry));
  return id;
}

function listIds(folder: string): string[] {
  try {
    return readdirSync(folder)
      .filter((name) => name.endsWith(SUFFIX) && ID_PATTERN.test(name.slice(0, -SUFFIX.length)))
      .map((name) => name.slice(0, -SUFFIX.length))
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

function quarantine(folder: string, id: string, logger: Logger): void {
  const badFolder = path.join(folder, INBOX_BAD_DIR);
  mkdirSync(badFolder, { recursive: true, mode: 0o700 });
  try {
    renameSync(path.join(folder, `${id}${SUFFIX}`), path.join(badFolder, `${id}${SUFFIX}`));
  } catch (error) {
    logger.warn(`Inbox: could not move unreadable entry ${id} aside: ${(error as Error).message}`);
  }
}

/** Entries in id order, at most `limit`. Unparseable files are moved to `inbox/bad/` and reported. */
export function readInbox(dir: string, logger: Logger, limit = 5_000): InboxRead {
  const folder = inboxDir(dir);
  const entries: InboxEntry[] = [];
  const bad: string[] = [];
  for (const id of listIds(folder)) {
    if (entries.length >= limit) break;
    let text: string;
    try {
      text = readFileSync(path.join(folder, `${id}${SUFFIX}`), "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") continue;
      throw error;
    }
    try {
      entries.push({ id, body: JSON.parse(text) as unknown });
    } catch {
      bad.push(id);
      quarantine(folder, id, logger);
    }
  }
  if (bad.length > 0)
    logger.warn(`Inbox: moved ${bad.length} unreadable entr(ies) to ${INBOX_DIR}/${INBOX_BAD_DIR}`);
  return { entries, bad };
}

export function removeInboxEntries(dir: string, ids: Iterable<string>): void {
  const folder = inboxDir(dir);
  for (const id of ids) {
    try {
      unlinkSync(path.join(folder, `${id}${SUFFIX}`));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
}

/** Removes temp files that killed producers left behind (only the writer calls this). */
export function sweepInboxTemps(dir: string, now: number): number {
  const folder = inboxDir(dir);
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return 0;
  }
  for (const name of names) {
    if (!name.endsWith(".tmp")) continue;
    const file = path.join(folder, name);
    try {
      if (now - statSync(file).mtimeMs < STALE_TEMP_MS) continue;
      unlinkSync(file);
      removed++;
    } catch {
      // gone already, or renamed into place by its producer meanwhile
    }
  }
  return removed;
}
