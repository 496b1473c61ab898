import { hasPlexConnection } from "../config/settings.js";
import {
  type LibraryLookup,
  mapStashPathToPlex,
  matchScene,
  type PathRule,
  pathRulesOf,
} from "../core-sync/index.js";
import type { SceneSnapshot } from "../domain/scene.js";
import { createLibraryCache, readLibraryIndex } from "../library/library-cache.js";
import { openReader } from "../tasks/store-access.js";
import { operation } from "./operation.js";
import { sendCommand } from "./queue-ops.js";
import { toContractMatch } from "./scene-status-op.js";

export const sceneSyncOp = operation("scene.sync", (rt, args) =>
  sendCommand(rt, { name: "sync-scenes", sceneIds: [args.sceneId], reason: "manual" }, "Sync queued"),
);

export const scenePinOp = operation("scene.pin", (rt, args) =>
  sendCommand(
    rt,
    { name: "pin", sceneId: args.sceneId, ratingKey: args.ratingKey },
    `Pinned to Plex item ${args.ratingKey}; syncing`,
  ),
);

export const sceneUnpinOp = operation("scene.unpin", (rt, args) =>
  sendCommand(rt, { name: "pin", sceneId: args.sceneId, ratingKey: null }, "Pin removed; re-matching"),
);

/** Path-map tester: a Stash path in, the mapped Plex path and what it matches in the library index out. */
export const pathsPreviewOp = operation("paths.preview", async (rt, args) => {
  const rules = pathRulesOf(rt.settings);
  const mapped = mapStashPathToPlex(args.path, rules);
  const store = await openReader(rt);
  try {
    return previewPath(args.path, mapped, readLibraryIndex(store), rules, rt.settings.strict_matching);
  } finally {
    await store.close();
  }
});

function previewPath(
  path: string,
  mapped: string,
  index: LibraryLookup,
  rules: readonly PathRule[],
  strict: boolean,
) {
  const basename = path.split(/[\\/]/).pop() ?? path;
  const probe: SceneSnapshot = {
    id: "0",
    title: null,
    code: null,
    details: null,
    director: null,
    date: null,
    urls: [],
    rating100: null,
    organized: false,
    createdAt: "",
    updatedAt: "",
    studio: null,
    performers: [],
    tags: [],
    screenshotUrl: null,
    files: [{ path, basename, size: null }],
  };
  const outcome = matchScene(probe, index, rules, { strict, pin: null });
  return {
    mapped,
    match:
      index.sectionIds().length === 0
        ? { state: "unknown" as const, reason: "no_index" as const }
        : toContractMatch(outcome, index, () => null),
  };
}

/**
 * Reads the configured Plex libraries into the local index now (the worker otherwise does it on its first
 * sync), so the scene tab can show each scene's match before anything was synced.
 */
export const libraryReadOp = operation("library.read", async (rt) => {
  if (!hasPlexConnection(rt.settings)) {
    return {
      accepted: false,
      affected: null,
      message: "Plex is not set up yet: enter its address and token in the plugin settings first.",
    };
  }
  const store = await openReader(rt);
  try {
    const library = createLibraryCache({
      plex: await rt.plex(),
      store,
      libraryNames: rt.settings.plex_library,
      clock: rt.clock,
      logger: rt.logger,
    });
    await library.refresh({ recheck: true });
    const index = library.current();
    const libraries = index.sectionIds().length;
    return {
      accepted: true,
      affected: index.size,
      message: `Read ${index.size} file${index.size === 1 ? "" : "s"} in ${libraries} Plex librar${libraries === 1 ? "y" : "ies"}.`,
    };
  } finally {
    await store.close();
  }
});
