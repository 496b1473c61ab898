import { desiredPlexState, desiredStateHash, matchScene, planEdit } from "../core-sync/index.js";
import type { PlexItem } from "../domain/plex-item.js";
import type { SceneSnapshot } from "../domain/scene.js";
import type { SceneSyncState } from "../domain/sync-state.js";
import { isPlexError } from "../plex/index.js";
import { type FieldChange, MatchError, type SyncOutcome } from "./outcome.js";
import { scanForNewScene } from "./scan.js";
import type { SceneSyncDeps } from "./sync-deps.js";
import { syncGroupCollections } from "./sync-group-collections.js";
import {
  commonHashes,
  type ImageEvents,
  type ItemImages,
  itemImagesOf,
  lazyCover,
  nextImageLog,
  syncImages,
} from "./sync-images.js";

export type { SceneSyncDeps } from "./sync-deps.js";

/**
 * Reasons that skip the "desired state is what we last wrote" shortcut: the user asked ("Sync now"), or a
 * reconcile found the Plex side changed (an item emptied in Plex) — reconcile queues only real gaps.
 */
const BYPASS_UNCHANGED: ReadonlySet<string> = new Set(["manual", "reconcile"]);

/**
 * Syncs one scene to every Plex item holding one of its files: match (index lookup, no search requests),
 * read the item, plan the edit (pure), send one PUT with every changed field and its lock, upload images only
 * when their bytes changed. A scene whose desired state is what we last wrote costs no request at all.
 */
export async function syncScene(
  scene: SceneSnapshot,
  reason: string,
  deps: SceneSyncDeps,
): Promise<SyncOutcome> {
  const { settings } = deps;
  if (!settings.sync_master)
    return { status: "skipped", reason: "sync_master is off: nothing is written to Plex" };
  if (settings.organized_only && !scene.organized) {
    return { status: "skipped", reason: "scene is not marked organized (organized_only is on)" };
  }
  const desired = desiredPlexState(scene, settings);
  const hash = desiredStateHash(desired, scene.screenshotUrl ?? "");
  const previous = deps.syncState(scene.id);
  const index = deps.library.current();
  if (
    previous?.desiredHash === hash &&
    previous.ratingKeys.length > 0 &&
    previous.ratingKeys.every((rk) => index.byRatingKey(rk)) &&
    !BYPASS_UNCHANGED.has(reason)
  ) {
    return { status: "unchanged", ratingKeys: previous.ratingKeys, state: previous };
  }
  const items = await matchAndRead(scene, reason, deps);
  const changes: FieldChange[] = [];
  let imagesUploaded = 0;
  const before = itemImagesOf(previous);
  const itemImages: ItemImages = {};
  const imageEvents: ImageEvents = {};
  const cover = lazyCover(scene, deps);
  for (const item of items.read) {
    const plan = planEdit(desired, item, { preservePlexEdits: settings.preserve_plex_edits });
    if (!plan.unchanged) {
      await deps.plex.edit(item.librarySectionId, item.ratingKey, plan.params);
      changes.push(...plan.changes);
    }
    const images = before[item.ratingKey] ?? { hashes: {}, thumbs: {} };
    imagesUploaded += await syncImages(desired, item, cover, { ...images, events: imageEvents }, deps);
    itemImages[item.ratingKey] = images;
  }
  const sections = items.read.map((item) => item.librarySectionId);
  const collectionsWritten = await syncGroupCollections(desired.groupCollections, sections, deps);
  const syncedAt = deps.now();
  const ratingKeys = items.items.map((i) => i.ratingKey);
  const state: SceneSyncState = {
    ratingKeys,
    lastSyncedAt: syncedAt,
    desiredHash: hash,
    imageHashes: commonHashes(itemImages, ratingKeys),
    itemImages,
    lastChanges: [...new Set(changes.map((c) => c.field))],
    imageLog: nextImageLog(previous?.imageLog, imageEvents, syncedAt),
  };
  deps.record(scene.id, state, items.pinStale);
  if (changes.length === 0 && imagesUploaded === 0 && collectionsWritten === 0)
    return { status: "unchanged", ratingKeys: state.ratingKeys, state };
  const extras = [
    imagesUploaded ? `+${imagesUploaded} image upload` : "",
    collectionsWritten ? `+${collectionsWritten} group collection` : "",
  ].filter(Boolean);
  deps.logger.info(
    `Scene ${scene.id}: updated ${state.lastChanges.join(", ") || (imagesUploaded ? "images" : "group collections")}${extras.length ? ` (${extras.join(", ")})` : ""} in Plex item ${state.ratingKeys.join(", ")}`,
  );
  return { status: "synced", ratingKeys: state.ratingKeys, changes, imagesUploaded, state };
}

/**
 * Matches and reads every matched item. An item that vanished since the last sweep (404) means the index
 * is stale: re-sweep and match again, once.
 */
async function matchAndRead(scene: SceneSnapshot, reason: string, deps: SceneSyncDeps) {
  // "Sync now" always re-checks the section markers (one request), so a file Plex scanned moments ago or an
  // item deleted since the last sweep is seen at once.
  let matched = await matchItems(scene, reason, deps, { recheck: reason === "manual" });
  try {
    return { ...matched, read: await readItems(matched.items, deps) };
  } catch (error) {
    if (!isPlexError(error) || error.kind !== "not_found") throw error;
    deps.logger.info(`Scene ${scene.id}: a matched Plex item is gone; re-reading the library`);
    matched = await matchItems(scene, reason, deps, { force: true });
    return { ...matched, read: await readItems(matched.items, deps) };
  }
}

function readItems(items: Array<{ ratingKey: string }>, deps: SceneSyncDeps): Promise<PlexItem[]> {
  return Promise.all(items.map((m) => deps.plex.metadata(m.ratingKey)));
}

async function matchItems(
  scene: SceneSnapshot,
  reason: string,
  deps: SceneSyncDeps,
  refresh: { force?: boolean; recheck?: boolean },
) {
  const options = { strict: deps.settings.strict_matching, pin: deps.pin(scene.id) };
  const match = () => matchScene(scene, deps.library.current(), deps.rules, options);
  const fresh = deps.library.current().size === 0 || refresh.force === true || refresh.recheck === true;
  let outcome = fresh ? null : match();
  // Only a miss pays for freshness (a sure match from an older index is checked by reading the item: a 404
  // re-sweeps). The refresh re-lists sections at most every 30 s and re-sweeps only those whose content
  // marker moved, so our own edits don't trigger sweep after sweep and a job costs no search request.
  if (outcome === null || outcome.pinStale || (outcome.kind !== "matched" && outcome.kind !== "no_file")) {
    await deps.library.refresh(refresh);
    outcome = match();
  }
  switch (outcome.kind) {
    case "matched":
      for (const item of outcome.items.filter((i) => i.lowConfidence))
        deps.logger.warn(
          `Scene ${scene.id}: LOW CONFIDENCE match to Plex item ${item.ratingKey} (${deps.obfuscate(item.file)}); several items share the file name and strict matching is off`,
        );
      return { items: outcome.items, pinStale: outcome.pinStale };
    case "no_file":
      throw new MatchError(
        "no_file",
        `Scene ${scene.id} has no file in Stash, so it cannot be found in Plex`,
      );
    case "ambiguous":
      throw new MatchError(
        "ambiguous",
        `Scene ${scene.id} matches ${outcome.candidates.length} Plex items; pin the right one from the scene's Plex tab`,
        outcome.candidates,
      );
    case "not_found": {
      if (deps.settings.trigger_plex_scan && reason === "create") await scanForNewScene(scene, deps);
      const tried = outcome.triedPaths.map(deps.obfuscate);
      throw new MatchError(
        "not_found",
        `Scene ${scene.id} is not in Plex yet (looked for ${tried.join(", ")}); Plex may not have scanned it, or the path map may be off`,
        [],
        outcome.triedPaths,
      );
    }
  }
}
