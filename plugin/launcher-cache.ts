/**
 * The V8 code cache of the plugin core, kept by the launcher (plugin/launcher.ts) in `dist/compile-cache/`.
 * Node builtins only: this is bundled into the launcher, which must stay small.
 *
 * Safety rules (docs/decisions.md, "Launcher and V8 code cache"):
 * - V8 checks only the source LENGTH against a cache, so the file name is a hash of the core's bytes + Node
 *   version + architecture: a different bundle of the same length never meets an old cache.
 * - The file holds crc32(payload) + payload; a torn or corrupt file fails the check and is treated as missing.
 * - CRC-32 (zlib, native) rather than sha256: loading node:crypto costs every process ~10 ms of OpenSSL start-up,
 *   and nothing here is adversarial — the name carries three CRCs and the length, so an accidental match of a
 *   different core of the same length is out of reach.
 * - Writes go to a unique temporary file in the same folder, then rename: readers see the old file or the new one.
 * - Every failure (read-only folder, full disk, races with other processes) means "no cache", never an error.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { randomHex } from "./core/random-hex.js";

const DIGEST_BYTES = 4;
// zlib is loaded on first use, not imported: a scan's update, answered without any bundle, never needs it. The cache
// is only touched after the launcher's Node version check, so process.getBuiltinModule exists.
const crc32 = (data: Uint8Array | string, value?: number): number =>
  (process.getBuiltinModule("node:zlib") as typeof import("node:zlib")).crc32(data, value);
export const CACHE_SUFFIX = ".v8cache";

/** The cache file name for this core source on this Node build. */
export function cacheFileName(coreSource: Uint8Array, nodeVersion: string, arch: string): string {
  const half = coreSource.length >> 1;
  const crcs = [
    crc32(coreSource, crc32(`${nodeVersion}\0${arch}\0`)),
    crc32(coreSource.subarray(0, half)),
    crc32(coreSource.subarray(half)),
  ];
  return `${crcs.map((c) => c.toString(16).padStart(8, "0")).join("")}-${coreSource.length}${CACHE_SUFFIX}`;
}

function digestOf(payload: Uint8Array): Buffer {
  const digest = Buffer.alloc(DIGEST_BYTES);
  digest.writeUInt32BE(crc32(payload));
  return digest;
}

/** crc32(payload) followed by the payload. */
export function frameCache(payload: Uint8Array): Buffer {
  return Buffer.concat([digestOf(payload), payload]);
}

/** The payload of a framed cache, or undefined when it is empty, truncated or does not match its checksum. */
export function unframeCache(framed: Uint8Array): Buffer | undefined {
  if (framed.length <= DIGEST_BYTES) return undefined;
  const bytes = Buffer.from(framed.buffer, framed.byteOffset, framed.byteLength);
  const payload = bytes.subarray(DIGEST_BYTES);
  return digestOf(payload).equals(bytes.subarray(0, DIGEST_BYTES)) ? payload : undefined;
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
  const tmp = path.join(dir, `${fileName}.${process.pid}.${randomHex(12)}.tmp`);
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
