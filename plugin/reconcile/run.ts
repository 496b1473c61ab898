/**
 * One reconciliation: sweep the configured Plex sections once (no per-scene search), page Stash scenes,
 * classify each in memory (gaps.ts), then record the report and queue the gaps with reason "reconcile".
 *
 * The gaps are held and the report recorded in the store directly, whether or not a drainer runs. Jobs with
 * reason "reconcile" bypass the sync
 * pipeline's "nothing changed since we wrote it" shortcut, so a gap whose desired state equals what we last
 * wrote (an item emptied or removed in Plex) is still written.
 */

import { readAhead } from "../core/read-ahead.js";
import { pathRulesOf } from "../core-sync/index.js";
import { readLibraryIndex } from "../library/library-cache.js";
import { libraryTable } from "../library/library-table.js";
import { pageIndex } from "../library/stored-index.js";
import { isPlexError } from "../plex/index.js";
import type { Runtime } from "../runtime/runtime.js";
import { openReader } from "../runtime/store-access.js";
import type { SceneRecords, Store } from "../store/index.js";
import { openEnqueuer, type SceneEnqueuer } from "./enqueue.js";
import { emptyTally, type GapContext, type GapTally, tallyScenes } from "./gaps.js";
import { type PlexLibrarySnapshot, sweepPlexLibrary } from "./plex-listing.js";
import { buildReport, type ReconcileReport, type ReconcileScope, type ReconcileTrigger } from "./report.js";
import { addFolderScans, type FolderScan } from "./scan-folders.js";
import { pageScenes, type SceneWindow } from "./stash-scenes.js";

const DAY_MS = 86_400_000;

export class ReconcileAbortedError extends Error {
  readonly kind = "reconcile_aborted";
}

export function windowFor(scope: ReconcileScope, now: number): SceneWindow | null {
  if (scope === "24h") return { field: "created_at", sinceMs: now - DAY_MS };
  if (scope === "7days") return { field: "created_at", sinceMs: now - 7 * DAY_MS };
  return null;
}

export interface ReconcileOptions {
  scope: ReconcileScope;
  trigger: ReconcileTrigger;
  /** Progress of the detection phase, 0..1. */
  onProgress?: (fraction: number) => void;
  /** Receives the library sweep (the import after a scheduled reconcile reuses it). */
  onSweep?: (snapshot: PlexLibrarySnapshot) => void;
}

async function sweepOrAbort(rt: Runtime, onProgress: (f: number) => void): Promise<PlexLibrarySnapshot> {
  try {
    return await sweepPlexLibrary(rt, { onPage: (seen, total) => onProgress(seen / Math.max(1, total)) });
  } catch (error) {
    if (!isPlexError(error)) throw error;
    throw new ReconcileAbortedError(
      `Reconciliation stopped: the Plex library could not be read (${error.message}). Nothing was queued; run Health Check.`,
    );
  }
}

async function detect(
  rt: Runtime,
  options: ReconcileOptions,
  plex: PlexLibrarySnapshot,
  scans: Map<string, FolderScan>,
): Promise<GapTally> {
  const rules = pathRulesOf(rt.settings);
  const reader: Store = await openReader(rt);
  const library = libraryTable(reader.database);
  try {
    // A page's sync states, pins and library rows in one query each, not several queries per scene.
    let page: SceneRecords = { states: new Map(), pins: new Map() };
    const ctx: GapContext = {
      index: readLibraryIndex(reader), // replaced by each page's slice of it below
      plexHas: plex.plexHas,
      listingCarries: plex.listingCarries,
      syncState: (id) => page.states.get(id) ?? null,
      pin: (id) => page.pins.get(id) ?? null,
      settings: rt.settings,
      rules,
      mode: options.scope === "missing_metadata" ? "missing_metadata" : "all",
    };
    const tally = emptyTally();
    const wantScans = rt.settings.trigger_plex_scan;
    for await (const scenes of readAhead(pageScenes(rt.stash, windowFor(options.scope, rt.clock.now())))) {
      page = reader.sceneRecords(scenes.scenes.map((scene) => scene.id));
      ctx.index = pageIndex(library, scenes.scenes, rules, page.pins.values());
      const before = tally.gaps.length;
      tallyScenes(tally, scenes.scenes, ctx);
      if (wantScans && tally.gaps.length > before) {
        const missing = new Set(
          tally.gaps
            .slice(before)
            .filter((g) => g.type === "missing")
            .map((g) => g.sceneId),
        );
        for (const scene of scenes.scenes)
          if (missing.has(scene.id)) addFolderScans(scene, rules, plex.sections, scans);
      }
      options.onProgress?.(0.3 + 0.7 * (scenes.fetched / Math.max(1, scenes.total)));
    }
    return tally;
  } finally {
    await reader.close();
  }
}

/** Held like a bulk sync's scenes: a first reconcile of a 100k library can find every scene a gap. */
function queueGaps(enqueuer: SceneEnqueuer, tally: GapTally): number {
  const ids = [...new Set(tally.gaps.map((g) => g.sceneId))];
  enqueuer.hold(ids, "reconcile");
  return ids.length;
}

/**
 * Partial scans of the folders holding missing scenes (`trigger_plex_scan`). The scanned sections' markers
 * are blanked in the stored index, so the drain that follows re-reads them whatever Plex's second-resolution
 * `contentChangedAt` says.
 */
async function scanFolders(rt: Runtime, scans: Map<string, FolderScan>): Promise<number> {
  if (scans.size === 0) return 0;
  const plex = await rt.plex();
  let done = 0;
  const scanned = new Set<string>();
  for (const scan of scans.values()) {
    try {
      await plex.scanPath(scan.sectionId, scan.folder);
      scanned.add(scan.sectionId);
      done++;
    } catch (error) {
      rt.logger
        .child("Reconcile")
        .warn(`Plex did not start a scan of ${rt.obfuscate(scan.folder)}: ${(error as Error).message}`);
    }
  }
  if (scanned.size > 0) {
    const store = await openReader(rt);
    try {
      const library = libraryTable(store.database);
      for (const sectionId of scanned) library.setMarker(sectionId, "");
    } finally {
      await store.close();
    }
  }
  return done;
}

/** Detects, records and queues; returns the report (the caller drains). */
export async function runReconcile(rt: Runtime, options: ReconcileOptions): Promise<ReconcileReport> {
  const started = rt.clock.now();
  const onProgress = options.onProgress ?? (() => {});
  const plex = await sweepOrAbort(rt, (f) => onProgress(0.3 * f));
  options.onSweep?.(plex);
  const scans = new Map<string, FolderScan>();
  const tally = await detect(rt, options, plex, scans);
  const foldersScanned = await scanFolders(rt, scans);
  const enqueuer = await openEnqueuer(rt);
  try {
    const queuedCount = queueGaps(enqueuer, tally);
    const report = buildReport({
      at: rt.clock.now(),
      scope: options.scope,
      trigger: options.trigger,
      tally,
      plexItems: plex.items,
      queuedCount,
      foldersScanned,
      durationMs: rt.clock.now() - started,
    });
    enqueuer.store.addReconcileReport(report);
    return report;
  } finally {
    await enqueuer.close();
  }
}

/** The newest report the store holds, or null. */
export function lastReconcileReport(fromStore: readonly unknown[]): unknown {
  return fromStore[fromStore.length - 1] ?? null;
}
