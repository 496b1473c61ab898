/**
 * Helpers for the sync integration tests: shape a seeded scene, queue syncs as inbox commands (exactly what
 * the UI's "Sync now" writes) and drain them with the bundled script's "Process Queue" task.
 */

import { expect } from "vitest";
import { createRecordingLogger } from "../../plugin/log/recording-logger.js";
import type { SyncReason } from "../../plugin/queue/job.js";
import { openStore } from "../../plugin/store/index.js";
import { applyCommand } from "../../plugin/worker/apply-command.js";
import type { FakeItem } from "../fakes/plex/model.js";
import type { FakeRequest } from "../fakes/plex/wire.js";
import type { FakeScene } from "../fakes/stash/index.js";
import type { World } from "./world.js";

export interface SceneShape {
  title?: string | null;
  details?: string | null;
  code?: string | null;
  date?: string | null;
  rating100?: number | null;
  organized?: boolean;
  studio?: string | null;
  performers?: string[];
  tags?: string[];
}

/** Sets a scene's metadata by names (studios, performers and tags are created when new). */
export function shapeScene(world: World, sceneId: string, shape: SceneShape): FakeScene {
  const state = world.stash.state;
  const change: Partial<FakeScene> = {};
  for (const key of ["title", "details", "code", "date", "rating100", "organized"] as const) {
    if (key in shape) Object.assign(change, { [key]: shape[key] });
  }
  if ("studio" in shape) change.studioId = shape.studio ? state.studioNamed(shape.studio).id : null;
  if (shape.performers) change.performerIds = shape.performers.map((n) => state.performerNamed(n).id);
  if (shape.tags) change.tagIds = shape.tags.map((n) => state.tagNamed(n).id);
  return state.updateScene(sceneId, change);
}

/** A scene stripped to its file: what Stash holds between the file scan and identification. */
export function bareScene(world: World, sceneId: string): FakeScene {
  return shapeScene(world, sceneId, {
    title: null,
    details: null,
    code: null,
    date: null,
    rating100: null,
    studio: null,
    performers: [],
    tags: [],
  });
}

/** Queues syncs with the same command the UI's "Sync now" applies. */
export async function queueSync(
  world: World,
  sceneIds: string[],
  reason: SyncReason = "bulk",
): Promise<void> {
  const store = await openStore({
    dir: world.dataDir,
    clock: { now: () => Date.now() },
    logger: createRecordingLogger(),
  });
  try {
    applyCommand(store, { name: "sync-scenes", sceneIds, reason }, Date.now());
  } finally {
    await store.close();
  }
}

/** Runs "Process Queue" (it drains, or follows a background drainer while jobs are outstanding). */
export async function processQueue(world: World): Promise<void> {
  const result = await world.runner.runTask("Process Queue");
  expect(result.error, JSON.stringify(result.logs.slice(-20))).toBeNull();
}

/** Queues the scenes, drains, and returns the Plex requests the drain made. */
export async function syncNow(
  world: World,
  sceneIds: string[],
  reason: SyncReason = "bulk",
): Promise<FakeRequest[]> {
  const before = world.plex.requests.length;
  await queueSync(world, sceneIds, reason);
  await processQueue(world);
  return world.plex.requests.slice(before);
}

/** Requests that touch one item (metadata reads, edits, uploads). */
export function requestsFor(requests: FakeRequest[], ratingKey: string): FakeRequest[] {
  return requests.filter(
    (r) => r.path.startsWith(`/library/metadata/${ratingKey}`) || r.query.get("id") === ratingKey,
  );
}

export const isEdit = (r: FakeRequest) =>
  r.method === "PUT" && /^\/library\/sections\/\d+\/all$/.test(r.path);
export const isUpload = (r: FakeRequest) => r.method === "POST" && /\/(posters|arts)$/.test(r.path);

/** The Plex item seeded for a scene by world.ts. */
export function itemOf(world: World, sceneId: string): FakeItem {
  return world.plex.item(String(1000 + Number(sceneId)));
}

export function ratingKeyOf(sceneId: string): string {
  return String(1000 + Number(sceneId));
}

export async function sceneStatus(world: World, sceneId: string): Promise<SceneStatusView> {
  return (await world.runner.operation({ op: "scene.status", sceneId })) as SceneStatusView;
}

export interface SceneStatusView {
  match:
    | { state: "matched"; ratingKeys: string[]; how: string }
    | { state: "ambiguous"; candidates: Array<{ ratingKey: string; file: string }> }
    | { state: "not_found"; triedPaths: string[] }
    | { state: "unknown" };
  job: { state: string; error: { class: string; message: string } | null } | null;
  lastSync: { at: number } | null;
}

/** The fake item's visible state in the shape of metadata-after-edits.json's interesting parts. */
export function itemShape(item: FakeItem) {
  return {
    title: item.values.title ?? null,
    summary: item.values.summary ?? null,
    tagline: item.values.tagline ?? null,
    studio: item.values.studio ?? null,
    originallyAvailableAt: item.values.originallyAvailableAt ?? null,
    userRating: item.values.userRating ?? null,
    genre: [...item.tags.genre].sort(),
    actor: [...item.tags.actor].sort(),
    collection: [...item.tags.collection].sort(),
    locks: [...item.locks].sort(),
  };
}
