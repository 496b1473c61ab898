import { hasPlexConnection } from "../config/settings.js";
import type { LibraryLookup, MatchOutcome } from "../core-sync/index.js";
import { desiredPlexState, fieldTableRows, matchScene, pathRulesOf } from "../core-sync/index.js";
import type { PlexItem } from "../domain/plex-item.js";
import type { SceneSnapshot } from "../domain/scene.js";
import { readLibraryIndex } from "../library/library-cache.js";
import type { Runtime } from "../runtime/runtime.js";
import type { StashSceneActivity } from "../stash/index.js";
import { openStore, type Store } from "../store/index.js";
import { readResilience } from "../worker/resilience-state.js";
import type { Match, SceneStatus } from "./contracts.js";
import { prefetchingOperation } from "./operation.js";
import { imageStatus } from "./scene-images.js";

/*
 * The Plex tab's one call, in a module of its own: a UI operation is a fresh process, and this module keeps the
 * queue-command and worker code (scene.sync, pins) out of what the scene page waits for.
 */

function plexWebUrl(rt: Runtime, machineIdentifier: string | null, ratingKey: string): string | null {
  if (!rt.settings.plex_url || !machineIdentifier) return null;
  const key = encodeURIComponent(`/library/metadata/${ratingKey}`);
  return `${rt.settings.plex_url}/web/index.html#!/server/${machineIdentifier}/details?key=${key}`;
}

export function toContractMatch(
  outcome: MatchOutcome,
  index: LibraryLookup,
  web: (rk: string) => string | null,
): Match {
  switch (outcome.kind) {
    case "matched":
      return {
        state: "matched",
        ratingKeys: outcome.items.map((i) => i.ratingKey),
        items: outcome.items.map((i) => ({
          ratingKey: i.ratingKey,
          title: index.byRatingKey(i.ratingKey)?.title ?? "",
          sectionId: i.sectionId,
          plexWebUrl: web(i.ratingKey),
          ...(i.lowConfidence ? { lowConfidence: true } : {}),
        })),
        how: outcome.items[0]?.how === "pinned" ? "pinned" : (outcome.items[0]?.how ?? "path"),
      };
    case "ambiguous":
      return { state: "ambiguous", candidates: outcome.candidates };
    case "not_found":
      return { state: "not_found", triedPaths: outcome.triedPaths };
    case "no_file":
      return { state: "not_found", triedPaths: [] };
  }
}

/**
 * Everything the scene's Plex tab shows, in one call: the live match (from the local library index: no Plex
 * search), the queue state, the last sync, and — when matched — Stash's value next to Plex's for each field.
 */
export const sceneStatusOp = prefetchingOperation(
  "scene.status",
  (stash, args) => stash.sceneWithActivity(args.sceneId),
  (rt, args, fetched) =>
    sceneStatus(
      rt,
      args.sceneId,
      fetched.then((found) => (found ? new Map([[args.sceneId, found.scene]]) : new Map())),
      fetched.then((found) => found?.activity ?? null),
    ),
);

async function sceneStatus(
  rt: Runtime,
  sceneId: string,
  scenes: Promise<Map<string, SceneSnapshot>>,
  stashActivity: Promise<StashSceneActivity | null>,
): Promise<SceneStatus> {
  const now = rt.clock.now();
  const configured = hasPlexConnection(rt.settings);
  const store = await openStore({ dir: rt.dataDir, clock: rt.clock, logger: rt.logger.child("Store") });
  let scene: SceneSnapshot | null = null;
  let status: SceneStatus;
  let machineId: string | null = null;
  try {
    scene = (await scenes).get(sceneId) ?? null;
    // One snapshot: the job, the sync state and the match agree even while the drainer commits.
    status = store.consistentRead((): SceneStatus => {
      const index = readLibraryIndex(store);
      machineId = readResilience(store).health.machineIdentifier;
      const web = (rk: string) => plexWebUrl(rt, machineId, rk);
      const sync = store.syncState(sceneId);
      const view = store.jobForScene(sceneId, now);
      const match: Match = !configured
        ? { state: "unknown", reason: "not_configured" }
        : !scene
          ? { state: "unknown", reason: "no_scene" }
          : index.sectionIds().length === 0
            ? { state: "unknown", reason: "no_index" }
            : toContractMatch(
                matchScene(scene, index, pathRulesOf(rt.settings), {
                  strict: rt.settings.strict_matching,
                  pin: store.pinnedRatingKey(sceneId),
                }),
                index,
                web,
              );
      return {
        configured,
        match,
        lastSync: sync
          ? {
              at: sync.lastSyncedAt,
              changes: sync.lastChanges.map((field) => ({ field, from: null, to: null })),
            }
          : null,
        job: jobOf(view),
        fields: null,
        activity: null,
        images: {
          poster: imageStatus("poster", {
            enabled: rt.settings.sync_poster,
            hasCover: Boolean(scene?.screenshotUrl),
            sync,
          }),
          background: imageStatus("art", {
            enabled: rt.settings.sync_background,
            hasCover: Boolean(scene?.screenshotUrl),
            sync,
          }),
        },
      };
    });
  } finally {
    await store.close();
  }
  let plexView: PlexItem["view"] | null = null;
  if (scene && configured && status.match.state === "matched") {
    const details = await addPlexDetails(rt, scene, status.match, machineId);
    status.fields = details.fields;
    plexView = details.view;
  }
  status.activity = activityView(plexView, await stashActivity);
  return status;
}

/**
 * What only Plex knows, fetched in parallel: the item's current values (field table, current title) and, when no
 * health probe has stored it yet, the server id for "Open in Plex" links. A Plex error leaves them empty.
 */
async function addPlexDetails(
  rt: Runtime,
  scene: SceneSnapshot,
  match: Extract<Match, { state: "matched" }>,
  machineId: string | null,
): Promise<{ fields: SceneStatus["fields"]; view: PlexItem["view"] | null }> {
  const first = match.items[0];
  if (!first) return { fields: null, view: null };
  const plex = await rt.plex();
  const [item, machine] = await Promise.all([
    plex.metadata(first.ratingKey).catch((error: unknown) => {
      rt.logger.debug(
        `Scene status: Plex item ${first.ratingKey} could not be read (${(error as Error).message})`,
      );
      return null;
    }),
    machineId
      ? Promise.resolve(machineId)
      : plex.identity().then(
          (identity) => identity.machineIdentifier,
          () => null,
        ),
  ]);
  for (const entry of match.items) entry.plexWebUrl = plexWebUrl(rt, machine, entry.ratingKey);
  if (!item) return { fields: null, view: null };
  first.title = item.title;
  return { fields: fieldTableRows(desiredPlexState(scene, rt.settings), item), view: item.view ?? null };
}

function activityView(
  plex: PlexItem["view"] | null,
  stash: StashSceneActivity | null,
): NonNullable<SceneStatus["activity"]> | null {
  if (!plex && !stash) return null;
  const lastPlayed = stash?.lastPlayedAt ? Date.parse(stash.lastPlayedAt) : Number.NaN;
  return {
    plex: plex
      ? {
          viewCount: plex.viewCount,
          lastViewedAt: plex.lastViewedAt === null ? null : plex.lastViewedAt * 1000,
          resumeSeconds: plex.viewOffset === null ? null : plex.viewOffset / 1000,
        }
      : null,
    stash: stash
      ? {
          playCount: stash.playCount,
          lastPlayedAt: Number.isFinite(lastPlayed) ? lastPlayed : null,
          resumeSeconds: stash.resumeTime,
        }
      : null,
  };
}

type QueueView = ReturnType<Store["jobForScene"]>;

function jobOf(view: QueueView): SceneStatus["job"] {
  const job = view.jobs[0];
  if (job) {
    // "waiting" never failed (debounce, scheduled for later): the UI shows it as pending with its run time.
    const state = job.state === "waiting" ? "pending" : job.state;
    return {
      id: job.id,
      state,
      attempts: job.attempts,
      nextAttemptAt: job.runAt,
      error: job.lastError ? { class: job.lastError.class, message: job.lastError.message } : null,
    };
  }
  // Held by a bulk sync: queued in order, not a job yet.
  if (view.held) return { state: "pending", attempts: 0, nextAttemptAt: null, error: null };
  const dead = view.deadLetters[0];
  if (dead) {
    return {
      id: dead.id,
      state: "dead",
      attempts: dead.job.attempts,
      nextAttemptAt: null,
      failedAt: dead.failedAt,
      error: { class: dead.error.class, message: dead.error.message },
    };
  }
  return null;
}
