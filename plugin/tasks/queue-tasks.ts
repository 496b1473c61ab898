import { countOf } from "../core/count-of.js";
import { importLedgerOf } from "../import/ledger-table.js";
import { lastImportSummary } from "../ops/last-import.js";
import { UsageError } from "../runtime/errors.js";
import { openReader } from "../runtime/store-access.js";
import type { Command } from "../worker/commands.js";
import { runCommand } from "../worker/run-command.js";
import { formatQueueStatus } from "./queue-status.js";
import { task } from "./task.js";

function commandTask(name: string, command: (args: Record<string, unknown>) => Command) {
  return task(
    name,
    async ({ rt, args, report }) => {
      const outcome = await runCommand(rt, command(args));
      report(`${name}: ${outcome}`);
      return { outcome };
    },
    { runWhenDisabled: true },
  );
}

export const clearQueueTask = commandTask("Clear Pending Queue", () => ({ name: "clear-pending" }));
export const clearDeadLettersTask = commandTask("Clear Dead Letter Queue", () => ({
  name: "delete-dead",
  selection: { all: true },
}));
export const purgeDeadLettersTask = commandTask("Purge Old DLQ Entries", (args) => ({
  name: "purge-dead",
  days: parseDays(args.days),
}));
export const clearMatchCacheTask = commandTask("Clear Match Cache", () => ({ name: "clear-match-cache" }));

export const queueStatusTask = task(
  "View Queue Status",
  async ({ rt, report }) => {
    const store = await openReader(rt);
    try {
      const status = formatQueueStatus(store, rt.clock.now());
      for (const line of status.lines) report(line);
      const lastImport = lastImportSummary(importLedgerOf(store.database));
      report("=== Import from Plex ===");
      report(
        lastImport
          ? `Last run ${new Date(lastImport.at).toISOString()}: ${countOf(lastImport.playsAdded, "play")} added, ${lastImport.playsSkipped} skipped, ${lastImport.playsUnmatched} unmatched; ${countOf(lastImport.resumeUpdated, "resume point")}, ${countOf(lastImport.ratingsUpdated, "rating")}`
          : "No import from Plex yet",
      );
      return { status: { ...status.data, lastImport } };
    } finally {
      await store.close();
    }
  },
  { runWhenDisabled: true },
);

/** `days` arrives as a string from defaultArgs, or a number from args_map; 30 when absent. */
export function parseDays(value: unknown): number {
  if (value === undefined || value === null || value === "") return 30;
  const n = typeof value === "string" ? Number(value.trim()) : typeof value === "number" ? value : Number.NaN;
  if (Number.isInteger(n) && n >= 0 && n <= 3650) return n;
  throw new UsageError(
    `Purge Old DLQ Entries: "days" must be a whole number from 0 to 3650, got ${JSON.stringify(value)}`,
  );
}
