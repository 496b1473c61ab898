/**
 * Response shapes of the fake, after shared/plex-fixtures: JSON `MediaContainer` trees (empty child
 * arrays omitted), a minimal XML rendering of the same trees, and Plex's stock error bodies.
 */
import {
  FAKE_TAG_TYPES,
  type FakeImage,
  type FakeItem,
  type FakeSection,
  NUMERIC_FIELDS,
  TAG_ELEMENTS,
} from "./model.js";
import type { FakeCollection, FakePlexState, FakeScan } from "./state.js";

export type Tree = { [key: string]: unknown };

/** Stock bodies (error-*.html and error-503-maintenance.xml in shared/plex-fixtures). */
export const ERROR_BODIES: Readonly<Record<number, { body: string; contentType: string }>> = {
  400: html("Bad Request", "400 Bad Request"),
  401: html("Unauthorized", "401 Unauthorized"),
  403: html("Forbidden", "403 Forbidden"),
  404: html("Not Found", "404 Not Found"),
  429: html("Too Many Requests", "429 Too Many Requests"),
  500: html("Internal Server Error", "500 Internal Server Error"),
  503: {
    body: '<Response code="503" title="Maintenance" status="Plex Media Server is currently running database migrations."/>',
    contentType: "text/xml;charset=utf-8",
  },
};

function html(title: string, heading: string) {
  return {
    body: `<html><head><title>${title}</title></head><body><h1>${heading}</h1></body></html>`,
    contentType: "text/html",
  };
}

export function errorBody(status: number): { body: string; contentType: string } {
  return ERROR_BODIES[status] ?? html("Error", `${status} Error`);
}

/** Drops empty arrays and undefined values, as Plex omits them. */
function compact(tree: Tree): Tree {
  const out: Tree = {};
  for (const [key, value] of Object.entries(tree)) {
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    out[key] = value;
  }
  return out;
}

function scalarValues(item: FakeItem): Tree {
  const out: Tree = {};
  for (const [field, value] of Object.entries(item.values)) {
    out[field] = NUMERIC_FIELDS.has(field) ? Number(value) : value;
  }
  return out;
}

function itemBase(state: FakePlexState, item: FakeItem): Tree {
  const rk = item.ratingKey;
  return {
    ratingKey: rk,
    key: `/library/metadata/${rk}`,
    guid: item.guid,
    type: "movie",
    ...scalarValues(item),
    thumb: item.thumbTs === null ? undefined : `/library/metadata/${rk}/thumb/${item.thumbTs}`,
    art: item.artTs === null ? undefined : `/library/metadata/${rk}/art/${item.artTs}`,
    addedAt: item.addedAt,
    updatedAt: item.updatedAt,
    // Plex leaves these out until the item was played (viewOffset: while a play is unfinished).
    viewCount: item.viewCount > 0 ? item.viewCount : undefined,
    lastViewedAt: item.lastViewedAt ?? undefined,
    viewOffset: item.viewOffset ?? undefined,
    Media: item.parts.map((part, i) => ({
      id: Number(rk) * 10 + i,
      container: part.file.split(".").pop(),
      Part: [
        { id: Number(rk) * 10 + i, key: `/library/parts/${rk}${i}/file`, file: part.file, size: part.size },
      ],
    })),
    librarySectionTitle: state.sections.get(item.sectionId)?.title,
  };
}

/** Listing form: truncated tag lists (≤2 genres, ≤3 roles…), tags as `{tag}` only, no Field. */
const LIST_LIMITS: Partial<Record<keyof typeof TAG_ELEMENTS, number>> = {
  genre: 2,
  actor: 3,
  director: 2,
  writer: 2,
  country: 2,
  collection: 2,
};

export function listItem(state: FakePlexState, item: FakeItem): Tree {
  const tree = itemBase(state, item);
  for (const [type, limit] of Object.entries(LIST_LIMITS)) {
    const names = item.tags[type as keyof typeof TAG_ELEMENTS].slice(0, limit);
    tree[TAG_ELEMENTS[type as keyof typeof TAG_ELEMENTS]] = names.map((tag) => ({ tag }));
  }
  return compact(tree);
}

export function detailItem(state: FakePlexState, item: FakeItem): Tree {
  const tree = itemBase(state, item);
  tree["librarySectionID"] = Number(item.sectionId);
  tree["librarySectionKey"] = `/library/sections/${item.sectionId}`;
  for (const type of FAKE_TAG_TYPES) {
    tree[TAG_ELEMENTS[type]] = item.tags[type].map((tag) => {
      const id = state.tagId(type, tag);
      return { id, filter: `${type}=${id}`, tag };
    });
  }
  tree["Field"] = [...item.locks].sort().map((name) => ({ locked: true, name }));
  return compact(tree);
}

export function sectionTree(section: FakeSection): Tree {
  return {
    allowSync: true,
    key: section.key,
    type: section.type,
    title: section.title,
    agent: section.agent,
    scanner: section.scanner,
    language: "xn",
    uuid: section.uuid,
    refreshing: section.refreshing,
    updatedAt: section.updatedAt,
    scannedAt: section.scannedAt,
    contentChangedAt: section.contentChangedAt,
    hidden: 0,
    Location: section.locations.map((path, i) => ({ id: Number(section.key) * 100 + i, path })),
  };
}

export function imageTree(ratingKey: string, image: FakeImage): Tree {
  const key = `/library/metadata/${ratingKey}/file?url=${encodeURIComponent(image.ratingKey)}`;
  return { key, provider: image.provider, ratingKey: image.ratingKey, selected: image.selected, thumb: key };
}

export function collectionTree(state: FakePlexState, c: FakeCollection): Tree {
  const members = state.itemsOf(c.sectionId).filter((i) => i.tags.collection.includes(c.title)).length;
  return {
    ratingKey: c.ratingKey,
    key: `/library/collections/${c.ratingKey}/children`,
    guid: `collection://${c.ratingKey}`,
    type: "collection",
    title: c.title,
    subtype: "movie",
    smart: "0",
    childCount: String(members),
    addedAt: c.addedAt,
    ...(c.summary !== undefined ? { summary: c.summary } : {}),
    ...(c.poster ? { thumb: `/library/collections/${c.ratingKey}/thumb/${c.addedAt}` } : {}),
  };
}

export function activityTree(state: FakePlexState, scan: FakeScan): Tree {
  const title = state.sections.get(scan.sectionId)?.title ?? scan.sectionId;
  return {
    uuid: scan.uuid,
    type: "library.update.section",
    cancellable: true,
    userID: 1,
    title: `Scanning ${title}`,
    subtitle: scan.path ?? "",
    progress: -1,
    Context: { librarySectionID: scan.sectionId },
  };
}

// ---- XML ----

function escapeXml(value: string): string {
  return value.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] ?? c);
}

function elementName(key: string, child: Tree): string {
  if (key !== "Metadata") return key;
  return child["type"] === "movie" ? "Video" : "Directory";
}

/** `{a: 1, Genre: [{tag}]}` → `<name a="1"><Genre tag="…"/></name>`; booleans as 1/0. */
export function toXml(name: string, tree: Tree): string {
  const attributes: string[] = [];
  const children: string[] = [];
  for (const [key, value] of Object.entries(tree)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      for (const child of value as Tree[]) children.push(toXml(elementName(key, child), child));
    } else if (typeof value === "object") {
      children.push(toXml(key, value as Tree));
    } else {
      const text = typeof value === "boolean" ? (value ? "1" : "0") : String(value);
      attributes.push(`${key}="${escapeXml(text)}"`);
    }
  }
  const open = `<${name}${attributes.length ? ` ${attributes.join(" ")}` : ""}`;
  return children.length ? `${open}>\n${children.join("\n")}\n</${name}>` : `${open}/>`;
}

export function xmlDocument(container: Tree): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${toXml("MediaContainer", container)}\n`;
}
