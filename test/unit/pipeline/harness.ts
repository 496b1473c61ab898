import { createHash } from "node:crypto";
import { afterEach } from "vitest";
import type { Settings } from "../../../plugin/config/settings.js";
import { oneAtATime } from "../../../plugin/core/one-at-a-time.js";
import { pathRulesOf } from "../../../plugin/core-sync/index.js";
import type { SceneSnapshot } from "../../../plugin/domain/scene.js";
import type { SceneSyncState } from "../../../plugin/domain/sync-state.js";
import { createLibraryCache } from "../../../plugin/library/library-cache.js";
import { createPathObfuscator } from "../../../plugin/log/obfuscate.js";
import type { SceneSyncDeps } from "../../../plugin/pipeline/sync-deps.js";
import type { PlexClientOptions } from "../../../plugin/plex/index.js";
import type { Store } from "../../../plugin/store/index.js";
import type { FakePlex, FakePlexOptions, FakeRequest } from "../../fakes/plex/index.js";
import { makeScene, settings as withDefaults } from "../core-sync/fixtures.js";
import { fakePlexPerTest, type Harness } from "../plex/helpers.js";
import { useStoreHarness } from "../store/helpers.js";

/** Stash keeps the scenes under /stash/videos; Plex's library "1" sees the same files under /data/scenes. */
export const PATH_MAP = "/stash/videos => /data/scenes";
export const COVER_URL = "http://stash.test/scene/1/screenshot";

export interface Recorded {
  sceneId: string;
  state: SceneSyncState;
  dropPin: boolean;
}

/**
 * One scene pipeline on real parts: the Plex client over HTTP to the fake Plex, the library cache on a
 * temporary SQLite store, and in-memory sync states, pins and Stash covers in place of the store's rows.
 */
export interface PipelineWorld {
  fake: FakePlex;
  plex: Harness;
  store: Store;
  deps: SceneSyncDeps;
  states: Map<string, SceneSyncState>;
  pins: Map<string, string>;
  records: Recorded[];
  /** Cover bytes Stash serves, by screenshot URL. */
  covers: Map<string, Uint8Array>;
  downloads: string[];
  /** Requests the fake Plex received after the last `mark()`. */
  since(): FakeRequest[];
  mark(): void;
  /** Moves the library cache's clock past its 30 s re-list throttle. */
  advance(ms: number): void;
}

export interface WorldOptions {
  plex?: FakePlexOptions;
  client?: Partial<PlexClientOptions>;
  settings?: Partial<Settings>;
}

/** Call once at file level; returns a per-test world builder whose fakes and store are released afterwards. */
export function usePipelineWorld(): (options?: WorldOptions) => Promise<PipelineWorld> {
  const startPlex = fakePlexPerTest();
  const storeHarness = useStoreHarness();
  const opened: Store[] = [];
  // Registered after the store harness, so it runs before that harness checks for stores left open.
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
  });
  return async (options = {}) => {
    const plex = await startPlex(options.plex, options.client);
    const store = await storeHarness.open();
    opened.push(store);
    const settings = withDefaults({ path_map: PATH_MAP, ...options.settings });
    const states = new Map<string, SceneSyncState>();
    const pins = new Map<string, string>();
    const records: Recorded[] = [];
    const covers = new Map<string, Uint8Array>();
    const downloads: string[] = [];
    const collectionMarks = new Map<string, string>();
    let mark = 0;
    const deps: SceneSyncDeps = {
      plex: plex.client,
      library: createLibraryCache({
        plex: plex.client,
        store,
        libraryNames: undefined,
        clock: storeHarness.clock,
        logger: plex.logger,
      }),
      settings,
      rules: pathRulesOf(settings),
      logger: plex.logger,
      obfuscate: createPathObfuscator(false),
      now: () => storeHarness.clock.now(),
      syncState: (id) => states.get(id) ?? null,
      pin: (id) => pins.get(id) ?? null,
      record: (sceneId, state, dropPin) => {
        records.push({ sceneId, state, dropPin });
        states.set(sceneId, state);
        if (dropPin) pins.delete(sceneId);
      },
      downloadImage: async (url) => {
        downloads.push(url);
        return covers.get(url) ?? null;
      },
      sha1: (bytes) => createHash("sha1").update(bytes).digest("hex"),
      collectionMark: (sectionId, name) => collectionMarks.get(`${sectionId}/${name}`) ?? null,
      recordCollectionMark: (sectionId, name, mark) => collectionMarks.set(`${sectionId}/${name}`, mark),
      oneAtATime: oneAtATime(),
    };
    return {
      fake: plex.fake,
      plex,
      store,
      deps,
      states,
      pins,
      records,
      covers,
      downloads,
      since: () => plex.fake.requests.slice(mark),
      mark: () => {
        mark = plex.fake.requests.length;
      },
      advance: (ms) => storeHarness.clock.advance(ms),
    };
  };
}

/** A scene under /stash/videos with real metadata (so every synced field has a value). */
export function stashScene(overrides: Partial<SceneSnapshot> = {}): SceneSnapshot {
  return makeScene({
    id: "1",
    title: "Golden Hour",
    details: "A walk along the harbour.",
    date: "2024-01-30",
    studio: { name: "Harbor Lights", parentName: null },
    performers: ["Ada", "Bea"],
    tags: ["Outdoor"],
    files: [{ path: "/stash/videos/golden-hour.mp4", basename: "golden-hour.mp4", size: 1_000_000 }],
    ...overrides,
  });
}

/** Requests that change something in Plex (anything but GET). */
export function writes(requests: FakeRequest[]): FakeRequest[] {
  return requests.filter((r) => r.method !== "GET");
}

/** An edit's field parameters, without the `type` and `id` every edit carries. */
export function editParams(request: FakeRequest): Array<[string, string]> {
  return request.params.filter(([key]) => key !== "type" && key !== "id");
}
