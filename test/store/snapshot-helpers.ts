import { mkdtempSync, openSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Logger } from "../../plugin/log/logger.js";
import { type OpenedSnapshot, readSnapshotFd } from "../../plugin/store/snapshot-file.js";

/** Reads snapshot bytes the way a store does (through a file descriptor), with every shard loaded. */
export function readSnapshotBytes(bytes: Buffer | string, logger: Logger): OpenedSnapshot {
  const dir = mkdtempSync(path.join(os.tmpdir(), "s2p-snap-"));
  try {
    const file = path.join(dir, "snapshot.json");
    writeFileSync(file, bytes);
    const opened = readSnapshotFd(openSync(file, "r"), logger);
    opened.state.jobs.all();
    opened.state.sync.all();
    return opened;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
