/**
 * Plex edit semantics (reference/plex-api.md §5): `<f>.value` sets (empty deletes the attribute),
 * `<f>.locked=1|0` adds/removes a Field entry, indexed `<t>[i].tag.tag` lists REPLACE the list
 * (ordered by index), `<t>[].tag.tag-=a,b` removes (split on ",", each piece percent-decoded),
 * `<t>[].tag` removes all. Unknown parameters are rejected (400) so typos fail tests loudly.
 */

import type { FakeTagType } from "./model.js";
import { FAKE_TAG_TYPES, type FakeItem, type FakeScalarField, IMAGE_LOCKS, SCALAR_FIELDS } from "./model.js";

export interface ParsedEdit {
  values: Array<[FakeScalarField, string]>;
  locks: Array<[string, boolean]>;
  /** type → index → name. */
  tagLists: Map<FakeTagType, Map<number, string>>;
  tagRemovals: Array<[FakeTagType, string[]]>;
  tagClears: FakeTagType[];
}

const SCALARS: ReadonlySet<string> = new Set(SCALAR_FIELDS);
const TAGS: ReadonlySet<string> = new Set(FAKE_TAG_TYPES);
const LOCKABLE: ReadonlySet<string> = new Set([...SCALAR_FIELDS, ...FAKE_TAG_TYPES, ...IMAGE_LOCKS]);
/** Parameters an edit request may carry that are not edits. */
const NON_EDIT = /^(type|id|X-Plex-.*|includeExternalMedia)$/i;

const VALUE = /^(\w+)\.value$/;
const LOCKED = /^(\w+)\.locked$/;
const INDEXED_TAG = /^(\w+)\[(\d+)\]\.tag\.tag$/;
const INDEXED_EXTRA = /^(\w+)\[(\d+)\]\.(tag\.\w+|tagging\.\w+(\.\w+)?)$/;
const REMOVE_TAGS = /^(\w+)\[\]\.tag\.tag-$/;
const CLEAR_TAGS = /^(\w+)\[\]\.tag$/;

function decodePiece(piece: string): string {
  try {
    return decodeURIComponent(piece);
  } catch {
    return piece;
  }
}

function parseOne(edit: ParsedEdit, key: string, value: string): boolean {
  let m = VALUE.exec(key);
  if (m?.[1] && SCALARS.has(m[1])) {
    edit.values.push([m[1] as FakeScalarField, value]);
    return true;
  }
  m = LOCKED.exec(key);
  if (m?.[1] && LOCKABLE.has(m[1]) && (value === "0" || value === "1")) {
    edit.locks.push([m[1], value === "1"]);
    return true;
  }
  m = INDEXED_TAG.exec(key);
  if (m?.[1] && m[2] && TAGS.has(m[1])) {
    const type = m[1] as FakeTagType;
    const list = edit.tagLists.get(type) ?? new Map<number, string>();
    list.set(Number(m[2]), value);
    edit.tagLists.set(type, list);
    return true;
  }
  m = INDEXED_EXTRA.exec(key);
  if (m?.[1] && TAGS.has(m[1])) return true;
  m = REMOVE_TAGS.exec(key);
  if (m?.[1] && TAGS.has(m[1])) {
    const names = value
      .split(",")
      .map(decodePiece)
      .filter((n) => n !== "");
    edit.tagRemovals.push([m[1] as FakeTagType, names]);
    return true;
  }
  m = CLEAR_TAGS.exec(key);
  if (m?.[1] && TAGS.has(m[1])) {
    edit.tagClears.push(m[1] as FakeTagType);
    return true;
  }
  return false;
}

/** Parses decoded query pairs; returns the offending key when one is not a known edit parameter. */
export function parseEdit(pairs: ReadonlyArray<readonly [string, string]>): ParsedEdit | { invalid: string } {
  const edit: ParsedEdit = { values: [], locks: [], tagLists: new Map(), tagRemovals: [], tagClears: [] };
  for (const [key, value] of pairs) {
    if (NON_EDIT.test(key)) continue;
    if (!parseOne(edit, key, value)) return { invalid: key };
  }
  return edit;
}

export function applyEdit(item: FakeItem, edit: ParsedEdit): void {
  for (const [field, value] of edit.values) {
    if (value === "") delete item.values[field];
    else item.values[field] = value;
  }
  for (const type of edit.tagClears) item.tags[type] = [];
  for (const [type, byIndex] of edit.tagLists) {
    const ordered = [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([, name]) => name);
    item.tags[type] = ordered.filter((name, i) => name !== "" && ordered.indexOf(name) === i);
  }
  for (const [type, names] of edit.tagRemovals) {
    item.tags[type] = item.tags[type].filter((t) => !names.includes(t));
  }
  for (const [name, locked] of edit.locks) {
    if (locked) item.locks.add(name);
    else item.locks.delete(name);
  }
}

/** Agent refresh: unlocked fields and tag lists go back to what the agent knows. */
export function agentRefresh(item: FakeItem): void {
  for (const field of SCALAR_FIELDS) {
    if (item.locks.has(field)) continue;
    const agentValue = item.agent.values[field];
    if (agentValue === undefined) delete item.values[field];
    else item.values[field] = agentValue;
  }
  for (const type of FAKE_TAG_TYPES) {
    if (!item.locks.has(type)) item.tags[type] = [...item.agent.tags[type]];
  }
}
