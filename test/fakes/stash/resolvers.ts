/** GraphQL root resolvers of the fake Stash over FakeStashState; hooks fire before a mutation answers. */

import {
  bulkSceneUpdateContext,
  sceneCreateContext,
  sceneDestroyContext,
  sceneUpdateContext,
} from "./hook-input.js";
import { hash32 } from "./images.js";
import type { JobQueue } from "./jobs.js";
import type { PluginManifest } from "./manifest.js";
import type { PluginSlot } from "./plugin-slot.js";
import {
  addPlays,
  bulkUpdateScene,
  createScene,
  destroyScene,
  type Input,
  saveActivity,
  updateScene,
} from "./scene-mutations.js";
import { type FindScenesArgs, findScenes } from "./scene-query.js";
import type { HookVisit } from "./sessions.js";
import type { FakeGroup, FakeScene, FakeStashState, FakeStudio } from "./state.js";

export interface FakeContext {
  /** Base of absolute URLs in answers (the request's host, or the configured external host). */
  baseUrl: string;
  /** Hooks already visited in this chain (from the plugin's cookie). */
  visited: HookVisit[];
}

export interface ResolverDeps {
  state: FakeStashState;
  jobs: JobQueue;
  plugin: () => PluginSlot | null;
}

function studioView(state: FakeStashState, studio: FakeStudio | undefined): unknown {
  if (!studio) return null;
  const parent = studio.parentId ? state.studios.get(studio.parentId) : undefined;
  return { id: studio.id, name: studio.name, parent_studio: () => studioView(state, parent) };
}

export function sceneView(state: FakeStashState, scene: FakeScene, baseUrl: string) {
  const files = scene.fileIds.flatMap((id) => {
    const file = state.files.get(id);
    return file ? [file] : [];
  });
  const stamp = hash32(`${scene.id}:${scene.coverVersion}`);
  return {
    id: scene.id,
    title: scene.title,
    code: scene.code,
    details: scene.details,
    director: scene.director,
    urls: scene.urls,
    date: scene.date,
    rating100: scene.rating100,
    organized: scene.organized,
    created_at: scene.createdAt,
    updated_at: scene.updatedAt,
    files,
    paths: {
      screenshot: `${baseUrl}/scene/${scene.id}/screenshot?t=${stamp}`,
      preview: `${baseUrl}/scene/${scene.id}/preview`,
    },
    studio: () => studioView(state, scene.studioId ? state.studios.get(scene.studioId) : undefined),
    performers: () => scene.performerIds.flatMap((id) => state.performers.get(id) ?? []),
    tags: () => scene.tagIds.flatMap((id) => state.tags.get(id) ?? []),
    stash_ids: scene.stashIds,
    play_count: scene.plays.length,
    play_history: [...scene.plays].sort((a, b) => a - b).map((ms) => state.format(ms)),
    last_played_at: scene.plays.length > 0 ? state.format(Math.max(...scene.plays)) : null,
    resume_time: scene.resumeTime,
    play_duration: scene.playDuration,
    groups: () =>
      scene.groupIds.flatMap((gid) => {
        const group = state.groups.get(gid);
        return group ? [{ group: groupView(group, baseUrl), scene_index: null }] : [];
      }),
  };
}

/** Stash's group resolver: `front_image_path` is always a URL, marked `default=true` when there is no image. */
function groupView(group: FakeGroup, baseUrl: string) {
  const url = `${baseUrl}/group/${group.id}/frontimage?t=${hash32(`${group.id}:${group.version}`)}`;
  return {
    id: group.id,
    name: group.name,
    synopsis: group.synopsis,
    front_image_path: group.frontImage ? url : `${url}&default=true`,
  };
}

function requirePlugin(deps: ResolverDeps, pluginId: string): PluginSlot {
  const plugin = deps.plugin();
  if (!plugin || plugin.id !== pluginId) throw new Error(`plugin ${pluginId} not found`);
  return plugin;
}

async function fire(deps: ResolverDeps, context: { type: string }, visited: HookVisit[]): Promise<void> {
  await deps.plugin()?.fireHooks(context, visited);
}

/** One entry of Stash's `plugins { … }`, as Stash builds it from the plugin's manifest. */
export function pluginView(id: string, m: PluginManifest) {
  return {
    id,
    name: m.name ?? id,
    description: m.description ?? null,
    url: m.url ?? null,
    version: m.version ?? null,
    enabled: true,
    tasks: (m.tasks ?? []).map((t) => ({ name: t.name, description: t.description ?? null })),
    hooks: (m.hooks ?? []).map((h) => ({
      name: h.name,
      description: h.description ?? null,
      hooks: h.triggeredBy,
    })),
    settings:
      m.settings === undefined
        ? null
        : Object.entries(m.settings).map(([name, s]) => ({
            name,
            display_name: s?.displayName ?? null,
            description: s?.description ?? null,
            type: s?.type ?? "STRING",
          })),
  };
}

function pluginSettings(state: FakeStashState, include: string[] | null | undefined) {
  const ids = include && include.length > 0 ? include : [...state.pluginSettings.keys()];
  const out: Record<string, unknown> = {};
  for (const id of ids) {
    const map = state.pluginSettings.get(id);
    if (map && (Object.keys(map).length > 0 || !include?.length)) out[id] = map;
  }
  return out;
}

function queryResolvers(deps: ResolverDeps) {
  const { state, jobs } = deps;
  const view = (scene: FakeScene, ctx: FakeContext) => sceneView(state, scene, ctx.baseUrl);
  return {
    findScene: ({ id }: { id?: string | null }, ctx: FakeContext) => {
      const scene = id ? state.scenes.get(id) : undefined;
      return scene ? view(scene, ctx) : null;
    },
    findScenes: (args: FindScenesArgs, ctx: FakeContext) => {
      const found = findScenes(state, args);
      const sizes = found.scenes.map((s) => state.files.get(s.fileIds[0] ?? "")?.size ?? 0);
      const durations = found.scenes.map((s) => state.files.get(s.fileIds[0] ?? "")?.duration ?? 0);
      return {
        count: found.count,
        duration: durations.reduce((a, b) => a + b, 0),
        filesize: sizes.reduce((a, b) => a + b, 0),
        scenes: found.scenes.map((s) => view(s, ctx)),
      };
    },
    configuration: () => ({
      // Unset, as on a fresh Stash: the UI then formats dates in Stash's default language.
      interface: { language: null },
      plugins: ({ include }: { include?: string[] | null }) => pluginSettings(state, include),
    }),
    version: () => state.version,
    jobQueue: () => jobs.list(),
    findJob: ({ input }: { input: { id: string } }) => jobs.find(input.id),
    plugins: () => {
      const plugin = deps.plugin();
      return plugin ? [pluginView(plugin.id, plugin.manifest)] : [];
    },
  };
}

function mutationResolvers(deps: ResolverDeps) {
  const { state, jobs } = deps;
  const view = (scene: FakeScene, ctx: FakeContext) => sceneView(state, scene, ctx.baseUrl);
  return {
    sceneCreate: async ({ input }: { input: Input }, ctx: FakeContext) => {
      const scene = createScene(state, input);
      await fire(deps, sceneCreateContext(Number(scene.id)), ctx.visited);
      const reread = state.scenes.get(scene.id);
      return reread ? view(reread, ctx) : null;
    },
    sceneUpdate: async ({ input }: { input: Input }, ctx: FakeContext) => {
      const scene = updateScene(state, input);
      await fire(deps, sceneUpdateContext(Number(scene.id), input), ctx.visited);
      const reread = state.scenes.get(scene.id);
      return reread ? view(reread, ctx) : null;
    },
    bulkSceneUpdate: async ({ input }: { input: Input }, ctx: FakeContext) => {
      const ids = (input.ids as string[] | null) ?? [];
      for (const id of ids) bulkUpdateScene(state, id, input);
      for (const id of ids) await fire(deps, bulkSceneUpdateContext(Number(id), input), ctx.visited);
      return ids.flatMap((id) => {
        const scene = state.scenes.get(id);
        return scene ? [view(scene, ctx)] : [];
      });
    },
    sceneAddPlay: ({ id, times }: { id: string; times?: string[] | null }) => {
      const history = addPlays(state, id, times);
      return { count: history.length, history: history.map((ms) => state.format(ms)) };
    },
    sceneSaveActivity: (args: { id: string; resume_time?: number | null; playDuration?: number | null }) =>
      saveActivity(state, args.id, args.resume_time, args.playDuration),
    sceneDestroy: async ({ input }: { input: Input }, ctx: FakeContext) => {
      const id = String(input.id);
      const gone = destroyScene(state, id);
      await fire(deps, sceneDestroyContext(Number(id), input, gone), ctx.visited);
      return true;
    },
    configurePlugin: ({ plugin_id, input }: { plugin_id: string; input: Record<string, unknown> }) => {
      state.pluginSettings.set(plugin_id, { ...input });
      return input;
    },
    runPluginTask: (args: {
      plugin_id: string;
      task_name?: string | null;
      description?: string | null;
      args_map?: Record<string, unknown> | null;
    }) =>
      requirePlugin(deps, args.plugin_id).startTask(
        args.task_name ?? null,
        args.description ?? null,
        args.args_map ?? null,
      ),
    runPluginOperation: ({ plugin_id, args }: { plugin_id: string; args?: Record<string, unknown> | null }) =>
      requirePlugin(deps, plugin_id).operation(args ?? {}),
    stopJob: ({ job_id }: { job_id: string }) => jobs.stop(job_id),
  };
}

export function createRootValue(deps: ResolverDeps) {
  return { ...queryResolvers(deps), ...mutationResolvers(deps) };
}
