/**
 * The plugin's Stash client: reads settings, scenes (by id, or in an `updated_at` / `created_at` window),
 * version and jobs over GraphQL, and downloads cover images — all with the session cookie from stdin.
 */
import type { SceneSnapshot } from "../domain/scene.js";
import type { Logger } from "../log/logger.js";
import { isStashError, StashError } from "./errors.js";
import { createGqlTransport } from "./gql.js";
import { downloadImage, type StashImage } from "./image.js";
import {
  FIND_JOB_QUERY,
  JOB_QUEUE_QUERY,
  PLUGIN_SETTINGS_QUERY,
  SCENES_BY_IDS_QUERY,
  SCENES_COUNT_QUERY,
  SCENES_PAGE_QUERY,
  scenesByAliasQuery,
  VERSION_QUERY,
} from "./operations.js";
import {
  countScenesSchema,
  describeIssues,
  findJobSchema,
  findScenesSchema,
  jobQueueSchema,
  pluginSettingsSchema,
  type StashJob,
  type StashVersion,
  scenesByAliasSchema,
  settingsMapSchema,
  toSceneSnapshot,
  versionSchema,
} from "./schemas.js";

export interface StashClientOptions {
  baseUrl: string;
  cookieHeader: string | null;
  logger: Logger;
  timeoutMs: number;
  fetch?: typeof fetch;
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
  /** HTTP requests sent so far (GraphQL and images): for benches and batching tests. */
  requestCount(): number;
}

export const IDS_PER_REQUEST = 100;
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

    requestCount: () => gql.requestCount() + imageRequests,
  };
}
