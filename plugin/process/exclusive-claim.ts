import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeFileSync, writeSync } from "node:fs";

/**
 * A claim on a file with expiry: the first process to create `file` (O_EXCL) holds it until it removes it, the
 * claim outlives `ttlMs`, or the process it names has died. A killed holder therefore blocks others for at most
 * the TTL, and not at all once it is named (`nameClaimHolder`) and known dead.
 *
 * An unexpected error (not "the file exists") answers "not claimed": the claim promises exclusivity, and every
 * caller comes back on its next invocation, while a wrong "claimed" would let two processes in. A claim file
 * left empty (a holder killed between creating and writing it) is void after UNWRITTEN_CLAIM_GRACE_MS.
 */
export interface ClaimOptions {
  ttlMs: number;
  /** Whether a process still runs; without it, only the TTL voids a claim. */
  isAlive?: (pid: number) => boolean;
  /** The pid written with the claim (usually the claimant's own), so its death voids the claim at once. */
  holder?: number;
}

/** True when this process now holds the claim on `file`. */
export function claimExclusive(file: string, now: number, options: ClaimOptions): boolean {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, "wx", 0o600);
      try {
        writeSync(fd, options.holder === undefined ? String(now) : `${now} ${options.holder}`);
      } finally {
        closeSync(fd);
      }
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") return false;
      if (!claimExpired(file, now, options)) return false;
      releaseClaim(file);
    }
  }
  return false;
}

/** Names the process the claim is held for (e.g. a spawned child), so its death voids the claim at once. */
export function nameClaimHolder(file: string, now: number, pid: number): void {
  try {
    writeFileSync(file, `${now} ${pid}`, { flag: "r+" });
  } catch {
    // already released: nothing to name
  }
}

export function releaseClaim(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone (another process removed it first)
  }
}

/**
 * A claimant writes its claim the moment it creates the file; one found empty for longer than this was left by a
 * claimant killed in between, and would otherwise block every other one for the whole TTL.
 */
export const UNWRITTEN_CLAIM_GRACE_MS = 1_000;

function claimExpired(file: string, now: number, options: ClaimOptions): boolean {
  try {
    const text = readFileSync(file, "utf8").trim();
    // File ages are wall-clock times on both sides (the injected clock may be shifted in tests).
    if (text === "") return Date.now() - statSync(file).mtimeMs >= UNWRITTEN_CLAIM_GRACE_MS;
    const [time, pid] = text.split(" ");
    if (pid !== undefined && options.isAlive && !options.isAlive(Number(pid))) return true;
    const written = Number(time);
    const at = time && Number.isFinite(written) && written > 0 ? written : statSync(file).mtimeMs;
    return Math.abs(now - at) >= options.ttlMs;
  } catch {
    return true;
  }
}
