/**
 * The V8 code cache of the plugin core, kept by the launcher (plugin/launcher.ts) in `dist/compile-cache/`.
 * Node builtins only: this is bundled into the launcher, which must stay small.
 *
 * Safety rules (docs/decisions.md, "Launcher and V8 code cache"):
 * - V8 checks only the source LENGTH against a cache, so the file name is a hash of the core's bytes + Node
 *   version + architecture: a different bundle of the same length never meets an old cache.
 * - The file holds sha256(payload) + payload; a torn or corrupt file fails the check and is treated as missing.
 * - Writes go to a unique temporary file in the same folder, then rename: readers see the old file or the new one.
 * - Every failure (read-only folder, full disk, races with other processes) means "no cache", never an error.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";

const DIGEST_BYTES = 32;
export const CACHE_SUFFIX = ".v8cache";

/** The cache file name for this core source on this Node build. */
export function cacheFileName(coreSource: Uint8Array, nodeVersion: string, arch: string): string {
  const hash = createHash("sha256").update(`${nodeVersion}\0${arch}\0`).update(coreSource).digest("hex");
  return `${hash}${CACHE_SUFFIX}`;
}

/** sha256(payload) followed by the payload. */
export function frameCache(payload: Uint8Array): Buffer {
  const digest = createHash("sha256").update(payload).digest();
  return Buffer.concat([digest, payload]);
}

/** The payload of a framed cache, or undefined when it is empty, truncated or does not match its checksum. */
export function unframeCache(framed: Uint8Array): Buffer | undefined {
  if (framed.length <= DIGEST_BYTES) return undefined;
  const bytes = Buffer.from(framed.buffer, framed.byteOffset, framed.byteLength);
  const payload = bytes.subarray(DIGEST_BYTES);
  const digest = createHash("sha256").update(payload).digest();
  return digest.equals(bytes.subarray(0, DIGEST_BYTES)) ? payload : undefined;
}

/** The verified cache payload in `file`, or undefined (missing, unreadable, corrupt). */
export function readCache(file: string): Buffer | undefined {
  try {
    return unframeCache(readFileSync(file));
  } catch {
    return undefined;
  }
}

/**
 * Writes `payload` as `dir/fileName` atomically, then removes every other entry of `dir` (older keys, tmp files
 * left by killed processes). Never throws; returns whether the file was written.
 */
export function writeCache(dir: string, fileName: string, payload: Uint8Array): boolean {
  const tmp = path.join(dir, `${fileName}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  let written = false;
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(tmp, frameCache(payload), { flag: "wx", mode: 0o644 });
    renameSync(tmp, path.join(dir, fileName));
    written = true;
  } catch {
    removeQuietly(tmp);
  }
  pruneCacheDir(dir, fileName);
  return written;
}

/**
 * Removes every entry of `dir` except `keep`. A concurrent writer whose tmp file goes fails its rename and skips
 * the cache; the one that renamed last leaves a valid file.
 */
export function pruneCacheDir(dir: string, keep: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) if (name !== keep) removeQuietly(path.join(dir, name));
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // gone already, or not ours to remove: the cache is only an optimisation
  }
}
