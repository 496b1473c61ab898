import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";
import { randomHex } from "../core/random-hex.js";

/**
 * Crash-safe whole-file writes: a reader (or the next process after a SIGKILL) sees either the old file or the
 * new one, never a torn one. The temp name is unique per process and call, so concurrent writers never share a
 * temp file (lowdb's fixed `.tmp` name broke exactly that, see reference/toolchain.md §5).
 */
export interface AtomicWriteOptions {
  /** File mode of the new file; default 0o600 (the data folder may hold private paths). */
  mode?: number;
}

/** Creates a data folder (and parents) readable only by us. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
}

/** A temp-file name beside `target` that no other process or call can pick. */
export function uniqueTempPath(target: string): string {
  return `${target}.${process.pid}.${randomHex(12)}.tmp`;
}

/** fsync a directory so a rename inside it survives power loss; a no-op where directories can't be opened. */
export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, "r");
    fsyncSync(fd);
  } catch (error) {
    // Windows cannot open a directory for fsync (EISDIR/EPERM); the rename itself is still atomic there.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "EISDIR" && code !== "EPERM" && code !== "EACCES") throw error;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Temp file in the same folder, write, fsync, rename over the target, fsync the folder. */
export function writeFileAtomicSync(
  target: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): void {
  const dir = path.dirname(target);
  ensurePrivateDir(dir);
  const temp = uniqueTempPath(target);
  const fd = openSync(temp, "wx", options.mode ?? 0o600);
  try {
    const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    removeQuietly(temp);
    throw error;
  }
  closeSync(fd);
  try {
    renameSync(temp, target);
  } catch (error) {
    removeQuietly(temp);
    throw error;
  }
  fsyncDir(dir);
}

/** Promise form, for callers on an async path; the work is the same synchronous sequence. */
export async function writeFileAtomic(
  target: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  writeFileAtomicSync(target, data, options);
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}
