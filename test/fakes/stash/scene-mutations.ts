/** Scene writes of the fake Stash: each bumps `updated_at`; a new `cover_image` changes the served cover. */
import { coverFromInput } from "./images.js";
import type { FakeScene, FakeStashState } from "./state.js";

export type Input = Record<string, unknown>;

const SCALARS = ["title", "code", "details", "director", "date", "rating100", "organized"] as const;

function requireScene(state: FakeStashState, id: string): FakeScene {
  const scene = state.scenes.get(id);
  if (!scene) throw new Error(`scene with id ${id} not found`);
  return scene;
}

function checkIds(state: FakeStashState, kind: "studio" | "performer" | "tag", ids: string[]): string[] {
  const table = kind === "studio" ? state.studios : kind === "performer" ? state.performers : state.tags;
  for (const id of ids) if (!table.has(id)) throw new Error(`${kind} with id ${id} not found`);
  return ids;
}

function coverChange(scene: FakeScene, value: unknown): Partial<FakeScene> {
  if (typeof value !== "string" || value === "") return {};
  return { cover: coverFromInput(value), coverVersion: scene.coverVersion + 1 };
}

/** The fields shared by create and update: plain values, ids and the cover. */
function changeFrom(state: FakeStashState, scene: FakeScene | null, input: Input): Partial<FakeScene> {
  const change: Record<string, unknown> = {};
  for (const key of SCALARS)
    if (key in input) change[key] = input[key] ?? (key === "organized" ? false : null);
  if ("urls" in input) change.urls = (input.urls as string[] | null) ?? [];
  if ("studio_id" in input) {
    const id = input.studio_id as string | null;
    change.studioId = id === null ? null : (checkIds(state, "studio", [id])[0] ?? null);
  }
  if ("performer_ids" in input)
    change.performerIds = checkIds(state, "performer", (input.performer_ids as string[]) ?? []);
  if ("tag_ids" in input) change.tagIds = checkIds(state, "tag", (input.tag_ids as string[]) ?? []);
  if ("stash_ids" in input) change.stashIds = (input.stash_ids as FakeScene["stashIds"] | null) ?? [];
  if (scene && "cover_image" in input) Object.assign(change, coverChange(scene, input.cover_image));
  return change as Partial<FakeScene>;
}

export function updateScene(state: FakeStashState, input: Input): FakeScene {
  const scene = requireScene(state, String(input.id));
  return state.updateScene(scene.id, changeFrom(state, scene, input));
}

export function createScene(state: FakeStashState, input: Input): FakeScene {
  const fileIds = (input.file_ids as string[] | null) ?? [];
  for (const id of fileIds) if (!state.files.has(id)) throw new Error(`file with id ${id} not found`);
  const scene = state.addScene({ ...changeFrom(state, null, input), fileIds });
  const cover = typeof input.cover_image === "string" ? coverFromInput(input.cover_image) : null;
  if (cover) scene.cover = cover;
  return scene;
}

interface BulkIds {
  ids?: string[] | null;
  mode: "SET" | "ADD" | "REMOVE";
}

function applyMode(current: string[], change: BulkIds): string[] {
  const ids = change.ids ?? [];
  if (change.mode === "SET") return [...ids];
  if (change.mode === "ADD") return [...current, ...ids.filter((id) => !current.includes(id))];
  return current.filter((id) => !ids.includes(id));
}

export function bulkUpdateScene(state: FakeStashState, id: string, input: Input): FakeScene {
  const scene = requireScene(state, id);
  const change: Partial<FakeScene> = changeFrom(state, scene, {
    ...Object.fromEntries(SCALARS.filter((k) => k in input).map((k) => [k, input[k]])),
    ...("studio_id" in input ? { studio_id: input.studio_id } : {}),
  });
  if (input.urls) {
    const urls = input.urls as { values?: string[] | null; mode: BulkIds["mode"] };
    change.urls = applyMode(scene.urls, { ids: urls.values ?? [], mode: urls.mode });
  }
  if (input.tag_ids)
    change.tagIds = checkIds(state, "tag", applyMode(scene.tagIds, input.tag_ids as BulkIds));
  if (input.performer_ids) {
    const ids = applyMode(scene.performerIds, input.performer_ids as BulkIds);
    change.performerIds = checkIds(state, "performer", ids);
  }
  return state.updateScene(id, change);
}

export function destroyScene(
  state: FakeStashState,
  id: string,
): { checksum: string; oshash: string; path: string } {
  const scene = requireScene(state, id);
  const path = state.files.get(scene.fileIds[0] ?? "")?.path ?? "";
  state.scenes.delete(id);
  return { checksum: scene.checksum, oshash: scene.oshash, path };
}

/**
 * `sceneAddPlay` as Stash's AddViews: each given time (the current time when none) joins the play history;
 * `updated_at` is not touched and no plugin hook fires (internal/api/resolver_mutation_scene.go).
 */
export function addPlays(state: FakeStashState, id: string, times: string[] | null | undefined): number[] {
  const scene = requireScene(state, id);
  const list = times && times.length > 0 ? times.map(parseTimestamp) : [state.clock.now()];
  scene.plays.push(...list);
  return [...scene.plays].sort((a, b) => a - b);
}

/** `sceneSaveActivity`: sets the resume point when given, adds the duration; no hook fires. */
export function saveActivity(
  state: FakeStashState,
  id: string,
  resume: number | null | undefined,
  duration: number | null | undefined,
): boolean {
  const scene = requireScene(state, id);
  if (resume !== null && resume !== undefined) scene.resumeTime = resume;
  if (duration !== null && duration !== undefined) scene.playDuration += duration;
  return true;
}

function parseTimestamp(value: string): number {
  const ms = Date.parse(value);
  if (!Number.isFinite(ms)) throw new Error(`Timestamp: cannot parse "${value}"`);
  return Math.floor(ms / 1000) * 1000;
}
