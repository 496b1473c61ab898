/**
 * The plugin's Stash client: reads settings, scenes (by id, or in an `updated_at` / `created_at` window),
 * version and jobs over GraphQL, and downloads cover images — all with the session cookie from stdin.
 */

import type { SceneActivity, SceneSnapshot } from "../domain/scene.js";
import type { Logger } from "../log/logger.js";
import type { FetchLike } from "../net/http-response.js";
import { isStashError, StashError } from "./errors.js";
import { createGqlTransport } from "./gql.js";
import { downloadImage, type StashImage } from "./image.js";
import {
  addPlaysMutation,
  FIND_JOB_QUERY,
  JOB_QUEUE_QUERY,
  PLUGIN_SETTINGS_QUERY,
  SCENE_WITH_ACTIVITY_QUERY,
  SCENES_ACTIVITY_QUERY,
  SCENES_BY_IDS_QUERY,
  SCENES_COUNT_QUERY,
  SCENES_PAGE_QUERY,
  SET_RATING_MUTATION,
  saveResumeMutation,
  scenesActivityByAliasQuery,
  scenesByAliasQuery,
  VERSION_QUERY,
} from "./operations.js";
import {
  addPlaysSchema,
  countScenesSchema,
  describeIssues,
  findJobSchema,
  findScenesActivitySchema,
  findScenesSchema,
  jobQueueSchema,
  pluginSettingsSchema,
  type StashJob,
  type StashSceneActivityRaw,
  type StashVersion,
  saveResumeSchema,
  scenesActivityByAliasSchema,
  scenesByAliasSchema,
  sceneWithActivitySchema,
  setRatingSchema,
  settingsMapSchema,
  toSceneSnapshot,
  versionSchema,
} from "./schemas.js";

export interface StashClientOptions {
  baseUrl: string;
  cookieHeader: string | null;
  logger: Logger;
  timeoutMs: number;
  fetch?: FetchLike;
}

export type SceneWindowField = "updated_at" | "created_at";

export interface ScenesPageQuery {
  /** Window field; null pages through every scene by id. */
  field: SceneWindowField | null;
  /** Exclusive lower bound: a timestamp Stash returned (compared as text, like Stash does). */
  after?: string | null;
  /** 1-based. */
  page: number;
  perPage: number;
}

export interface ScenesPage {
  /** Scenes matching the window in total (not just this page). */
  count: number;
  scenes: SceneSnapshot[];
}

export interface StashClient {
  /** The plugin's settings map as stored (unset keys are absent); `{}` when none were ever saved. */
  pluginSettings(pluginId: string): Promise<Record<string, unknown>>;
  /** Scenes by id, batched (100 per request); ids that do not exist are absent from the map. */
  scenesByIds(ids: readonly string[]): Promise<Map<string, SceneSnapshot>>;
  scenesPage(query: ScenesPageQuery): Promise<ScenesPage>;
  scenesCount(query: { field: SceneWindowField | null; after?: string | null }): Promise<number>;
  version(): Promise<StashVersion>;
  jobQueue(): Promise<StashJob[]>;
  findJob(jobId: string): Promise<StashJob | null>;
  /** null when Stash has no such image (404). Throws `refused_url` for URLs off the Stash origin. */
  downloadImage(url: string): Promise<StashImage | null>;
  /** One scene and its play history in one request (the Plex tab); null when Stash has no such scene. */
  sceneWithActivity(id: string): Promise<{ scene: SceneSnapshot; activity: StashSceneActivity } | null>;
  /** Play history, resume point and rating of scenes by id (100 per request); deleted scenes are absent. */
  scenesActivity(ids: readonly string[]): Promise<Map<string, StashSceneActivity>>;
  /**
   * `sceneAddPlay` for several scenes in one request (times as RFC3339). Returns the scene ids Stash
   * confirmed; a scene it could not update (deleted) is left out.
   */
  addPlays(plays: ReadonlyArray<{ sceneId: string; times: readonly string[] }>): Promise<Set<string>>;
  /** `sceneSaveActivity(id, resume_time)` for several scenes in one request; returns those Stash confirmed. */
  saveResumeTimes(points: ReadonlyArray<{ sceneId: string; seconds: number }>): Promise<Set<string>>;
  /** `sceneUpdate(rating100)`: fires Stash's Scene.Update.Post hook. */
  setRating(sceneId: string, rating100: number): Promise<void>;
  /** HTTP requests sent so far (GraphQL and images): for benches and batching tests. */
  requestCount(): number;
}

/** A scene's activity as Stash returns it (one type with the import's, in domain/scene.ts). */
export type StashSceneActivity = SceneActivity;

export const IDS_PER_REQUEST = 100;

function toActivity(raw: StashSceneActivityRaw): StashSceneActivity {
  return {
    id: raw.id,
    rating100: raw.rating100,
    resumeTime: raw.resume_time ?? null,
    playCount: raw.play_count ?? 0,
    playHistory: raw.play_history ?? [],
    lastPlayedAt: raw.last_played_at ?? null,
  };
}

/** The aliases (`<prefix><i>`) whose field answered non-null, as the ids they stand for. */
function answered(data: Record<string, unknown>, prefix: string, ids: readonly string[]): Set<string> {
  const ok = new Set<string>();
  ids.forEach((id, i) => {
    if (data[`${prefix}${i}`] !== null && data[`${prefix}${i}`] !== undefined) ok.add(id);
  });
  return ok;
}
const MAX_PER_PAGE = 1000;
const MISSING_SCENE = /scene with id (\d+) not found/;

function windowFilter(field: SceneWindowField | null, after: string | null | undefined) {
  if (field === null || after === null || after === undefined) return undefined;
  return { [field]: { value: after, modifier: "GREATER_THAN" } };
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The id Stash names in "scene with id N not found", when that is why the request failed. */
function missingSceneId(error: unknown): string | null {
  if (!isStashError(error) || error.kind !== "graphql") return null;
  return MISSING_SCENE.exec(error.message)?.[1] ?? null;
}

export function createStashClient(options: StashClientOptions): StashClient {
  const gql = createGqlTransport(options);
  let imageRequests = 0;

  /**
   * One `findScenes(ids:)` (one database read in Stash). Stash fails that whole query when one id is gone and
   * names only the first; then the batch is asked again as one aliased `findScene` per id, where a deleted
   * scene answers null: a batch costs one request, or two when scenes were deleted — never one per missing id.
   */
  async function fetchBatch(batch: string[], into: Map<string, SceneSnapshot>): Promise<void> {
    try {
      const data = await gql.request(SCENES_BY_IDS_QUERY, { ids: batch }, findScenesSchema);
      for (const scene of data.findScenes.scenes) into.set(scene.id, toSceneSnapshot(scene));
      return;
    } catch (error) {
      const missing = missingSceneId(error);
      if (missing === null || !batch.includes(missing)) throw error;
    }
    const variables = Object.fromEntries(batch.map((id, i) => [`i${i}`, id]));
    const data = await gql.request(scenesByAliasQuery(batch.length), variables, scenesByAliasSchema);
    const gone: string[] = [];
    batch.forEach((id, i) => {
      const scene = data[`s${i}`];
      if (scene) into.set(scene.id, toSceneSnapshot(scene));
      else gone.push(id);
    });
    if (gone.length > 0) options.logger.debug(`scenes no longer in Stash: ${gone.join(", ")}`);
  }

  return {
    async pluginSettings(pluginId) {
      const data = await gql.request(PLUGIN_SETTINGS_QUERY, { ids: [pluginId] }, pluginSettingsSchema);
      const raw = data.configuration.plugins?.[pluginId] ?? {};
      const parsed = settingsMapSchema.safeParse(raw);
      if (!parsed.success) {
        const detail = `plugin settings of ${pluginId} are not a map — ${describeIssues(parsed.error)}`;
        throw new StashError({ kind: "invalid_data", operation: "Stash2PlexPluginSettings", detail });
      }
      return parsed.data;
    },

    async scenesByIds(ids) {
      // Stash rejects non-numeric ids for the whole request; they cannot name a scene anyway.
      const unique = [...new Set(ids)].filter((id) => /^\d+$/.test(id));
      const found = new Map<string, SceneSnapshot>();
      for (const batch of chunk(unique, IDS_PER_REQUEST)) await fetchBatch(batch, found);
      return found;
    },

    async scenesPage({ field, after, page, perPage }) {
      if (!Number.isInteger(page) || page < 1) throw new RangeError(`page must be ≥ 1, got ${page}`);
      if (!Number.isInteger(perPage) || perPage < 1 || perPage > MAX_PER_PAGE) {
        throw new RangeError(`perPage must be 1..${MAX_PER_PAGE}, got ${perPage}`);
      }
      const filter = { page, per_page: perPage, sort: field ?? "id", direction: "ASC" };
      const variables = { scene_filter: windowFilter(field, after), filter };
      const data = await gql.request(SCENES_PAGE_QUERY, variables, findScenesSchema);
      return { count: data.findScenes.count, scenes: data.findScenes.scenes.map(toSceneSnapshot) };
    },

    async scenesCount({ field, after }) {
      const variables = { scene_filter: windowFilter(field, after), filter: { page: 1, per_page: 1 } };
      const data = await gql.request(SCENES_COUNT_QUERY, variables, countScenesSchema);
      return data.findScenes.count;
    },

    async version() {
      return (await gql.request(VERSION_QUERY, {}, versionSchema)).version;
    },

    async jobQueue() {
      return (await gql.request(JOB_QUEUE_QUERY, {}, jobQueueSchema)).jobQueue ?? [];
    },

    async findJob(jobId) {
      return (await gql.request(FIND_JOB_QUERY, { id: jobId }, findJobSchema)).findJob;
    },

    downloadImage(url) {
      return downloadImage(url, { ...options, onRequest: () => (imageRequests += 1) });
    },

    async sceneWithActivity(id) {
      if (!/^\d+$/.test(id)) return null;
      const data = await gql.request(SCENE_WITH_ACTIVITY_QUERY, { id }, sceneWithActivitySchema);
      const scene = data.findScene;
      return scene ? { scene: toSceneSnapshot(scene), activity: toActivity(scene) } : null;
    },

    async scenesActivity(ids) {
      const unique = [...new Set(ids)].filter((id) => /^\d+$/.test(id));
      const found = new Map<string, StashSceneActivity>();
      for (const batch of chunk(unique, IDS_PER_REQUEST)) {
        try {
          const data = await gql.request(SCENES_ACTIVITY_QUERY, { ids: batch }, findScenesActivitySchema);
          for (const scene of data.findScenes.scenes) found.set(scene.id, toActivity(scene));
          continue;
        } catch (error) {
          const missing = missingSceneId(error);
          if (missing === null || !batch.includes(missing)) throw error;
        }
        const variables = Object.fromEntries(batch.map((id, i) => [`i${i}`, id]));
        const data = await gql.request(
          scenesActivityByAliasQuery(batch.length),
          variables,
          scenesActivityByAliasSchema,
        );
        for (const scene of Object.values(data)) if (scene) found.set(scene.id, toActivity(scene));
      }
      return found;
    },

    async addPlays(plays) {
      if (plays.length === 0) return new Set();
      const variables: Record<string, unknown> = {};
      plays.forEach((p, i) => {
        variables[`i${i}`] = p.sceneId;
        variables[`t${i}`] = [...p.times];
      });
      const data = await gql.request(addPlaysMutation(plays.length), variables, addPlaysSchema);
      return answered(
        data,
        "a",
        plays.map((p) => p.sceneId),
      );
    },

    async saveResumeTimes(points) {
      if (points.length === 0) return new Set();
      const variables: Record<string, unknown> = {};
      points.forEach((p, i) => {
        variables[`i${i}`] = p.sceneId;
        variables[`r${i}`] = p.seconds;
      });
      const data = await gql.request(saveResumeMutation(points.length), variables, saveResumeSchema);
      return answered(
        data,
        "r",
        points.map((p) => p.sceneId),
      );
    },

    async setRating(sceneId, rating100) {
      await gql.request(SET_RATING_MUTATION, { id: sceneId, rating100 }, setRatingSchema);
    },

    requestCount: () => gql.requestCount() + imageRequests,
  };
}
