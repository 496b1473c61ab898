/**
 * INTERIM persistence of the import ledger until the SQLite store lands (then the same ImportLedger is
 * implemented on its tables and this file goes): `import-ledger.json` in the data folder, replaced by an
 * atomic rename after every step, and `import.lease`, created with O_EXCL, against overlapping runs. It is
 * deliberately separate from plugin/store. The file stays small: the runner prunes settled keys older than
 * the look-back window after every chunk.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { writeFileAtomicSync } from "../store/atomic.js";
import { isProcessAlive } from "../store/process-alive.js";
import {
  emptyLedgerData,
  type ImportLease,
  type ImportLedger,
  type LedgerData,
  leaseFree,
  ledgerOver,
  pidOfOwner,
} from "./ledger.js";
import { importReportSchema } from "./report.js";

export const LEDGER_FILE = "import-ledger.json";
export const LEASE_FILE = "import.lease";

const leaseSchema = z.object({ owner: z.string(), expiresAt: z.number() });
const dataSchema = z.object({
  highWater: z.number().nullable(),
  plays: z.record(z.string(), z.tuple([z.number(), z.union([z.literal(0), z.literal(1)]), z.string()])),
  report: importReportSchema.nullable(),
});

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

/** The saved ledger; a missing or unreadable file is an empty ledger (the next import re-reads history). */
export function readLedgerData(dataDir: string): LedgerData {
  const parsed = dataSchema.safeParse(readJson(path.join(dataDir, LEDGER_FILE)));
  return parsed.success ? { ...parsed.data, lease: null } : emptyLedgerData();
}

function readLease(file: string): ImportLease | null {
  const parsed = leaseSchema.safeParse(readJson(file));
  return parsed.success ? parsed.data : null;
}

function createLease(file: string, lease: ImportLease): boolean {
  let fd: number;
  try {
    fd = openSync(file, "wx", 0o600);
  } catch {
    return false;
  }
  try {
    writeSync(fd, JSON.stringify(lease));
  } finally {
    closeSync(fd);
  }
  return true;
}

export function openFileLedger(dataDir: string): ImportLedger {
  const file = path.join(dataDir, LEDGER_FILE);
  const leaseFile = path.join(dataDir, LEASE_FILE);
  const data = readLedgerData(dataDir);
  const base = ledgerOver(data, (d) =>
    writeFileAtomicSync(file, JSON.stringify({ highWater: d.highWater, plays: d.plays, report: d.report })),
  );
  /** The holder of the lease works on what the previous holder left, not on what was there at open. */
  const reload = (): true => {
    const fresh = readLedgerData(dataDir);
    data.highWater = fresh.highWater;
    data.plays = fresh.plays;
    data.report = fresh.report;
    return true;
  };
  return {
    ...base,
    acquireLease(owner, now, ttlMs) {
      const lease = { owner, expiresAt: now + ttlMs };
      if (createLease(leaseFile, lease)) return reload();
      const held = readLease(leaseFile);
      const pid = held === null ? null : pidOfOwner(held.owner);
      const alive = pid === null || pid === process.pid || isProcessAlive(pid);
      if (held !== null && !leaseFree(held, owner, now, alive)) return false;
      // Expired, its process gone (SIGKILL), ours, or unreadable: replace it, then check that we hold it.
      writeFileAtomicSync(leaseFile, JSON.stringify(lease));
      return readLease(leaseFile)?.owner === owner && reload();
    },
    releaseLease(owner) {
      if (readLease(leaseFile)?.owner !== owner) return;
      try {
        unlinkSync(leaseFile);
      } catch {
        // already gone
      }
    },
  };
}
