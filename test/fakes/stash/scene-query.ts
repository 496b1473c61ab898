/**
 * findScenes as Stash answers it (internal/api/resolver_query_find_scene.go, pkg/sqlite/scene.go):
 *  - `ids` given (non-empty): those scenes in the order asked, filter and paging ignored, and the whole
 *    query fails with "scene with id N not found" when one is missing;
 *  - otherwise scene_filter, then sort (+ Stash's final tie-break COALESCE(title, id) natural, case-insensitive),
 *    then paging: per_page defaults to 25, a negative per_page means everything, page is 1-based.
 *  - timestamp criteria compare the stored RFC3339 text as strings (SQL text comparison).
 */
import type { FakeScene, FakeStashState } from "./state.js";

export interface Criterion<T> {
  value: T;
  value2?: T | null;
  modifier: string;
}

export interface SceneFilter {
  id?: Criterion<number> | null;
  organized?: boolean | null;
  created_at?: Criterion<string> | null;
  updated_at?: Criterion<string> | null;
}

export interface FindFilter {
  q?: string | null;
  page?: number | null;
  per_page?: number | null;
  sort?: string | null;
  direction?: "ASC" | "DESC" | null;
}

export interface FindScenesArgs {
  ids?: string[] | null;
  scene_filter?: SceneFilter | null;
  filter?: FindFilter | null;
}

const SORTS = new Set(["id", "created_at", "updated_at", "title", "date", "organized", "code"]);
const natural = (a: string, b: string) => a.localeCompare(b, "en", { numeric: true, sensitivity: "base" });

function matches<T extends number | string>(actual: T | null, c: Criterion<T>, upperDefault: T): boolean {
  if (c.modifier === "IS_NULL") return actual === null;
  if (c.modifier === "NOT_NULL") return actual !== null;
  if (actual === null) return false;
  const upper = c.value2 ?? upperDefault;
  switch (c.modifier) {
    case "EQUALS":
      return actual === c.value;
    case "NOT_EQUALS":
      return actual !== c.value;
    case "GREATER_THAN":
      return actual > c.value;
    case "LESS_THAN":
      return actual < c.value;
    case "BETWEEN":
      return actual >= c.value && actual <= upper;
    case "NOT_BETWEEN":
      return actual < c.value || actual > upper;
    default:
      throw new Error(`unsupported modifier ${c.modifier}`);
  }
}

function filterScenes(scenes: FakeScene[], filter: SceneFilter, tomorrow: string): FakeScene[] {
  return scenes.filter((s) => {
    if (filter.organized !== undefined && filter.organized !== null && s.organized !== filter.organized)
      return false;
    if (filter.id && !matches(Number(s.id), filter.id, Number.MAX_SAFE_INTEGER)) return false;
    if (filter.created_at && !matches(s.createdAt, filter.created_at, tomorrow)) return false;
    if (filter.updated_at && !matches(s.updatedAt, filter.updated_at, tomorrow)) return false;
    return true;
  });
}

function sortKey(scene: FakeScene, sort: string): string | number | boolean | null {
  switch (sort) {
    case "id":
      return Number(scene.id);
    case "created_at":
      return scene.createdAt;
    case "updated_at":
      return scene.updatedAt;
    case "organized":
      return scene.organized;
    default:
      return scene[sort as "title" | "date" | "code"];
  }
}

function compareKeys(
  a: string | number | boolean | null,
  b: string | number | boolean | null,
  sort: string,
): number {
  if (a === b) return 0;
  if (a === null) return -1; // SQLite sorts NULL first ascending
  if (b === null) return 1;
  if (sort === "title") return natural(String(a), String(b));
  return a < b ? -1 : 1;
}

function sortScenes(scenes: FakeScene[], filter: FindFilter): FakeScene[] {
  const sort = filter.sort;
  if (!sort) return scenes; // no ORDER BY: SQLite rowid order
  if (!SORTS.has(sort)) throw new Error(`invalid sort: ${sort}`);
  const sign = filter.direction === "DESC" ? -1 : 1;
  const tieBreak = (s: FakeScene) => s.title ?? s.id;
  return [...scenes].sort(
    (a, b) =>
      sign * compareKeys(sortKey(a, sort), sortKey(b, sort), sort) || natural(tieBreak(a), tieBreak(b)),
  );
}

function page(scenes: FakeScene[], filter: FindFilter): FakeScene[] {
  const perPage = filter.per_page ?? 25;
  if (perPage < 0) return scenes;
  const pageNumber = filter.page && filter.page > 0 ? filter.page : 1;
  return scenes.slice((pageNumber - 1) * perPage, pageNumber * perPage);
}

function byIds(state: FakeStashState, ids: string[]): FakeScene[] {
  return ids.map((id) => {
    if (!/^\d+$/.test(id)) throw new Error(`ids: strconv.Atoi: parsing "${id}": invalid syntax`);
    const scene = state.scenes.get(id);
    if (!scene) throw new Error(`scene with id ${id} not found`);
    return scene;
  });
}

export function findScenes(
  state: FakeStashState,
  args: FindScenesArgs,
): { count: number; scenes: FakeScene[] } {
  if (args.ids && args.ids.length > 0) {
    const scenes = byIds(state, args.ids);
    return { count: scenes.length, scenes };
  }
  const tomorrow = new Date(state.clock.now() + 86_400_000).toISOString().replace(/\.\d+Z$/, "Z");
  const all = [...state.scenes.values()].sort((a, b) => Number(a.id) - Number(b.id));
  const filtered = filterScenes(all, args.scene_filter ?? {}, tomorrow);
  const findFilter = args.filter ?? {};
  return { count: filtered.length, scenes: page(sortScenes(filtered, findFilter), findFilter) };
}
