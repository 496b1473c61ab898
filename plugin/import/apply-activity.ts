/**
 * Resume points and ratings: for the scenes whose Plex items have a view state, read the Stash side in
 * batches, decide (activity.ts), write only differences. Resume points go out aliased, 100 per request
 * (`sceneSaveActivity` fires no hook); each rating is one `sceneUpdate`, preceded by its echo mark.
 */
import type { Settings } from "../config/settings.js";
import { type PlexItemActivity, ratingToImport, resumeToImport } from "../import-rules/activity.js";
import type { StashClient } from "../stash/index.js";

const RESUMES_PER_REQUEST = 100;

export interface ActivityOutcome {
  resumeUpdated: number;
  ratingsUpdated: number;
  ratingsKept: number;
}

export interface ActivityDeps {
  stash: StashClient;
  settings: Pick<Settings, "import_resume" | "import_ratings" | "sync_rating">;
  /** scene id → its Plex items' view states (scenes with none are left out). */
  scenes: ReadonlyMap<string, PlexItemActivity[]>;
  markEcho: (sceneId: string, rating100: number) => void;
}

export async function applyActivity(deps: ActivityDeps): Promise<ActivityOutcome> {
  const outcome: ActivityOutcome = { resumeUpdated: 0, ratingsUpdated: 0, ratingsKept: 0 };
  const { settings } = deps;
  if (!settings.import_resume && !settings.import_ratings) return outcome;
  const stashSide = await deps.stash.scenesActivity([...deps.scenes.keys()]);
  const resumes: Array<{ sceneId: string; seconds: number }> = [];
  const ratings: Array<{ sceneId: string; rating100: number }> = [];
  for (const [sceneId, items] of deps.scenes) {
    const scene = stashSide.get(sceneId);
    if (!scene) continue;
    if (settings.import_resume) {
      const seconds = resumeToImport(items, scene);
      if (seconds !== null) resumes.push({ sceneId, seconds });
    }
    if (settings.import_ratings) {
      const rating = ratingToImport(items, scene, settings.sync_rating);
      if (rating.kind === "write") ratings.push({ sceneId, rating100: rating.rating100 });
      else if (rating.kind === "kept") outcome.ratingsKept++;
    }
  }
  for (let i = 0; i < resumes.length; i += RESUMES_PER_REQUEST) {
    const done = await deps.stash.saveResumeTimes(resumes.slice(i, i + RESUMES_PER_REQUEST));
    outcome.resumeUpdated += done.size;
  }
  for (const { sceneId, rating100 } of ratings) {
    deps.markEcho(sceneId, rating100);
    await deps.stash.setRating(sceneId, rating100);
    outcome.ratingsUpdated++;
  }
  return outcome;
}
