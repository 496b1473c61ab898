/**
 * The `hookContext.input` shapes Stash sends (reference/stash-platform.md §3): Go structs marshalled with
 * every field, so fields the caller did not send are `null`; `inputFields` lists the keys actually sent.
 */

/** pkg/models/scene.go SceneUpdateInput, in Go field order. */
export const SCENE_UPDATE_INPUT_KEYS = [
  "clientMutationId",
  "id",
  "title",
  "code",
  "details",
  "director",
  "url",
  "urls",
  "date",
  "rating100",
  "o_counter",
  "organized",
  "studio_id",
  "gallery_ids",
  "performer_ids",
  "movies",
  "groups",
  "tag_ids",
  "cover_image",
  "stash_ids",
  "resume_time",
  "play_duration",
  "play_count",
  "primary_file_id",
] as const;

/** BulkSceneUpdateInput (gqlgen model), in schema order. */
export const BULK_SCENE_UPDATE_INPUT_KEYS = [
  "clientMutationId",
  "ids",
  "title",
  "code",
  "details",
  "director",
  "url",
  "urls",
  "date",
  "rating100",
  "organized",
  "studio_id",
  "gallery_ids",
  "performer_ids",
  "tag_ids",
  "group_ids",
  "movie_ids",
] as const;

export interface HookContext {
  id?: number;
  type: string;
  input: unknown;
  inputFields?: string[];
}

function fullInput(keys: readonly string[], sent: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(keys.map((key) => [key, sent[key] ?? null]));
}

/** Go's `json:"id,omitempty"` / `inputFields,omitempty`: zero id and empty field lists are left out. */
export function hookContext(type: string, id: number, input: unknown, inputFields?: string[]): HookContext {
  return {
    ...(id !== 0 ? { id } : {}),
    type,
    input,
    ...(inputFields && inputFields.length > 0 ? { inputFields } : {}),
  };
}

export function sceneUpdateContext(id: number, sent: Record<string, unknown>): HookContext {
  return hookContext("Scene.Update.Post", id, fullInput(SCENE_UPDATE_INPUT_KEYS, sent), Object.keys(sent));
}

export function bulkSceneUpdateContext(id: number, sent: Record<string, unknown>): HookContext {
  return hookContext(
    "Scene.Update.Post",
    id,
    fullInput(BULK_SCENE_UPDATE_INPUT_KEYS, sent),
    Object.keys(sent),
  );
}

export interface DestroyedScene {
  checksum: string;
  oshash: string;
  path: string;
}

export function sceneDestroyContext(
  id: number,
  sent: Record<string, unknown>,
  gone: DestroyedScene,
): HookContext {
  const input = {
    id: sent.id ?? String(id),
    delete_file: sent.delete_file ?? null,
    delete_generated: sent.delete_generated ?? null,
    ...gone,
  };
  return hookContext("Scene.Destroy.Post", id, input);
}

export function sceneCreateContext(id: number): HookContext {
  return hookContext("Scene.Create.Post", id, null);
}
