/**
 * Stash scenes in pages (never `per_page: -1`), optionally limited to a time window on `updated_at` or
 * `created_at` ("the last 24 hours").
 *
 * Stash compares timestamp filters as TEXT against RFC3339 stored in the server's local offset, so a cutoff
 * formatted in our own zone would be wrong by hours. The offset is learned from a timestamp Stash itself
 * returned, the cutoff is widened by an hour (DST changes give stored values two offsets), and the exact
 * window is applied in memory with real time arithmetic. Over-fetching a few scenes is harmless.
 */
import type { SceneSnapshot } from "../domain/scene.js";
import type { SceneWindowField, StashClient } from "../stash/index.js";

export const SCENES_PER_PAGE = 500;
const CUTOFF_SLACK_MS = 3_600_000;

export interface SceneWindow {
  field: SceneWindowField;
  sinceMs: number;
}

export interface ScenePage {
  scenes: SceneSnapshot[];
  /** Scenes fetched so far (including this page) and Stash's total for the query. */
  fetched: number;
  total: number;
}

const OFFSET = /(Z|[+-]\d{2}:\d{2})$/;
const pad = (n: number) => String(n).padStart(2, "0");

/** `epochMs` as RFC3339 (seconds) in the offset of `sample` ("Z" or "+02:00"). */
export function formatInOffsetOf(epochMs: number, sample: string): string {
  const suffix = OFFSET.exec(sample.trim())?.[1] ?? "Z";
  const minutes =
    suffix === "Z"
      ? 0
      : (suffix.startsWith("-") ? -1 : 1) * (Number(suffix.slice(1, 3)) * 60 + Number(suffix.slice(4, 6)));
  const d = new Date(Math.floor(epochMs / 1000) * 1000 + minutes * 60_000);
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return `${date}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${suffix}`;
}

function windowValue(scene: SceneSnapshot, field: SceneWindowField): string {
  return field === "updated_at" ? scene.updatedAt : scene.createdAt;
}

export function inWindow(scene: SceneSnapshot, window: SceneWindow): boolean {
  const at = Date.parse(windowValue(scene, window.field));
  return Number.isFinite(at) ? at >= window.sinceMs : true;
}

/** Pages through every scene (window null) or the scenes inside the window, in Stash's order. */
export async function* pageScenes(
  stash: StashClient,
  window: SceneWindow | null,
  perPage = SCENES_PER_PAGE,
): AsyncGenerator<ScenePage> {
  let after: string | null = null;
  if (window) {
    const probe = await stash.scenesPage({ field: window.field, page: 1, perPage: 1 });
    const sample = probe.scenes[0];
    if (!sample) return;
    after = formatInOffsetOf(window.sinceMs - CUTOFF_SLACK_MS, windowValue(sample, window.field));
  }
  let fetched = 0;
  for (let page = 1; ; page++) {
    const result = await stash.scenesPage({ field: window?.field ?? null, after, page, perPage });
    fetched += result.scenes.length;
    const scenes = window ? result.scenes.filter((s) => inWindow(s, window)) : result.scenes;
    if (result.scenes.length > 0) yield { scenes, fetched, total: Math.max(result.count, fetched) };
    if (result.scenes.length < perPage || fetched >= result.count) return;
  }
}
