/**
 * One import from Plex to Stash (opt-in: only what import_plays / import_resume / import_ratings turn on).
 * Steps: take the lease (one import at a time) → finish what a killed run left (pending intents) → map Plex
 * items to scenes with the sync's own match → read the watch history and send the new plays exactly once →
 * resume points and ratings → report. I/O comes in through ImportDeps; decisions live in plays.ts,
 * activity.ts and targets.ts.
 */
import type { Settings } from "../config/settings.js";
import type { LibraryLookup, PathRule } from "../core-sync/index.js";
import type { PlexItemActivity } from "../import-rules/activity.js";
import type { ImportLedger } from "../import-rules/ledger.js";
import { decidePlays, LOOKBACK_SECONDS } from "../import-rules/plays.js";
import { emptyReport, type ImportReport } from "../import-rules/report.js";
import { addScenesToTargets, itemsByScene, type TargetMap, targetOf } from "../import-rules/targets.js";
import type { Logger } from "../log/logger.js";
import type { PlexClient } from "../plex/index.js";
import type { PlexLibrarySnapshot } from "../reconcile/plex-listing.js";
import { pageScenes } from "../reconcile/stash-scenes.js";
import type { StashClient } from "../stash/index.js";
import { applyActivity } from "./apply-activity.js";
import { readHistory } from "./read-history.js";
import { recoverPending, sendPlays } from "./send-plays.js";

export const LEASE_TTL_MS = 15 * 60_000;

export type ImportSettings = Pick<
  Settings,
  | "import_plays"
  | "import_resume"
  | "import_ratings"
  | "import_all_accounts"
  | "sync_rating"
  | "strict_matching"
>;

export function anyImportOn(s: Pick<Settings, "import_plays" | "import_resume" | "import_ratings">): boolean {
  return s.import_plays || s.import_resume || s.import_ratings;
}

export interface ImportDeps {
  stash: StashClient;
  plex: PlexClient;
  settings: ImportSettings;
  rules: readonly PathRule[];
  now: () => number;
  logger: Logger;
  ledger: ImportLedger;
  /** Identifies this run's lease. */
  owner: string;
  trigger: ImportReport["trigger"];
  /** The library sweep (a scheduled reconcile passes the one it just made). */
  library: () => Promise<PlexLibrarySnapshot>;
  /** The library index as the last sweep left it (read after `library`). */
  index: () => LibraryLookup;
  /** The configured Plex sections (whose history is read); cheap, no sweep. */
  sections: () => Promise<PlexLibrarySnapshot["sections"]>;
  pin: (sceneId: string) => string | null;
  markEcho: (sceneId: string, rating100: number) => void;
  onProgress?: (fraction: number) => void;
}

export type ImportOutcome = { kind: "done"; report: ImportReport } | { kind: "off" } | { kind: "busy" };

async function targetsOf(deps: ImportDeps): Promise<TargetMap> {
  const map: TargetMap = new Map();
  const options = {
    index: deps.index(),
    rules: deps.rules,
    strict: deps.settings.strict_matching,
    pin: deps.pin,
  };
  for await (const page of pageScenes(deps.stash, null)) addScenesToTargets(map, page.scenes, options);
  return map;
}

function activityByScene(targets: TargetMap, library: PlexLibrarySnapshot): Map<string, PlexItemActivity[]> {
  const out = new Map<string, PlexItemActivity[]>();
  for (const [sceneId, ratingKeys] of itemsByScene(targets)) {
    const items = ratingKeys.flatMap((rk) => library.activity.get(rk) ?? []);
    if (items.some((i) => (i.viewOffset ?? 0) > 0 || (i.userRating ?? 0) > 0)) out.set(sceneId, items);
  }
  return out;
}

/** The library and the scene targets, built once and only when something needs them. */
function lazyTargets(deps: ImportDeps) {
  let built: Promise<{ library: PlexLibrarySnapshot; targets: TargetMap }> | null = null;
  return () => {
    built ??= (async () => {
      const library = await deps.library();
      deps.onProgress?.(0.3);
      const targets = await targetsOf(deps);
      deps.onProgress?.(0.5);
      return { library, targets };
    })();
    return built;
  };
}

async function importPlays(
  deps: ImportDeps,
  targets: () => Promise<{ targets: TargetMap }>,
  report: ImportReport,
) {
  const { ledger } = deps;
  const isSeen = (key: string) => ledger.isSeen(key);
  let map: TargetMap | null = null;
  let newest: number | null = null;
  const pages = readHistory(deps.plex, await deps.sections(), {
    highWater: ledger.highWater(),
    allAccounts: deps.settings.import_all_accounts,
  });
  for await (const page of pages) {
    // Nothing new (the usual scheduled run): no library sweep and no scene paging for plays.
    if (map === null && page.plays.some((p) => !isSeen(p.key))) map = (await targets()).targets;
    const found = map ?? new Map<string, string[]>();
    const decision = decidePlays(page.plays, isSeen, (rk) => targetOf(found, rk));
    report.playsSkipped += decision.alreadyImported;
    report.playsUnmatched += decision.unmatched + page.orphanRows;
    report.playsAmbiguous += decision.ambiguous;
    const outcome = await sendPlays(deps.stash, ledger, decision.send, {
      advanceHighWater: page.inOrder,
      onChunk: () => {
        ledger.acquireLease(deps.owner, deps.now(), LEASE_TTL_MS); // renew: still ours
      },
    });
    deps.onProgress?.(0.5 + 0.4 * page.fraction);
    report.playsAdded += outcome.added;
    report.playsUnmatched += outcome.dropped;
    if (page.newest !== null) newest = Math.max(newest ?? page.newest, page.newest);
  }
  if (newest !== null) ledger.settle([], newest);
  const highWater = ledger.highWater();
  if (highWater !== null) ledger.prune(highWater - LOOKBACK_SECONDS);
  deps.logger.debug(
    `History read up to ${highWater === null ? "nothing" : new Date(highWater * 1000).toISOString()} (Plex's clock)`,
  );
}

export async function runImport(deps: ImportDeps): Promise<ImportOutcome> {
  if (!anyImportOn(deps.settings)) return { kind: "off" };
  const { ledger } = deps;
  const started = deps.now();
  if (!ledger.acquireLease(deps.owner, started, LEASE_TTL_MS)) return { kind: "busy" };
  try {
    const report = emptyReport(started, deps.trigger);
    const recovered = { added: 0, recovered: 0, dropped: 0 };
    await recoverPending(deps.stash, ledger, recovered);
    report.playsRecovered = recovered.recovered;
    report.playsAdded = recovered.added;
    report.playsUnmatched = recovered.dropped;
    if (recovered.recovered + recovered.added + recovered.dropped > 0) {
      deps.logger.info(
        `An interrupted import left plays unconfirmed: ${recovered.recovered} were in Stash already, ${recovered.added} sent now, ${recovered.dropped} belong to scenes deleted since`,
      );
    }
    const targets = lazyTargets(deps);
    if (deps.settings.import_plays) {
      await importPlays(deps, targets, report);
    }
    let activity = { resumeUpdated: 0, ratingsUpdated: 0, ratingsKept: 0 };
    if (deps.settings.import_resume || deps.settings.import_ratings) {
      const { library, targets: map } = await targets();
      activity = await applyActivity({
        stash: deps.stash,
        settings: deps.settings,
        scenes: activityByScene(map, library),
        markEcho: deps.markEcho,
      });
    }
    Object.assign(report, activity, { durationMs: deps.now() - started });
    ledger.saveReport(report);
    return { kind: "done", report };
  } finally {
    ledger.releaseLease(deps.owner);
  }
}
