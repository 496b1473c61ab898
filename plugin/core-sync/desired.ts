/**
 * What the Plex item should look like for a scene, given the field toggles. Pure.
 *
 * Presence rule: an absent field means "do not touch"; `""` / `[]` means "clear". An empty Stash value is
 * desired as a clear only when the scene already has real metadata (studio, performers, tags, details or
 * date) — a scene caught between file scan and identification must never wipe Plex.
 *
 * Field decisions:
 *  - title: never cleared and never replaced when Stash has none: an untitled scene (the identification race,
 *    or a user who relies on Stash showing the file name) leaves Plex's title — the user's or the agent's —
 *    alone, as the original plugin's 2026-03-14 fix does.
 *  - tagline ← the scene `code` (studio product code). Stash has no tagline and the original plugin never
 *    wrote one in practice; the code is the one short scene attribute with no other home in Plex. It is
 *    set when present and never cleared (a tagline we did not write may be the user's own).
 *  - collection ← [studio name] (`sync_collection`) + the scene's group names (`sync_group_collections`):
 *    additive (see plan.ts) and never cleared, as in the original — other collections on the item belong to
 *    the user.
 *  - groupCollections: each group's description and front-image URL, for its collection (not the item); set
 *    only for groups that have one of them, so scenes without such groups keep their desired-state hash.
 *  - userRating ← rating100 / 10 when `sync_rating`; never cleared (Plex has no reliable "unrate" edit).
 *  - poster / art: flags only; the caller uploads the screenshot when it changed (images.ts).
 */
import type { Settings } from "../config/settings.js";
import type { SceneGroup, SceneSnapshot } from "../domain/scene.js";
import { LIST_CAPS, sanitizeLine, sanitizeList, sanitizeMultiline, TEXT_LIMITS } from "./sanitize.js";

export interface DesiredState {
  title?: string;
  summary?: string;
  tagline?: string;
  studio?: string;
  /** `YYYY-MM-DD`, or "" to clear. */
  originallyAvailableAt?: string;
  /** 0..10 with one decimal. */
  userRating?: number;
  genre?: string[];
  actor?: string[];
  /** Names the item must be in (added, never removed). */
  collection?: string[];
  poster?: boolean;
  art?: boolean;
  /** What the scene's group collections carry (`sync_group_collections`): written to the collection, not the item. */
  groupCollections?: GroupCollection[];
}

/** A group's Plex collection: its title, and the description and cover Stash has for it (at least one). */
export interface GroupCollection {
  name: string;
  summary?: string;
  coverUrl?: string;
}

export type DesiredSettings = Pick<
  Settings,
  | "sync_master"
  | "sync_studio"
  | "sync_summary"
  | "sync_tagline"
  | "sync_date"
  | "sync_performers"
  | "sync_tags"
  | "sync_poster"
  | "sync_background"
  | "sync_collection"
  | "sync_group_collections"
  | "sync_rating"
  | "max_tags"
>;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])/;

/** The `YYYY-MM-DD` part of a date or date-time when it is a real calendar date, else null. */
export function normalizeDate(value: string | null | undefined): string | null {
  const m = ISO_DATE.exec((value ?? "").trim());
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const real = year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
  return real ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True once identification has given the scene something beyond its file (see the presence rule). */
export function hasRealMetadata(scene: SceneSnapshot): boolean {
  return (
    sanitizeLine(scene.studio?.name, TEXT_LIMITS.studio) !== "" ||
    scene.performers.some((p) => p.trim() !== "") ||
    scene.tags.some((t) => t.trim() !== "") ||
    (scene.details ?? "").trim() !== "" ||
    (scene.date ?? "").trim() !== ""
  );
}

function titleOf(scene: SceneSnapshot): string | undefined {
  const title = sanitizeLine(scene.title, TEXT_LIMITS.title);
  return title === "" ? undefined : title;
}

/** A value, or "" (clear) when allowed, or undefined (untouched). */
function setOrClear<T extends string | string[]>(value: T, empty: boolean, mayClear: boolean): T | undefined {
  if (!empty) return value;
  return mayClear ? value : undefined;
}

export function desiredPlexState(scene: SceneSnapshot, settings: DesiredSettings): DesiredState {
  if (!settings.sync_master) return {};
  const real = hasRealMetadata(scene);
  const desired: DesiredState = {};
  const title = titleOf(scene);
  if (title !== undefined) desired.title = title;
  if (settings.sync_summary) {
    const summary = sanitizeMultiline(scene.details, TEXT_LIMITS.summary);
    desired.summary = setOrClear(summary, summary === "", real);
  }
  if (settings.sync_tagline) {
    const code = sanitizeLine(scene.code, TEXT_LIMITS.tagline);
    if (code !== "") desired.tagline = code;
  }
  const studio = sanitizeLine(scene.studio?.name, TEXT_LIMITS.studio);
  if (settings.sync_studio) desired.studio = setOrClear(studio, studio === "", real);
  if (settings.sync_date) addDate(desired, scene.date, real);
  if (settings.sync_tags) {
    const genre = sanitizeList(scene.tags, TEXT_LIMITS.tag, settings.max_tags);
    desired.genre = setOrClear(genre, genre.length === 0, real);
  }
  if (settings.sync_performers) {
    const actor = sanitizeList(scene.performers, TEXT_LIMITS.performer, LIST_CAPS.performers);
    desired.actor = setOrClear(actor, actor.length === 0, real);
  }
  const collections = settings.sync_collection && studio !== "" ? [studio] : [];
  if (settings.sync_group_collections) {
    const names = (scene.groups ?? []).map((g) => g.name);
    collections.push(...sanitizeList(names, TEXT_LIMITS.collection, LIST_CAPS.collections));
    const covers = groupCollections(scene.groups ?? []);
    if (covers.length > 0) desired.groupCollections = covers;
  }
  if (collections.length > 0) desired.collection = [...new Set(collections)];
  if (settings.sync_rating && scene.rating100 !== null && scene.rating100 > 0) {
    desired.userRating = Math.round(Math.min(scene.rating100, 100)) / 10;
  }
  const hasImage = scene.screenshotUrl !== null && scene.screenshotUrl.trim() !== "";
  if (settings.sync_poster && hasImage) desired.poster = true;
  if (settings.sync_background && hasImage) desired.art = true;
  return dropUndefined(desired);
}

/** Groups with a description or a cover, in the scene's order, capped like the collection names. */
function groupCollections(groups: readonly SceneGroup[]): GroupCollection[] {
  const out: GroupCollection[] = [];
  const seen = new Set<string>();
  for (const group of groups) {
    const name = sanitizeLine(group.name, TEXT_LIMITS.collection);
    if (name === "" || seen.has(name) || out.length >= LIST_CAPS.collections) continue;
    seen.add(name);
    const summary = sanitizeMultiline(group.synopsis, TEXT_LIMITS.summary);
    const coverUrl = group.frontImageUrl?.trim() ?? "";
    if (summary === "" && coverUrl === "") continue;
    out.push({ name, ...(summary ? { summary } : {}), ...(coverUrl ? { coverUrl } : {}) });
  }
  return out;
}

function addDate(desired: DesiredState, raw: string | null, real: boolean): void {
  const date = normalizeDate(raw);
  if (date !== null) desired.originallyAvailableAt = date;
  // An unparseable date is not "no date": leave Plex alone rather than clearing.
  else if ((raw ?? "").trim() === "" && real) desired.originallyAvailableAt = "";
}

function dropUndefined(desired: DesiredState): DesiredState {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(desired)) if (value !== undefined) out[key] = value;
  return out as DesiredState;
}

/**
 * FNV-1a 64-bit over a canonical JSON of the desired state (keys sorted), as 16 hex digits. `extra` mixes in
 * what the state does not hold, e.g. the screenshot URL or the image bytes hash.
 */
export function desiredStateHash(desired: DesiredState, extra?: string): string {
  const canonical = canonicalJson(desired) + (extra === undefined ? "" : `\u0000${extra}`);
  return fnv1a64(canonical);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** FNV-1a 64 over the UTF-8 bytes of `text`, on four 16-bit limbs (no BigInt in the hot loop). */
export function fnv1a64(text: string): string {
  let v0 = 0x2325;
  let v1 = 0x8422;
  let v2 = 0x9ce4;
  let v3 = 0xcbf2;
  for (const byte of new TextEncoder().encode(text)) {
    v0 ^= byte;
    // hash * (2^40 + 0x1b3): the 0x1b3 part limb-wise, the 2^40 part as a shift by two limbs and 8 bits.
    const t0 = v0 * 0x1b3;
    let t1 = v1 * 0x1b3;
    let t2 = v2 * 0x1b3 + (v0 << 8);
    const t3 = v3 * 0x1b3 + (v1 << 8);
    t1 += t0 >>> 16;
    t2 += t1 >>> 16;
    v0 = t0 & 0xffff;
    v1 = t1 & 0xffff;
    v2 = t2 & 0xffff;
    v3 = (t3 + (t2 >>> 16)) & 0xffff;
  }
  return [v3, v2, v1, v0].map((v) => v.toString(16).padStart(4, "0")).join("");
}
