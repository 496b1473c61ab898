import type { HookContext } from "../protocol/input.js";
import type { SceneEvent } from "./events.js";

/**
 * Pure decision: does this hook invocation carry something Plex should hear about? Scan-originated updates
 * (input null) and updates that touch only fields we never sync (play count, resume time, o-counter, …)
 * are dropped here, before anything is written.
 */
export const SYNC_RELEVANT_INPUT_FIELDS = new Set([
  "title",
  "code",
  "details",
  "director",
  "url",
  "urls",
  "date",
  "rating",
  "rating100",
  "studio_id",
  "performer_ids",
  "tag_ids",
  "cover_image",
  "organized",
  "primary_file_id",
  "stash_ids",
]);

export type HookDecision =
  | { record: true; event: Omit<SceneEvent, "at"> }
  | { record: false; reason: string };

export function decideHook(context: HookContext): HookDecision {
  const sceneId = context.id;
  if (sceneId === undefined || sceneId <= 0) return { record: false, reason: "hook has no scene id" };
  const id = String(sceneId);
  switch (context.type) {
    case "Scene.Create.Post":
      return {
        record: true,
        event: { v: 1, type: "scene-event", event: "create", sceneId: id, fields: [], path: null },
      };
    case "Scene.Destroy.Post":
      return {
        record: true,
        event: {
          v: 1,
          type: "scene-event",
          event: "destroy",
          sceneId: id,
          fields: [],
          path: destroyedPath(context),
        },
      };
    case "Scene.Update.Post":
      return decideUpdate(context, id);
    default:
      return { record: false, reason: `hook type ${context.type} is not handled` };
  }
}

function decideUpdate(context: HookContext, id: string): HookDecision {
  if (context.input === null || context.input === undefined) {
    return { record: false, reason: "scan-originated update (input is null)" };
  }
  const touched = touchedFields(context);
  const relevant = touched.filter((f) => SYNC_RELEVANT_INPUT_FIELDS.has(f));
  if (relevant.length === 0) {
    return { record: false, reason: `no synced field changed (${touched.join(", ") || "none"})` };
  }
  return {
    record: true,
    event: { v: 1, type: "scene-event", event: "update", sceneId: id, fields: relevant, path: null },
  };
}

/** inputFields when Stash sent them; else the keys of the input that are not null (older Stash). */
function touchedFields(context: HookContext): string[] {
  if (Array.isArray(context.inputFields) && context.inputFields.length > 0) {
    return context.inputFields.filter((f) => f !== "id" && f !== "ids" && f !== "clientMutationId");
  }
  const input = context.input;
  if (input && typeof input === "object" && !Array.isArray(input)) {
    return Object.entries(input)
      .filter(([key, value]) => value !== null && key !== "id" && key !== "ids")
      .map(([key]) => key);
  }
  return [];
}

function destroyedPath(context: HookContext): string | null {
  const input = context.input;
  if (input && typeof input === "object" && "path" in input) {
    const path = (input as { path?: unknown }).path;
    if (typeof path === "string" && path !== "") return path;
  }
  return null;
}
