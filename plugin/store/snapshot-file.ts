import { closeSync, fstatSync, readSync } from "node:fs";
import type { Logger } from "../log/logger.js";
import type { Job } from "../queue/job.js";
import type { SceneSyncState } from "./facts.js";
import { type JobShardSource, JobTable } from "./job-table.js";
import {
  fromLegacySnapshot,
  fromSnapshotCore,
  readJobs,
  type SnapshotHeader,
  snapshotHeaderSchema,
} from "./snapshot.js";
import type { StoreState } from "./state.js";
import { fromSyncRow, type SyncShardSource, SyncTable } from "./sync-table.js";

/**
 * Opens a snapshot file and reads its header, core and job shards (parsed on demand); the sync shards stay
 * on disk behind the open descriptor and are read on demand. The descriptor pins the inode, so a compaction that renames a newer
 * snapshot over the path meanwhile cannot change what this view reads.
 */
export interface OpenedSnapshot {
  state: StoreState;
  seq: number;
  /** Identity (inode + mtime + size) of the file read. */
  identity: string;
}

const HEADER_PROBE_BYTES = 64 * 1024;

function readAt(fd: number, offset: number, length: number): Buffer {
  const buffer = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buffer, done, length - done, offset + done);
    if (n === 0) throw new Error(`snapshot ended early (${offset + done} of ${offset + length} bytes)`);
    done += n;
  }
  return buffer;
}

export function fdIdentity(fd: number): { identity: string; size: number } {
  const stat = fstatSync(fd, { bigint: true });
  return { identity: `${stat.ino}:${stat.mtimeNs}:${stat.size}`, size: Number(stat.size) };
}

/** Reads from `fd`; on success the fd belongs to the returned state's sync table (or is closed). */
export function readSnapshotFd(fd: number, logger: Logger): OpenedSnapshot {
  const { identity, size } = fdIdentity(fd);
  const probe = readAt(fd, 0, Math.min(size, HEADER_PROBE_BYTES));
  const newline = probe.indexOf(0x0a);
  if (newline < 0) {
    // Format 1: one JSON document without a newline.
    const legacy = fromLegacySnapshot(JSON.parse(readAt(fd, 0, size).toString("utf8")) as unknown, logger);
    closeSync(fd);
    return { ...legacy, identity };
  }
  const header = parseHeader(probe.subarray(0, newline));
  const jobShardBytes = header.jobShardBytes ?? [];
  const coreAt = newline + 1;
  const jobsAt = coreAt + header.coreBytes;
  const syncAt = jobsAt + sum(jobShardBytes);
  const total = syncAt + sum(header.shardBytes);
  if (total !== size) throw new Error(`snapshot is ${size} bytes, its header says ${total}`);
  // Core and job shards in one read (the job shards are parsed on demand); the sync shards stay on disk.
  const front = readAt(fd, coreAt, syncAt - coreAt);
  const core = JSON.parse(front.subarray(0, header.coreBytes).toString("utf8")) as unknown;
  const state = fromSnapshotCore(core, logger);
  if (jobShardBytes.length > 0)
    state.jobs = new JobTable(jobShardSource(front.subarray(header.coreBytes), jobShardBytes, logger));
  state.sync = new SyncTable(shardSource(fd, syncAt, header.shardBytes, logger));
  return { state, seq: header.seq, identity };
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** Where each of consecutive sections of these lengths starts, the first at `firstAt`. */
function offsetsOf(lengths: readonly number[], firstAt: number): number[] {
  const offsets: number[] = [];
  let at = firstAt;
  for (const length of lengths) {
    offsets.push(at);
    at += length;
  }
  return offsets;
}

function jobShardSource(bytes: Buffer, lengths: readonly number[], logger: Logger): JobShardSource {
  const offsets = offsetsOf(lengths, 0);
  return {
    shardCount: lengths.length,
    readShard(index): Job[] {
      const start = offsets[index] ?? 0;
      try {
        const raw = JSON.parse(bytes.toString("utf8", start, start + (lengths[index] ?? 0))) as unknown;
        if (!Array.isArray(raw)) throw new Error("not an array");
        return readJobs(raw, logger);
      } catch (error) {
        logger.error(
          `Snapshot: job shard ${index} is unreadable (${(error as Error).message}); its jobs are lost — run Sync All to queue their scenes again`,
        );
        return [];
      }
    },
  };
}

function parseHeader(bytes: Buffer): SnapshotHeader {
  const parsed = snapshotHeaderSchema.safeParse(JSON.parse(bytes.toString("utf8")) as unknown);
  if (!parsed.success)
    throw new Error(`snapshot header has an unknown shape: ${parsed.error.issues[0]?.message ?? "?"}`);
  return parsed.data;
}

function shardSource(fd: number, firstAt: number, lengths: number[], logger: Logger): SyncShardSource {
  const offsets = offsetsOf(lengths, firstAt);
  let open = true;
  return {
    shardCount: lengths.length,
    readShard(index): Array<[string, SceneSyncState]> {
      if (!open) throw new Error("snapshot shard read after close");
      const rows: Array<[string, SceneSyncState]> = [];
      let skipped = 0;
      try {
        const raw = JSON.parse(readAt(fd, offsets[index] ?? 0, lengths[index] ?? 0).toString("utf8"));
        if (!Array.isArray(raw)) throw new Error("not an array");
        for (const item of raw as unknown[]) {
          const row = fromSyncRow(item);
          if (row) rows.push(row);
          else skipped++;
        }
      } catch (error) {
        logger.error(
          `Snapshot: sync shard ${index} is unreadable (${(error as Error).message}); its scenes will sync again`,
        );
      }
      if (skipped > 0) logger.warn(`Snapshot: skipped ${skipped} unreadable scene sync records`);
      return rows;
    },
    close() {
      if (!open) return;
      open = false;
      closeSync(fd);
    },
  };
}
