import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import {
  CACHE_SUFFIX,
  cacheFileName,
  frameCache,
  pruneCacheDir,
  readCache,
  unframeCache,
  writeCache,
} from "../../plugin/launcher-cache";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "s2p-launcher-"));
  dirs.push(dir);
  return dir;
}

describe("cacheFileName", () => {
  const core = Buffer.from("exports.main = async () => 0;");

  it("is three CRC-32s and the core's length with the cache suffix, stable for the same inputs", () => {
    const name = cacheFileName(core, "v20.20.2", "x64");
    expect(name).toMatch(new RegExp(`^[0-9a-f]{24}-${core.length}\\.v8cache$`));
    expect(cacheFileName(Buffer.from(core), "v20.20.2", "x64")).toBe(name);
  });

  it("changes with a same-length different core, another Node version or another architecture", () => {
    const name = cacheFileName(core, "v20.20.2", "x64");
    const sameLength = Buffer.from("exports.main = async () => 1;");
    expect(sameLength.length).toBe(core.length);
    expect(cacheFileName(sameLength, "v20.20.2", "x64")).not.toBe(name);
    expect(cacheFileName(core, "v20.20.3", "x64")).not.toBe(name);
    expect(cacheFileName(core, "v20.20.2", "arm64")).not.toBe(name);
  });

  it("keeps the parts apart: moving a character between version and architecture changes the name", () => {
    expect(cacheFileName(core, "v20", "1x64")).not.toBe(cacheFileName(core, "v201", "x64"));
  });
});

describe("frameCache / unframeCache", () => {
  it("round-trips any non-empty payload", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 512 }), (payload) => {
        expect(unframeCache(frameCache(payload))?.equals(Buffer.from(payload))).toBe(true);
      }),
    );
  });

  it("rejects any single flipped bit, a truncation, and frames too short to hold a payload", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 256 }),
        fc.nat(),
        fc.nat(7),
        (payload, at, bit) => {
          const framed = frameCache(payload);
          const flipped = Buffer.from(framed);
          const index = at % flipped.length;
          flipped[index] = (flipped[index] ?? 0) ^ (1 << bit);
          expect(unframeCache(flipped)).toBeUndefined();
          expect(unframeCache(framed.subarray(0, framed.length - 1))).toBeUndefined();
        },
      ),
    );
    expect(unframeCache(new Uint8Array(0))).toBeUndefined();
    expect(unframeCache(frameCache(new Uint8Array(0)))).toBeUndefined();
  });
});

describe("readCache / writeCache / pruneCacheDir", () => {
  it("writes a framed file atomically, reads it back, and prunes every other entry", () => {
    const dir = path.join(tempDir(), "compile-cache");
    mkdirSync(dir);
    writeFileSync(path.join(dir, `old${CACHE_SUFFIX}`), "stale");
    writeFileSync(path.join(dir, `key${CACHE_SUFFIX}.123.abc.tmp`), "left by a killed process");
    const payload = Buffer.from("v8 code cache bytes");
    expect(writeCache(dir, `key${CACHE_SUFFIX}`, payload)).toBe(true);
    expect(readdirSync(dir)).toEqual([`key${CACHE_SUFFIX}`]);
    expect(readCache(path.join(dir, `key${CACHE_SUFFIX}`))?.equals(payload)).toBe(true);
    expect(
      readFileSync(path.join(dir, `key${CACHE_SUFFIX}`))
        .subarray(4)
        .equals(payload),
    ).toBe(true);
  });

  it("creates the folder when it is missing", () => {
    const dir = path.join(tempDir(), "compile-cache");
    expect(writeCache(dir, "k.v8cache", Buffer.from("x"))).toBe(true);
    expect(readCache(path.join(dir, "k.v8cache"))?.toString()).toBe("x");
  });

  it("reads a missing or corrupt file as no cache", () => {
    const dir = tempDir();
    expect(readCache(path.join(dir, "missing.v8cache"))).toBeUndefined();
    writeFileSync(path.join(dir, "torn.v8cache"), frameCache(Buffer.from("payload")).subarray(0, 8));
    expect(readCache(path.join(dir, "torn.v8cache"))).toBeUndefined();
    expect(readCache(dir)).toBeUndefined();
  });

  it("returns false and throws nothing when the folder cannot be made (a file is in the way)", () => {
    const blocker = path.join(tempDir(), "compile-cache");
    writeFileSync(blocker, "not a folder");
    expect(writeCache(blocker, "k.v8cache", Buffer.from("x"))).toBe(false);
    expect(readFileSync(blocker, "utf8")).toBe("not a folder");
    expect(() => pruneCacheDir(path.join(blocker, "nope"), "k.v8cache")).not.toThrow();
  });
});
