/**
 * The edit that brings one Plex item to the desired state: pure diff, no I/O.
 *
 * ## Parameter encoding contract (with the Plex client, plugin/plex/client.ts)
 * `params` are `[key, value]` pairs in their DECODED form. The HTTP client sends each as
 * `encodeURIComponent(key)=encodeURIComponent(value)`, in order, on
 * `PUT /library/sections/{sectionId}/all?type=1&id={ratingKey}&…`. Pairs produced here:
 *  - scalar set:      `["title.value", "A+B"]`, then `["title.locked", "1"]`
 *  - scalar clear:    `["summary.value", ""]`, `["summary.locked", "1"]` (locked, so Plex does not refill it)
 *  - list replace:    `["genre[0].tag.tag", "Drama"], ["genre[1].tag.tag", "Tag, With Comma"], ["genre.locked", "1"]`
 *                     (indexed lists REPLACE the item's list, so this both adds and removes)
 *  - list clear:      `["genre[].tag.tag-", "a%20b,x%2Cy"]` — every current name encodeURIComponent-ed first and
 *                     joined with a literal ","; the client encodes the whole value once more, Plex decodes the
 *                     query, splits on "," and decodes each piece (an empty indexed list would clear nothing)
 *  - lock only:       `["genre.locked", "1"]` when the value already matches but is unlocked (see below)
 * Every written field is locked, so a Plex metadata refresh cannot overwrite it — except `userRating`, which is
 * the user's own rating rather than agent metadata.
 *
 * ## Comparison
 * Plex values pass through the same sanitising as Stash values before comparing, so an item already equal
 * to the desired state yields NO params. Scalars compare case-sensitively (a changed capitalisation is an
 * edit); summaries ignore whitespace differences; dates compare as `YYYY-MM-DD`; ratings numerically. Tag
 * lists compare as case-insensitive sets (Plex treats tag names case-insensitively; order is not kept).
 * A matching but unlocked non-empty field gets a lock-only param (once; then the item is stable).
 *
 * `preservePlexEdits` only fills what Plex leaves empty: a non-empty Plex field or list is never changed,
 * cleared or locked.
 */
import type { PlexItem, PlexScalarField } from "../domain/plex-item.js";
import type { DesiredList, DesiredListField, DesiredState } from "./desired.js";
import { normalizeStashDate } from "./desired.js";
import { LIMITS, listKey, sanitizeLine, sanitizeMultiline } from "./sanitize.js";

export interface FieldChange {
  field: string;
  from: string | null;
  to: string | null;
}

export interface EditPlan {
  params: Array<[string, string]>;
  changes: FieldChange[];
  unchanged: boolean;
}

export interface PlanOptions {
  preservePlexEdits: boolean;
}

const SCALAR_ORDER: readonly PlexScalarField[] = [
  "title",
  "summary",
  "tagline",
  "studio",
  "originallyAvailableAt",
  "userRating",
];
const LIST_ORDER: readonly DesiredListField[] = ["genre", "actor", "collection"];
const UNLOCKED_FIELDS: ReadonlySet<string> = new Set(["userRating"]);

/** The value of a tag-removal param: each name encodeURIComponent-ed, joined with ",". */
export function encodeTagRemoval(names: readonly string[]): string {
  return names.map((name) => encodeURIComponent(name)).join(",");
}

/** A Plex scalar as the planner compares it ("" when empty). */
export function currentScalar(item: PlexItem, field: PlexScalarField): string {
  switch (field) {
    case "title":
      return sanitizeLine(item.title, LIMITS.title);
    case "summary":
      return sanitizeMultiline(item.summary, LIMITS.summary);
    case "tagline":
      return sanitizeLine(item.tagline, LIMITS.tagline);
    case "studio":
      return sanitizeLine(item.studio, LIMITS.studio);
    case "originallyAvailableAt":
      return normalizeStashDate(item.originallyAvailableAt) ?? "";
    case "userRating":
      return item.userRating === null ? "" : String(item.userRating);
  }
}

function scalarsEqual(field: PlexScalarField, current: string, wanted: string): boolean {
  if (field === "userRating" && current !== "" && wanted !== "") {
    return Math.abs(Number(current) - Number(wanted)) < 0.05;
  }
  if (field === "summary") return current.replace(/\s+/g, " ") === wanted.replace(/\s+/g, " ");
  return current === wanted;
}

class PlanBuilder {
  readonly params: Array<[string, string]> = [];
  readonly changes: FieldChange[] = [];

  constructor(private readonly item: PlexItem) {}

  isLocked(field: string): boolean {
    return this.item.lockedFields.includes(field);
  }

  lock(field: string): void {
    if (!UNLOCKED_FIELDS.has(field)) this.params.push([`${field}.locked`, "1"]);
  }

  lockIfUnlocked(field: string): void {
    if (!this.isLocked(field)) this.lock(field);
  }

  change(field: string, from: string, to: string): void {
    this.changes.push({ field, from: from === "" ? null : from, to: to === "" ? null : to });
  }
}

function planScalar(
  plan: PlanBuilder,
  item: PlexItem,
  field: PlexScalarField,
  wanted: string,
  preserve: boolean,
) {
  const current = currentScalar(item, field);
  if (scalarsEqual(field, current, wanted)) {
    if (!preserve && current !== "") plan.lockIfUnlocked(field);
    return;
  }
  if (preserve && current !== "") return;
  plan.params.push([`${field}.value`, wanted]);
  plan.lock(field);
  plan.change(field, current, wanted);
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  const keysA = new Set(a.map(listKey));
  const keysB = new Set(b.map(listKey));
  return keysA.size === keysB.size && [...keysA].every((key) => keysB.has(key));
}

function writeList(plan: PlanBuilder, field: DesiredListField, names: readonly string[]): void {
  names.forEach((name, i) => {
    plan.params.push([`${field}[${i}].tag.tag`, name]);
  });
  plan.lock(field);
}

function planList(
  plan: PlanBuilder,
  field: DesiredListField,
  wanted: DesiredList,
  raw: string[],
  preserve: boolean,
) {
  const current = raw.map((name) => sanitizeLine(name, LIMITS.tagName)).filter((name) => name !== "");
  const from = current.join(", ");
  if (wanted.mode === "ensure") {
    const have = new Set(current.map(listKey));
    const missing = wanted.values.filter((name) => !have.has(listKey(name)));
    if (missing.length === 0 || (preserve && current.length > 0)) return;
    writeList(plan, field, [...raw, ...missing]);
    plan.change(field, from, [...current, ...missing].join(", "));
    return;
  }
  if (sameNames(current, wanted.values)) {
    if (!preserve && current.length > 0) plan.lockIfUnlocked(field);
    return;
  }
  if (preserve && current.length > 0) return;
  if (wanted.values.length === 0) {
    plan.params.push([`${field}[].tag.tag-`, encodeTagRemoval(raw)]);
    plan.lock(field);
  } else {
    writeList(plan, field, wanted.values);
  }
  plan.change(field, from, wanted.values.join(", "));
}

export function planEdit(desired: DesiredState, item: PlexItem, options: PlanOptions): EditPlan {
  const plan = new PlanBuilder(item);
  const preserve = options.preservePlexEdits;
  for (const field of SCALAR_ORDER) {
    const wanted = desired.scalars[field];
    if (wanted !== undefined) planScalar(plan, item, field, wanted, preserve);
  }
  for (const field of LIST_ORDER) {
    const wanted = desired.lists[field];
    if (wanted !== undefined) planList(plan, field, wanted, item.tags[field], preserve);
  }
  return { params: plan.params, changes: plan.changes, unchanged: plan.params.length === 0 };
}
