/**
 * The shapes of Stash's answers we rely on, checked at the boundary, and their mapping to SceneSnapshot.
 * Lenient where Stash's own types are (nullable scalars, Int64 sizes that may arrive as strings).
 */
import { z } from "zod";
import type { SceneFile, SceneSnapshot } from "../domain/scene.js";

const named = z.object({ name: z.string() });

/** Int64 is a JSON number from Stash; accept a numeric string too, null when absent or not a number. */
const int64 = z
  .union([z.number(), z.string(), z.null()])
  .optional()
  .transform((v) => {
    if (v === null || v === undefined) return null;
    const n = typeof v === "number" ? v : Number(v);
    return Number.isFinite(n) ? n : null;
  });

export const sceneSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  title: z.string().nullable(),
  code: z.string().nullable(),
  details: z.string().nullable(),
  director: z.string().nullable(),
  date: z.string().nullable(),
  urls: z
    .array(z.string())
    .nullable()
    .transform((v) => v ?? []),
  rating100: z.number().int().nullable(),
  organized: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
  files: z.array(z.object({ path: z.string(), basename: z.string(), size: int64 })),
  studio: z.object({ name: z.string(), parent_studio: named.nullable() }).nullable(),
  performers: z.array(named),
  tags: z.array(named),
  paths: z.object({ screenshot: z.string().nullable() }),
  /** Absent from answers of a Stash older than groups (v0.27): no groups. */
  groups: z
    .array(
      z.object({
        group: z.object({
          name: z.string(),
          synopsis: z.string().nullish(),
          front_image_path: z.string().nullish(),
        }),
      }),
    )
    .optional()
    .transform((v) => v ?? []),
});
export type StashScene = z.infer<typeof sceneSchema>;

export const findScenesSchema = z.object({
  findScenes: z.object({ count: z.number().int().nonnegative(), scenes: z.array(sceneSchema) }),
});

/** The answer to scenesByAliasQuery: `s<i>` → the scene, or null when Stash no longer has it. */
export const scenesByAliasSchema = z.record(z.string(), sceneSchema.nullable());

export const countScenesSchema = z.object({
  findScenes: z.object({ count: z.number().int().nonnegative() }),
});

export const pluginSettingsSchema = z.object({
  configuration: z.object({ plugins: z.record(z.string(), z.unknown()).nullable() }),
});

/** One plugin's settings map: unset keys are absent (Stash never fills defaults). */
export const settingsMapSchema = z.record(z.string(), z.unknown());

export const versionSchema = z.object({
  version: z.object({ version: z.string().nullable(), hash: z.string(), build_time: z.string() }),
});
export type StashVersion = z.infer<typeof versionSchema>["version"];

export const JOB_STATUSES = ["READY", "RUNNING", "FINISHED", "STOPPING", "CANCELLED", "FAILED"] as const;

export const jobSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  status: z.enum(JOB_STATUSES),
  subTasks: z.array(z.string()).nullable().optional(),
  description: z.string(),
  progress: z.number().nullable().optional(),
  startTime: z.string().nullable().optional(),
  endTime: z.string().nullable().optional(),
  addTime: z.string(),
  error: z.string().nullable().optional(),
});
export type StashJob = z.infer<typeof jobSchema>;

export const jobQueueSchema = z.object({ jobQueue: z.array(jobSchema).nullable() });
export const findJobSchema = z.object({ findJob: jobSchema.nullable() });

function toSceneFile(file: StashScene["files"][number]): SceneFile {
  return { path: file.path, basename: file.basename, size: file.size };
}

export function toSceneSnapshot(scene: StashScene): SceneSnapshot {
  return {
    id: scene.id,
    title: scene.title,
    code: scene.code,
    details: scene.details,
    director: scene.director,
    date: scene.date,
    urls: scene.urls,
    rating100: scene.rating100,
    organized: scene.organized,
    createdAt: scene.created_at,
    updatedAt: scene.updated_at,
    files: scene.files.map(toSceneFile),
    studio: scene.studio
      ? { name: scene.studio.name, parentName: scene.studio.parent_studio?.name ?? null }
      : null,
    performers: scene.performers.map((p) => p.name),
    tags: scene.tags.map((t) => t.name),
    screenshotUrl: scene.paths.screenshot,
    groups: scene.groups.map(({ group }) => ({
      name: group.name,
      synopsis: group.synopsis ?? null,
      frontImageUrl: frontImageUrl(group.front_image_path),
    })),
  };
}

/** Stash answers a group without a cover with the URL of a placeholder (`default=true`): that is no cover. */
function frontImageUrl(path: string | null | undefined): string | null {
  if (!path || /[?&]default=true\b/.test(path)) return null;
  return path;
}

/** "findScenes.scenes.3.files.0.size: expected number" — the first few problems, for an error message. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join(".") || "(root)"}: ${issue.message}`)
    .join("; ");
}

export const sceneActivitySchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  rating100: z.number().int().nullable(),
  resume_time: z.number().nullable().optional(),
  play_count: z.number().int().nullable().optional(),
  play_history: z.array(z.string()).nullable().optional(),
  last_played_at: z.string().nullable().optional(),
});
export type StashSceneActivityRaw = z.infer<typeof sceneActivitySchema>;
export const findScenesActivitySchema = z.object({
  findScenes: z.object({ scenes: z.array(sceneActivitySchema) }),
});
export const scenesActivityByAliasSchema = z.record(z.string(), sceneActivitySchema.nullable());
/** `a<i>: { count }` per scene; an alias Stash could not run is null. */
export const addPlaysSchema = z.record(z.string(), z.object({ count: z.number().int() }).nullable());
export const saveResumeSchema = z.record(z.string(), z.boolean().nullable());
export const setRatingSchema = z.object({
  sceneUpdate: z.object({ id: z.union([z.string(), z.number()]).transform(String) }).nullable(),
});

/** The Plex tab's scene: the snapshot fields and the activity fields of one `findScene` (null: no such scene). */
export const sceneWithActivitySchema = z.object({
  findScene: sceneSchema
    .extend({
      resume_time: sceneActivitySchema.shape.resume_time,
      play_count: sceneActivitySchema.shape.play_count,
      play_history: sceneActivitySchema.shape.play_history,
      last_played_at: sceneActivitySchema.shape.last_played_at,
    })
    .nullable(),
});
