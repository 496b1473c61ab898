/**
 * Gap detection — PURE. One Stash scene against the Plex library as one sweep saw it (index + the metadata the
 * section listing carries) and the store's record of our last sync. No request per scene.
 *
 * Gap types:
 *  - `emptyMetadata`: the matched Plex item has none of the fields Stash would write (summary, studio, date,
 *    genres, actors) — e.g. someone refreshed or cleared it in Plex. Found even when our desired hash is
 *    unchanged, which is exactly the case a hook can never report. Judged on what a listing row can show:
 *    truncated tag lists still say "some", and a missing summary counts only when the sweep saw summaries
 *    on other rows — a server whose list pages leave `summary` out would otherwise make every scene with
 *    only details look emptied again after each sync, and re-sync it forever.
 *  - `stale`: synced before, but what Stash wants in Plex now differs from what we last wrote (desired-state
 *    hash), or the item we wrote to is gone. This catches every edit no hook reported (auto-tag, merges, a
 *    plugin that was disabled) and nothing else: an `updated_at` bump that changes no synced field is not a gap.
 *  - `unsynced`: in Plex, never synced by us.
 *  - `missing`: no Plex item holds the scene's files (Plex has not scanned them, or the path map is off);
 *    not reported when `reconcile_missing` is off (Plex deliberately holds a subset of Stash).
 *  - `ambiguous`: several Plex items could hold the file; queuing it dead-letters it with the candidates, so
 *    the user can pin the right one.
 * Scenes with no real metadata yet (between scan and identification) are counted as `noMetadata` instead of
 * being queued for anything but presence, so a half-scraped scene never wipes Plex; they are never silently
 * dropped from the report.
 */
import type { Settings } from "../config/settings.js";
import {
  type DesiredState,
  desiredPlexState,
  desiredStateHash,
  hasRealMetadata,
  type LibraryLookup,
  matchScene,
  type PathRule,
} from "../core-sync/index.js";
import type { SceneSnapshot } from "../domain/scene.js";
import type { SceneSyncState } from "../domain/sync-state.js";

export const GAP_TYPES = ["emptyMetadata", "stale", "unsynced", "missing", "ambiguous"] as const;
export type GapType = (typeof GAP_TYPES)[number];

/** Bit flags of what a Plex listing item carries (compact: 50,000 items cost one small number each). */
export const PLEX_HAS = { summary: 1, studio: 2, date: 4, genre: 8, actor: 16 } as const;

export type ReconcileMode = "all" | "missing_metadata";

export interface GapContext {
  index: LibraryLookup;
  /** ratingKey → PLEX_HAS flags from the section listing. */
  plexHas: ReadonlyMap<string, number>;
  /**
   * PLEX_HAS flags the listing carried for at least one item of the sweep. A listing is an abridged view
   * (tag lists truncated, and a server may leave `summary` out of list pages): a missing summary is
   * evidence of an empty one only when this server's list pages show summaries at all.
   */
  listingCarries: number;
  syncState: (sceneId: string) => SceneSyncState | null;
  pin: (sceneId: string) => string | null;
  settings: Settings;
  rules: readonly PathRule[];
  mode: ReconcileMode;
}

export type SceneVerdict =
  | { kind: "gap"; type: GapType; detail: string }
  | { kind: "ok" }
  | { kind: "noMetadata" }
  | { kind: "noFile" }
  | { kind: "notOrganized" }
  | { kind: "ignored"; why: "missing" };

/** The fields (as PLEX_HAS flags) Stash wants non-empty in Plex for this desired state. */
export function wantedFlags(desired: DesiredState): number {
  let flags = 0;
  if (desired.summary) flags |= PLEX_HAS.summary;
  if (desired.studio) flags |= PLEX_HAS.studio;
  if (desired.originallyAvailableAt) flags |= PLEX_HAS.date;
  if (desired.genre && desired.genre.length > 0) flags |= PLEX_HAS.genre;
  if (desired.actor && desired.actor.length > 0) flags |= PLEX_HAS.actor;
  return flags;
}

/**
 * The fields whose absence from a listing row means "empty": studio, date and the (truncated, but never
 * emptied) tag lists always; summary only when the sweep saw it on some row.
 */
export function witnessedFlags(listingCarries: number): number {
  return (
    PLEX_HAS.studio | PLEX_HAS.date | PLEX_HAS.genre | PLEX_HAS.actor | (listingCarries & PLEX_HAS.summary)
  );
}

export function classifyScene(scene: SceneSnapshot, ctx: GapContext): SceneVerdict {
  const { settings } = ctx;
  if (settings.organized_only && !scene.organized) return { kind: "notOrganized" };
  if (scene.files.length === 0) return { kind: "noFile" };
  const previous = ctx.syncState(scene.id);
  const desired = desiredPlexState(scene, settings);
  const unchanged = () => previous?.desiredHash === desiredStateHash(desired, scene.screenshotUrl ?? "");
  const gap = (type: GapType, detail: string): SceneVerdict => ({ kind: "gap", type, detail });
  const match = matchScene(scene, ctx.index, ctx.rules, {
    strict: settings.strict_matching,
    pin: ctx.pin(scene.id),
  });
  const metadataOnly = ctx.mode === "missing_metadata";
  if (match.kind === "not_found" || match.kind === "no_file") {
    if (metadataOnly) return { kind: "ok" };
    if (!settings.reconcile_missing) return { kind: "ignored", why: "missing" };
    return gap("missing", "no Plex item holds its file (not scanned yet, or the path map is off)");
  }
  if (match.kind === "ambiguous") {
    if (metadataOnly) return { kind: "ok" };
    return gap("ambiguous", `${match.candidates.length} Plex candidates`);
  }
  if (!hasRealMetadata(scene)) return { kind: "noMetadata" };
  const wanted = wantedFlags(desired);
  const ratingKeys = match.items.map((i) => i.ratingKey);
  // Empty only when the listing could have shown one of the wanted fields and shows none of them.
  const witnessed = (wanted & witnessedFlags(ctx.listingCarries)) !== 0;
  const emptyItem = ratingKeys.find((rk) => witnessed && ((ctx.plexHas.get(rk) ?? 0) & wanted) === 0);
  if (emptyItem !== undefined)
    return gap("emptyMetadata", `Plex item ${emptyItem} has none of the scene's metadata`);
  if (metadataOnly) return { kind: "ok" };
  if (!previous) return gap("unsynced", "in Plex, never synced");
  if (!unchanged()) return gap("stale", "Stash changed since the last sync");
  const current = new Set(ratingKeys);
  if (previous.ratingKeys.length === 0 || !previous.ratingKeys.every((rk) => current.has(rk))) {
    return gap("stale", "the Plex item synced last is gone");
  }
  return { kind: "ok" };
}

/** Running totals of one reconcile, folded page by page (the scenes themselves are not kept). */
export interface GapTally {
  scenesChecked: number;
  counts: Record<GapType, number>;
  noMetadata: number;
  noFile: number;
  notOrganized: number;
  missingIgnored: number;
  gaps: Array<{ sceneId: string; type: GapType }>;
  /** A few examples per type, for the log and the UI. */
  samples: Array<{ sceneId: string; type: GapType | "noMetadata"; detail: string }>;
}

const SAMPLES_PER_TYPE = 5;

export function emptyTally(): GapTally {
  return {
    scenesChecked: 0,
    counts: { emptyMetadata: 0, stale: 0, unsynced: 0, missing: 0, ambiguous: 0 },
    noMetadata: 0,
    noFile: 0,
    notOrganized: 0,
    missingIgnored: 0,
    gaps: [],
    samples: [],
  };
}

/** Folds one page of scenes into the tally (mutates and returns it: 50,000 scenes, no copies). */
export function tallyScenes(tally: GapTally, scenes: readonly SceneSnapshot[], ctx: GapContext): GapTally {
  for (const scene of scenes) {
    tally.scenesChecked++;
    const verdict = classifyScene(scene, ctx);
    switch (verdict.kind) {
      case "gap":
        tally.counts[verdict.type]++;
        tally.gaps.push({ sceneId: scene.id, type: verdict.type });
        addSample(tally, scene.id, verdict.type, verdict.detail);
        break;
      case "noMetadata":
        tally.noMetadata++;
        addSample(tally, scene.id, "noMetadata", "no studio, performers, tags, details or date in Stash yet");
        break;
      case "noFile":
        tally.noFile++;
        break;
      case "notOrganized":
        tally.notOrganized++;
        break;
      case "ignored":
        tally.missingIgnored++;
        break;
      case "ok":
        break;
    }
  }
  return tally;
}

function addSample(tally: GapTally, sceneId: string, type: GapType | "noMetadata", detail: string): void {
  if (tally.samples.filter((s) => s.type === type).length < SAMPLES_PER_TYPE) {
    tally.samples.push({ sceneId, type, detail });
  }
}
