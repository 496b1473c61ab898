import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  claimExclusive,
  nameClaimHolder,
  releaseClaim,
  UNWRITTEN_CLAIM_GRACE_MS,
} from "../../../plugin/process/exclusive-claim.js";

const TTL = 60_000;
const NOW = 1_800_000_000_000;
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function claimFile(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "s2p-claim-"));
  dirs.push(dir);
  return path.join(dir, "thing.claim");
}

describe("claimExclusive", () => {
  it("lets one claimant in until it releases", () => {
    const file = claimFile();
    expect(claimExclusive(file, NOW, { ttlMs: TTL })).toBe(true);
    expect(readFileSync(file, "utf8")).toBe(String(NOW));
    expect(claimExclusive(file, NOW + 1, { ttlMs: TTL })).toBe(false);
    releaseClaim(file);
    expect(claimExclusive(file, NOW + 2, { ttlMs: TTL })).toBe(true);
  });

  it("voids a claim older than the TTL, or dated further ahead than the TTL (the clock moved back)", () => {
    const file = claimFile();
    writeFileSync(file, String(NOW));
    expect(claimExclusive(file, NOW + TTL - 1, { ttlMs: TTL })).toBe(false);
    expect(claimExclusive(file, NOW + TTL, { ttlMs: TTL })).toBe(true);
    writeFileSync(file, String(NOW + 2 * TTL));
    expect(claimExclusive(file, NOW, { ttlMs: TTL })).toBe(true);
  });

  it("voids at once a claim whose named holder has died, and keeps one whose holder runs", () => {
    const file = claimFile();
    expect(claimExclusive(file, NOW, { ttlMs: TTL })).toBe(true);
    nameClaimHolder(file, NOW, 4242);
    expect(readFileSync(file, "utf8")).toBe(`${NOW} 4242`);
    expect(claimExclusive(file, NOW + 1, { ttlMs: TTL, isAlive: () => true })).toBe(false);
    expect(claimExclusive(file, NOW + 1, { ttlMs: TTL, isAlive: (pid) => pid !== 4242 })).toBe(true);
  });

  it("names its claimant from the start, so a claimant killed before naming a child blocks nobody", () => {
    const file = claimFile();
    expect(claimExclusive(file, NOW, { ttlMs: TTL, holder: 4243 })).toBe(true);
    expect(readFileSync(file, "utf8")).toBe(`${NOW} 4243`);
    expect(claimExclusive(file, NOW + 1, { ttlMs: TTL, isAlive: () => true, holder: 1 })).toBe(false);
    expect(claimExclusive(file, NOW + 1, { ttlMs: TTL, isAlive: (pid) => pid !== 4243, holder: 1 })).toBe(
      true,
    );
    expect(readFileSync(file, "utf8")).toBe(`${NOW + 1} 1`);
  });

  it("voids an empty claim (holder killed between creating and writing it) after a short grace, not the TTL", () => {
    const file = claimFile();
    writeFileSync(file, "");
    expect(claimExclusive(file, NOW, { ttlMs: TTL })).toBe(false); // just created: its claimant is writing it
    const past = (Date.now() - UNWRITTEN_CLAIM_GRACE_MS - 10) / 1000;
    utimesSync(file, past, past);
    expect(claimExclusive(file, NOW, { ttlMs: TTL })).toBe(true);
  });

  it("dates a claim with an unreadable time from its mtime", () => {
    const file = claimFile();
    writeFileSync(file, "garbage");
    utimesSync(file, NOW / 1000, NOW / 1000);
    expect(claimExclusive(file, NOW + 1_000, { ttlMs: TTL })).toBe(false);
    expect(claimExclusive(file, NOW + TTL + 1_000, { ttlMs: TTL })).toBe(true);
  });

  it("answers 'not claimed' on an unexpected error (here: the folder is missing)", () => {
    const file = path.join(claimFile(), "no-such-folder", "thing.claim");
    expect(claimExclusive(file, NOW, { ttlMs: TTL })).toBe(false);
  });

  it("naming the holder of a released claim does not recreate it", () => {
    const file = claimFile();
    nameClaimHolder(file, NOW, 1);
    expect(claimExclusive(file, NOW, { ttlMs: TTL })).toBe(true);
  });
});
