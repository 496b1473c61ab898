import { closeSync, openSync, readdirSync, renameSync, statSync, unlinkSync } from "node:fs";
import path from "node:path";
import type { Logger } from "../log/logger.js";
import { factSchema } from "./facts.js";
import type { JournalLine } from "./journal.js";
import { fdIdentity, readSnapshotFd } from "./snapshot-file.js";
import { applyFact, emptyState, type StoreState } from "./state.js";

/** Reading the files that make up a store: the snapshot, then the journal lines after it. */
export const SNAPSHOT_FILE = "snapshot.json";
export const JOURNAL_FILE = "journal.jsonl";

export interface LoadedSnapshot {
  state: StoreState;
  seq: number;
  /** Identity of the file read (inode + mtime), to notice a compaction that replaced it meanwhile. */
  identity: string;
}

export function snapshotIdentity(file: string): string {
  try {
    const stat = statSync(file, { bigint: true });
    return `${stat.ino}:${stat.mtimeNs}:${stat.size}`;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "none";
    throw error;
  }
}

/**
 * Opens the snapshot (header and core now, sync shards on demand). A snapshot that cannot be parsed (it is
 * only ever replaced by rename, so this means outside damage) is reported; the writer moves it aside
 * (`quarantine`) so the data is not lost silently.
 */
export function loadSnapshot(dir: string, logger: Logger, quarantine: boolean): LoadedSnapshot {
  const file = path.join(dir, SNAPSHOT_FILE);
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT")
      return { state: emptyState(), seq: 0, identity: "none" };
    throw error;
  }
  try {
    return readSnapshotFd(fd, logger);
  } catch (error) {
    const identity = fdIdentity(fd).identity;
    closeQuietly(fd);
    const aside = `${file}.corrupt-${process.pid}-${identity.replace(/:/g, "-")}`;
    logger.error(
      `Queue snapshot is unreadable (${(error as Error).message}); ${quarantine ? `moved to ${path.basename(aside)} and ` : ""}starting from the journal alone`,
    );
    if (quarantine) renameSync(file, aside);
    return { state: emptyState(), seq: 0, identity };
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // already closed by the reader of a legacy file
  }
}

/** Folds journal lines after `afterSeq` into the state; returns the last sequence seen. */
export function replayLines(
  state: StoreState,
  lines: readonly JournalLine[],
  afterSeq: number,
  logger: Logger,
): number {
  let last = afterSeq;
  let skipped = 0;
  for (const line of lines) {
    if (line.s <= afterSeq) continue;
    for (const raw of line.f) {
      const parsed = factSchema.safeParse(raw);
      if (parsed.success) applyFact(state, parsed.data);
      else skipped++;
    }
    last = line.s;
  }
  if (skipped > 0) logger.warn(`Journal: skipped ${skipped} fact(s) this version does not understand`);
  return last;
}

/** Removes snapshot temp files a killed compaction left (writer only: it alone writes snapshots). */
export function sweepSnapshotTemps(dir: string): void {
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(`${SNAPSHOT_FILE}.`) || !name.endsWith(".tmp")) continue;
    try {
      unlinkSync(path.join(dir, name));
    } catch {
      // already gone
    }
  }
}
