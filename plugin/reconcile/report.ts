/**
 * The reconcile report: one object kept in the store (the UI's `reconcileReportSchema` parses it: at, scope,
 * scenesChecked, missing, stale, emptyMetadata, queued), plus the lines a Stash log window shows. Pure.
 */
import type { GapTally, GapType } from "./gaps.js";

export const RECONCILE_SCOPES = ["all", "24h", "7days", "missing_metadata"] as const;
export type ReconcileScope = (typeof RECONCILE_SCOPES)[number];
export type ReconcileTrigger = "manual" | "schedule";

/** Gaps kept with the report for "queue all gaps"; more are counted but not listed (the stored report stays small). */
export const MAX_STORED_GAPS = 5_000;

export interface ReconcileReport {
  at: number;
  scope: ReconcileScope;
  trigger: ReconcileTrigger;
  scenesChecked: number;
  plexItems: number;
  missing: number;
  stale: number;
  emptyMetadata: number;
  unsynced: number;
  ambiguous: number;
  noMetadata: number;
  noFile: number;
  /** Scenes not in Plex that were not reported because `reconcile_missing` is off. */
  missingIgnored: number;
  /** True once the gaps were put on the queue. */
  queued: boolean;
  queuedCount: number;
  foldersScanned: number;
  durationMs: number;
  samples: GapTally["samples"];
  gaps: Array<{ sceneId: string; type: GapType }>;
  gapsTruncated: boolean;
}

export function buildReport(input: {
  at: number;
  scope: ReconcileScope;
  trigger: ReconcileTrigger;
  tally: GapTally;
  plexItems: number;
  queuedCount: number;
  foldersScanned: number;
  durationMs: number;
}): ReconcileReport {
  const { tally } = input;
  return {
    at: input.at,
    scope: input.scope,
    trigger: input.trigger,
    scenesChecked: tally.scenesChecked,
    plexItems: input.plexItems,
    missing: tally.counts.missing,
    stale: tally.counts.stale,
    emptyMetadata: tally.counts.emptyMetadata,
    unsynced: tally.counts.unsynced,
    ambiguous: tally.counts.ambiguous,
    noMetadata: tally.noMetadata,
    noFile: tally.noFile,
    missingIgnored: tally.missingIgnored,
    queued: input.queuedCount > 0,
    queuedCount: input.queuedCount,
    foldersScanned: input.foldersScanned,
    durationMs: input.durationMs,
    samples: tally.samples,
    gaps: tally.gaps.slice(0, MAX_STORED_GAPS),
    gapsTruncated: tally.gaps.length > MAX_STORED_GAPS,
  };
}

const SCOPE_TEXT: Record<ReconcileScope, string> = {
  all: "all scenes",
  "24h": "scenes created in the last 24 hours",
  "7days": "scenes created in the last 7 days",
  missing_metadata: "all scenes, empty Plex metadata only",
};

export function totalGaps(r: ReconcileReport): number {
  return r.missing + r.stale + r.emptyMetadata + r.unsynced + r.ambiguous;
}

/** Short lines for Stash's log window (each well under a line's width). */
export function reportLines(r: ReconcileReport): string[] {
  const lines = [
    `=== Reconciliation: ${SCOPE_TEXT[r.scope]}${r.trigger === "schedule" ? " (scheduled)" : ""} ===`,
    `Scenes checked: ${r.scenesChecked}; Plex items read: ${r.plexItems}; took ${(r.durationMs / 1000).toFixed(1)} s`,
    `Gaps: ${totalGaps(r)} — empty Plex metadata ${r.emptyMetadata}, stale ${r.stale}, never synced ${r.unsynced}, missing from Plex ${r.missing}, ambiguous ${r.ambiguous}`,
  ];
  if (r.noMetadata > 0)
    lines.push(
      `No Stash metadata yet: ${r.noMetadata} scene(s) (add studio, performers, tags, date or details in Stash; they sync once identified)`,
    );
  if (r.noFile > 0) lines.push(`Without files: ${r.noFile} scene(s) (cannot be in Plex)`);
  if (r.missingIgnored > 0)
    lines.push(`Not in Plex but not reported: ${r.missingIgnored} (reconcile_missing is off)`);
  if (r.ambiguous > 0)
    lines.push(
      "Ambiguous scenes go to dead letters with their candidates: pin the right item in the scene's Plex tab",
    );
  if (r.foldersScanned > 0)
    lines.push(`Asked Plex to scan ${r.foldersScanned} folder(s) holding missing scenes`);
  lines.push(
    r.queuedCount > 0
      ? `Queued ${r.queuedCount} scene(s) (reason: reconcile); syncing them now`
      : "Nothing to queue: Plex matches Stash",
  );
  for (const s of r.samples.slice(0, 10)) lines.push(`  e.g. scene ${s.sceneId}: ${s.type} — ${s.detail}`);
  return lines;
}
