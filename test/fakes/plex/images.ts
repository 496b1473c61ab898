/**
 * Poster (thumb) and background (art) handling of the fake: list, upload by bytes or `url=`, select,
 * fetch. An upload of new bytes adds `upload://posters/<sha1>` (arts: `upload://art/<sha1>`), selects
 * it, locks the field and gives the item path a new `{ts}`; bytes already present change nothing
 * (the observed Plex behaviour — re-select explicitly with PUT …/poster?url=).
 */
import { createHash } from "node:crypto";
import type { FakeImage, FakeItem } from "./model.js";
import { imageTree, type Tree } from "./render.js";
import type { FakePlexState } from "./state.js";

export type ImageKind = "thumb" | "art";

export function imageKind(segment: string): ImageKind {
  return segment.startsWith("poster") || segment === "thumb" ? "thumb" : "art";
}

function listOf(item: FakeItem, kind: ImageKind): FakeImage[] {
  return kind === "thumb" ? item.posters : item.arts;
}

function select(state: FakePlexState, item: FakeItem, kind: ImageKind, image: FakeImage): void {
  for (const other of listOf(item, kind)) other.selected = other === image;
  item.locks.add(kind);
  if (kind === "thumb") item.thumbTs = state.nextTimestamp(item.thumbTs);
  else item.artTs = state.nextTimestamp(item.artTs);
  state.touch(item);
}

export function imagesContainer(item: FakeItem, kind: ImageKind): Tree {
  const list = listOf(item, kind);
  return {
    size: list.length,
    identifier: "com.plexapp.plugins.library",
    Metadata: list.map((image) => imageTree(item.ratingKey, image)),
  };
}

/** POST …/posters|arts: `url` given → URL entry, else the body bytes. Returns an HTTP status. */
export function uploadImage(
  state: FakePlexState,
  item: FakeItem,
  kind: ImageKind,
  url: string | null,
  body: Uint8Array,
): number {
  const list = listOf(item, kind);
  if (url !== null) {
    const existing = list.find((i) => i.ratingKey === url);
    const image = existing ?? { ratingKey: url, provider: "url", selected: false, bytes: null };
    if (!existing) list.push(image);
    select(state, item, kind, image);
    return 200;
  }
  if (body.byteLength === 0) return 400;
  const sha1 = createHash("sha1").update(body).digest("hex");
  const ratingKey = `upload://${kind === "thumb" ? "posters" : "art"}/${sha1}`;
  if (list.some((i) => i.ratingKey === ratingKey)) return 200;
  const image: FakeImage = { ratingKey, provider: "upload", selected: false, bytes: new Uint8Array(body) };
  list.push(image);
  select(state, item, kind, image);
  return 200;
}

/** PUT …/poster|art?url=<entry ratingKey>. */
export function selectImage(
  state: FakePlexState,
  item: FakeItem,
  kind: ImageKind,
  url: string | null,
): number {
  if (url === null || url === "") return 400;
  const image = listOf(item, kind).find((i) => i.ratingKey === url);
  if (!image) return 404;
  select(state, item, kind, image);
  return 200;
}

/** GET /library/metadata/{rk}/thumb|art/{ts}: the selected image's bytes. */
export function selectedBytes(item: FakeItem, kind: ImageKind): Uint8Array | null {
  const selected = listOf(item, kind).find((i) => i.selected);
  if (!selected) return null;
  return selected.bytes ?? new TextEncoder().encode(`agent image ${selected.ratingKey}`);
}
