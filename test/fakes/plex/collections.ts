/** A collection's own edits in the fake Plex: its summary (`PUT …/all?type=18`) and its poster. */
import { createHash } from "node:crypto";
import type { FakeCollection, FakePlexState } from "./state.js";

export function collectionByKey(state: FakePlexState, ratingKey: string): FakeCollection | undefined {
  return state.collections.find((c) => c.ratingKey === ratingKey);
}

/** Applies `summary.value` to the collections named by `id`; a status like Plex's (404 for an unknown one). */
export function editCollections(
  state: FakePlexState,
  sectionId: string,
  ids: string | null,
  params: ReadonlyArray<readonly [string, string]>,
): number {
  if (ids === null) return 400;
  const targets = ids.split(",").map((rk) => collectionByKey(state, rk));
  if (targets.some((c) => c === undefined || c.sectionId !== sectionId)) return 404;
  const summary = params.find(([key]) => key === "summary.value");
  for (const collection of targets as FakeCollection[]) if (summary) collection.summary = summary[1];
  return 200;
}

/** POST …/posters with the bytes: stored by sha1 and selected, as Plex does for a first upload. */
export function uploadCollectionPoster(collection: FakeCollection, body: Uint8Array): number {
  if (body.byteLength === 0) return 400;
  const sha1 = createHash("sha1").update(body).digest("hex");
  collection.posters ??= [];
  if (!collection.posters.includes(sha1)) {
    collection.posters.push(sha1);
    collection.poster = sha1;
  }
  return 200;
}

/** PUT …/poster?url=upload://posters/<sha1>: selects an uploaded poster. */
export function selectCollectionPoster(collection: FakeCollection, url: string | null): number {
  const sha1 = /^upload:\/\/posters\/([0-9a-f]{40})$/.exec(url ?? "")?.[1];
  if (!sha1 || !collection.posters?.includes(sha1)) return 404;
  collection.poster = sha1;
  return 200;
}
