/**
 * The edit that takes a Plex item to the desired state, as the exact `(key, value)` pairs the Plex client sends
 * (see the header of plugin/plex/client.ts). Pure. Both sides are sanitised before comparing, so an item that
 * already matches yields no parameters at all.
 *
 * - Scalars: `<f>.value` + `<f>.locked=1`; a clear is `<f>.value=""` + lock. `userRating.value` has no lock.
 * - genre / actor: indexed `<t>[i].tag.tag` REPLACE the list (why python-plexapi's editTags sends current + new
 *   tags), so the whole desired list is sent + `<t>.locked=1`; a zero-length indexed list clears nothing, so a
 *   clear sends the removal form `<t>[].tag.tag-` with every current name + lock.
 * - collection: additive — current names + the missing desired ones (never removes the user's collections).
 * - Lock-only: a non-empty text field or genre/actor list that already matches Stash but is unlocked in Plex
 *   gets a single `<f>.locked=1`, so a Plex metadata refresh cannot undo it (once; then the item is stable).
 * - `preservePlexEdits`: only fill what Plex leaves empty; never clear, never lock what Plex already has.
 */
import { encodePlexTagRemoval, type PlexItem, type PlexTagType } from "../domain/plex-item.js";
import type { DesiredState } from "./desired.js";
import { sanitizeLine, sanitizeList, sanitizeMultiline, TEXT_LIMITS } from "./sanitize.js";

export type FieldValue = string | number | string[] | null;

export interface FieldChange {
  field: string;
  from: FieldValue;
  to: FieldValue;
}

export interface EditPlan {
  params: Array<[string, string]>;
  changes: FieldChange[];
  unchanged: boolean;
}

export interface PlanOptions {
  preservePlexEdits: boolean;
}

type TextField = "title" | "summary" | "tagline" | "studio" | "originallyAvailableAt";
type ListField = Extract<PlexTagType, "genre" | "actor" | "collection">;

const TEXT_FIELDS: readonly TextField[] = ["title", "summary", "tagline", "studio", "originallyAvailableAt"];
const LIST_FIELDS: readonly ListField[] = ["genre", "actor", "collection"];
const NO_CAP = Number.MAX_SAFE_INTEGER;
const RATING_TOLERANCE = 0.05;

/** Plex's current value of a text field, cleaned the same way as the desired one. */
export function plexText(item: PlexItem, field: TextField): string {
  if (field === "summary") return sanitizeMultiline(item.summary, TEXT_LIMITS.summary);
  if (field === "originallyAvailableAt") return (item.originallyAvailableAt ?? "").trim();
  return sanitizeLine(item[field], TEXT_LIMITS.title);
}

function cleanDesiredText(field: TextField, value: string): string {
  if (field === "summary") return sanitizeMultiline(value, TEXT_LIMITS.summary);
  if (field === "originallyAvailableAt") return value.trim();
  return sanitizeLine(value, TEXT_LIMITS.title);
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a.map((n) => n.toLowerCase()));
  const right = new Set(b.map((n) => n.toLowerCase()));
  if (left.size !== right.size) return false;
  for (const n of left) if (!right.has(n)) return false;
  return true;
}

/** `<f>.locked=1` alone, for a value Plex already has right but could still overwrite on refresh. */
function lockOnly(field: string, item: PlexItem, options: PlanOptions, plan: EditPlan): void {
  if (options.preservePlexEdits || item.lockedFields.includes(field)) return;
  plan.params.push([`${field}.locked`, "1"]);
}

function planText(
  field: TextField,
  wanted: string,
  item: PlexItem,
  options: PlanOptions,
  plan: EditPlan,
): void {
  const current = plexText(item, field);
  const target = cleanDesiredText(field, wanted);
  if (target === current) {
    if (current !== "") lockOnly(field, item, options, plan);
    return;
  }
  if (options.preservePlexEdits && current !== "") return;
  plan.params.push([`${field}.value`, target], [`${field}.locked`, "1"]);
  plan.changes.push({ field, from: current === "" ? null : current, to: target === "" ? null : target });
}

function planRating(wanted: number, item: PlexItem, options: PlanOptions, plan: EditPlan): void {
  const current = item.userRating;
  if (current !== null && Math.abs(current - wanted) < RATING_TOLERANCE) return;
  if (options.preservePlexEdits && current !== null && current > 0) return;
  plan.params.push(["userRating.value", String(wanted)]);
  plan.changes.push({ field: "userRating", from: current, to: wanted });
}

/** The list the item should end up with, or null when nothing needs sending. */
function targetList(
  field: ListField,
  wanted: readonly string[],
  current: readonly string[],
): string[] | null {
  if (field !== "collection") return sameNames(wanted, current) ? null : [...wanted];
  const have = new Set(current.map((n) => n.toLowerCase()));
  const missing = wanted.filter((n) => !have.has(n.toLowerCase()));
  return missing.length === 0 ? null : [...current, ...missing];
}

function planList(
  field: ListField,
  wanted: string[],
  item: PlexItem,
  options: PlanOptions,
  plan: EditPlan,
): void {
  const raw = item.tags[field];
  const current = sanitizeList(raw, TEXT_LIMITS.tag, NO_CAP);
  const desired = sanitizeList(wanted, TEXT_LIMITS.tag, NO_CAP);
  if (options.preservePlexEdits && current.length > 0) return;
  if (desired.length === 0) {
    if (raw.length === 0 || field === "collection") return;
    plan.params.push([`${field}[].tag.tag-`, encodePlexTagRemoval(raw)], [`${field}.locked`, "1"]);
    plan.changes.push({ field, from: [...raw], to: [] });
    return;
  }
  const target = targetList(field, desired, current);
  if (target === null) {
    if (field !== "collection") lockOnly(field, item, options, plan);
    return;
  }
  target.forEach((name, i) => {
    plan.params.push([`${field}[${i}].tag.tag`, name]);
  });
  plan.params.push([`${field}.locked`, "1"]);
  plan.changes.push({ field, from: current, to: target });
}

export function planEdit(desired: DesiredState, item: PlexItem, options: PlanOptions): EditPlan {
  const plan: EditPlan = { params: [], changes: [], unchanged: true };
  for (const field of TEXT_FIELDS) {
    const wanted = desired[field];
    if (wanted === undefined) continue;
    // The title is never cleared, whatever the caller passes.
    if (field === "title" && cleanDesiredText(field, wanted) === "") continue;
    planText(field, wanted, item, options, plan);
  }
  if (desired.userRating !== undefined) planRating(desired.userRating, item, options, plan);
  for (const field of LIST_FIELDS) {
    const wanted = desired[field];
    if (wanted !== undefined) planList(field, wanted, item, options, plan);
  }
  plan.unchanged = plan.params.length === 0;
  return plan;
}

export interface FieldTableRow {
  field: string;
  /** What Stash wants (null = clear or nothing); `synced` false means the field is not touched. */
  stash: FieldValue;
  plex: FieldValue;
  synced: boolean;
  locked: boolean;
}

const TABLE_FIELDS = [...TEXT_FIELDS, "genre", "actor", "collection", "userRating"] as const;

function emptyToNull(value: string | number | string[] | null | undefined): FieldValue {
  if (value === undefined || value === "") return null;
  return value;
}

/** Rows for the scene panel: per field what Stash wants, what Plex has, and whether Plex has it locked. */
export function fieldTableRows(desired: DesiredState, item: PlexItem): FieldTableRow[] {
  return TABLE_FIELDS.map((field) => {
    const plex: FieldValue =
      field === "userRating"
        ? item.userRating
        : field === "genre" || field === "actor" || field === "collection"
          ? [...item.tags[field]]
          : emptyToNull(plexText(item, field));
    return {
      field,
      stash: emptyToNull(desired[field]),
      plex,
      synced: desired[field] !== undefined,
      locked: item.lockedFields.includes(field),
    };
  });
}
