/**
 * Typed Plex Media Server client (HTTP through plugin/net/http-fetch.ts). Plex's API:
 * https://developer.plex.tv/pms/; the edit encoding below is python-plexapi's
 * (https://github.com/pkkid/python-plexapi, plexapi/mixins.py).
 *
 * ## Edit parameters — exact wire encoding (the planner must produce these pairs)
 *
 * `edit(sectionId, ratingKey, params)` sends
 * `PUT /library/sections/{sectionId}/all?type=1&id={ratingKey}&<params…>` with every key and every
 * value passed through `encodeURIComponent` exactly once, in the given order. So:
 *
 *  - scalar:   `["title.value", "A+B"]`  → `title.value=A%2BB`; clear with `["summary.value", ""]`
 *  - lock:     `["title.locked", "1"]` / `"0"`; tag list lock `["genre.locked", "1"]`
 *  - replace a tag list: `["genre[0].tag.tag", "Drama"], ["genre[1].tag.tag", "Tag, With Comma"]`
 *    → `genre%5B0%5D.tag.tag=Drama&…` (Plex decodes the key back to `genre[0].tag.tag`)
 *  - remove tags: ONE pair `["genre[].tag.tag-", names.map(encodeURIComponent).join(",")]`, i.e. the
 *    planner encodes each name individually and joins them with a literal comma; the client then
 *    encodes the whole value once more, as python-plexapi does. For names `a b` and `x,y`:
 *    planner value `a%20b,x%2Cy` → wire `genre%5B%5D.tag.tag-=a%2520b%2Cx%252Cy`; Plex decodes the
 *    query once (`a%20b,x%2Cy`), splits on `,` and decodes each piece (`a b`, `x,y`).
 *    `encodePlexTagRemoval(names)` (domain/plex-item.ts, so the pure planner need not load this client)
 *    builds that value.
 *
 * `type` and `id` are added by the client and may not appear in `params`; an edit without a
 * ratingKey is refused (Plex would apply it to every item of the section).
 */
import type { PlexItem } from "../domain/plex-item.js";
import {
  decodeJson,
  type EndpointResponse,
  type JsonEndpoint,
  type PathParams,
  resolveEndpoint,
  type WriteEndpoint,
} from "./endpoints.js";
import { PlexError } from "./errors.js";
import { createPlexTransport, type PlexTransportOptions, type QueryParams } from "./http.js";
import {
  type PlexHistoryPage,
  type PlexSection,
  type PlexSectionPage,
  toPlexHistoryPage,
  toPlexItem,
  toPlexSection,
  toPlexSectionPage,
} from "./mappers.js";
import type { PlexActivity, PlexCollection, PlexIdentity, PlexImage } from "./schemas.js";

/** The client needs exactly what its transport does. */
export type PlexClientOptions = PlexTransportOptions;

/** Optional per-call cancellation (e.g. a cockatiel timeout's signal). */
export interface CallOptions {
  signal?: AbortSignal;
}

/** Edit parameters in wire order (see the header comment for the exact encoding). */
export type EditParams = ReadonlyArray<readonly [string, string]>;

export interface PlexClient {
  /** `GET /identity` — unauthenticated liveness probe; 503 during database migrations. */
  identity(call?: CallOptions): Promise<PlexIdentity>;
  sections(call?: CallOptions): Promise<PlexSection[]>;
  /** One page of movie items (`type=1`), paged with the X-Plex-Container-* headers. */
  sectionPage(sectionId: string, start: number, size: number, call?: CallOptions): Promise<PlexSectionPage>;
  /** Every page of a section, until a short/empty page or `totalSize` is reached. */
  sectionItems(sectionId: string, pageSize?: number, call?: CallOptions): AsyncGenerator<PlexSectionPage>;
  /** Full detail; throws PlexError `not_found` for an unknown ratingKey. */
  metadata(ratingKey: string, call?: CallOptions): Promise<PlexItem>;
  edit(sectionId: string, ratingKey: string, params: EditParams, call?: CallOptions): Promise<void>;
  /** The section's collections (title → ratingKey); collections built from tags appear here. */
  collections(sectionId: string, call?: CallOptions): Promise<PlexCollection[]>;
  /** The same edit for a collection (`type=18`); its poster goes through `uploadPoster`/`selectPoster`. */
  editCollection(sectionId: string, ratingKey: string, params: EditParams, call?: CallOptions): Promise<void>;
  uploadPoster(ratingKey: string, bytes: Uint8Array, call?: CallOptions): Promise<void>;
  uploadArt(ratingKey: string, bytes: Uint8Array, call?: CallOptions): Promise<void>;
  /** Selects an entry of `posters()` by its ratingKey (e.g. `upload://posters/<sha1>`). */
  selectPoster(ratingKey: string, url: string, call?: CallOptions): Promise<void>;
  selectArt(ratingKey: string, url: string, call?: CallOptions): Promise<void>;
  posters(ratingKey: string, call?: CallOptions): Promise<PlexImage[]>;
  arts(ratingKey: string, call?: CallOptions): Promise<PlexImage[]>;
  /** Partial scan of one folder (as Plex sees it); returns at once, the scan runs in Plex. */
  scanPath(sectionId: string, path: string, call?: CallOptions): Promise<void>;
  activities(call?: CallOptions): Promise<PlexActivity[]>;
  /** One page of the watch history, newest first (`/status/sessions/history/all`). */
  historyPage(query: HistoryQuery, start: number, size: number, call?: CallOptions): Promise<PlexHistoryPage>;
  /** Every page of the watch history matching `query`, until a short/empty page or `totalSize`. */
  history(query: HistoryQuery, pageSize?: number, call?: CallOptions): AsyncGenerator<PlexHistoryPage>;
  /** Requests sent by this client so far (including failed ones). */
  requestCount(): number;
}

/** Filters of a history read; null leaves the filter out. */
export interface HistoryQuery {
  /** Only plays with viewedAt > this (epoch seconds, Plex's clock). */
  viewedAfter: number | null;
  sectionId: string | null;
  accountId: string | null;
  ratingKey?: string | null;
  /** `sort=viewedAt:asc` (python-plexapi asks for newest first, Plex's usual order). */
  oldestFirst?: boolean;
}

/** Query pairs as python-plexapi sends them (`ratingKey` travels as `metadataItemID`). */
export function historyQueryParams(query: HistoryQuery): QueryParams {
  const params: Array<[string, string]> = [["sort", query.oldestFirst ? "viewedAt:asc" : "viewedAt:desc"]];
  if (query.ratingKey) params.push(["metadataItemID", query.ratingKey]);
  if (query.accountId !== null) params.push(["accountID", query.accountId]);
  if (query.sectionId !== null) params.push(["librarySectionID", query.sectionId]);
  if (query.viewedAfter !== null) params.push(["viewedAt>", String(Math.floor(query.viewedAfter))]);
  return params;
}

const RESERVED_EDIT_KEYS = new Set(["type", "id"]);

function checkEdit(sectionId: string, ratingKey: string, params: EditParams): void {
  if (ratingKey.trim() === "" || ratingKey.includes(",")) {
    throw new RangeError(`Plex edit refused: ratingKey must be one non-empty key, got "${ratingKey}"`);
  }
  if (sectionId.trim() === "") throw new RangeError("Plex edit refused: sectionId is empty");
  if (params.length === 0) throw new RangeError("Plex edit refused: no parameters");
  const reserved = params.find(([key]) => RESERVED_EDIT_KEYS.has(key) || key === "");
  if (reserved) throw new RangeError(`Plex edit refused: parameter "${reserved[0]}" is reserved or empty`);
}

function nonEmpty(bytes: Uint8Array): Uint8Array {
  if (bytes.byteLength === 0) throw new RangeError("Plex image upload refused: no bytes");
  return bytes;
}

function nonBlank(path: string): string {
  if (path.trim() === "")
    throw new RangeError("Plex partial scan refused: empty path (would scan everything)");
  return path;
}

interface SendExtras extends CallOptions {
  query?: QueryParams;
  headers?: Readonly<Record<string, string>>;
  body?: Uint8Array;
}

export function createPlexClient(options: PlexClientOptions): PlexClient {
  const transport = createPlexTransport(options);

  async function getJson<K extends JsonEndpoint>(
    endpoint: K,
    params: PathParams<K>,
    extras: SendExtras = {},
  ): Promise<EndpointResponse<K>> {
    const { method, path } = resolveEndpoint(endpoint, params);
    const response = await transport.send({ method, path, ...extras });
    return decodeJson(endpoint, method, path, response, options.token);
  }

  async function write<K extends WriteEndpoint>(
    endpoint: K,
    params: PathParams<K>,
    extras: SendExtras,
  ): Promise<void> {
    const { method, path } = resolveEndpoint(endpoint, params);
    await transport.send({ method, path, ...extras });
  }

  async function sectionPage(sectionId: string, start: number, size: number, call: CallOptions = {}) {
    const headers = { "X-Plex-Container-Start": String(start), "X-Plex-Container-Size": String(size) };
    const query: QueryParams = [["type", "1"]];
    const body = await getJson(
      "GET /library/sections/{sectionId}/all",
      { sectionId },
      { ...call, query, headers },
    );
    return toPlexSectionPage(body.MediaContainer, start);
  }

  async function* sectionItems(sectionId: string, pageSize = 100, call: CallOptions = {}) {
    let start = 0;
    for (;;) {
      const page = await sectionPage(sectionId, start, pageSize, call);
      if (page.items.length === 0) return;
      yield page;
      start = page.offset + page.items.length;
      if (page.totalSize !== null ? start >= page.totalSize : page.items.length < pageSize) return;
    }
  }

  async function historyPage(query: HistoryQuery, start: number, size: number, call: CallOptions = {}) {
    const headers = { "X-Plex-Container-Start": String(start), "X-Plex-Container-Size": String(size) };
    const body = await getJson(
      "GET /status/sessions/history/all",
      {},
      { ...call, query: historyQueryParams(query), headers },
    );
    return toPlexHistoryPage(body.MediaContainer, start);
  }

  async function* history(query: HistoryQuery, pageSize = 500, call: CallOptions = {}) {
    let start = 0;
    for (;;) {
      const page = await historyPage(query, start, pageSize, call);
      if (page.rows.length === 0) return;
      yield page;
      start = page.offset + page.rows.length;
      if (page.totalSize !== null ? start >= page.totalSize : page.rows.length < pageSize) return;
    }
  }

  async function metadata(ratingKey: string, call: CallOptions = {}): Promise<PlexItem> {
    const endpoint = "GET /library/metadata/{ratingKey}";
    const body = await getJson(endpoint, { ratingKey }, call);
    const container = body.MediaContainer;
    const item = container.Metadata[0];
    const path = resolveEndpoint(endpoint, { ratingKey }).path;
    if (!item)
      throw new PlexError({ kind: "not_found", method: "GET", path, detail: "no item in the answer" });
    const mapped = toPlexItem(item, container.librarySectionID);
    if (mapped.librarySectionId === "") {
      throw new PlexError({
        kind: "bad_response",
        method: "GET",
        path,
        detail: "item has no librarySectionID",
      });
    }
    return mapped;
  }

  async function editOfType(
    type: "1" | "18",
    sectionId: string,
    ratingKey: string,
    params: EditParams,
    call: CallOptions,
  ): Promise<void> {
    checkEdit(sectionId, ratingKey, params);
    const query: QueryParams = [["type", type], ["id", ratingKey], ...params];
    await write("PUT /library/sections/{sectionId}/all", { sectionId }, { ...call, query });
  }

  return {
    identity: async (call = {}) => (await getJson("GET /identity", {}, call)).MediaContainer,
    sections: async (call = {}) =>
      (await getJson("GET /library/sections", {}, call)).MediaContainer.Directory.map(toPlexSection),
    sectionPage,
    sectionItems,
    metadata,
    edit: (sectionId, ratingKey, params, call = {}) => editOfType("1", sectionId, ratingKey, params, call),
    collections: async (sectionId, call = {}) =>
      (await getJson("GET /library/sections/{sectionId}/collections", { sectionId }, call)).MediaContainer
        .Metadata,
    editCollection: (sectionId, ratingKey, params, call = {}) =>
      editOfType("18", sectionId, ratingKey, params, call),
    uploadPoster: async (ratingKey, bytes, call = {}) =>
      write("POST /library/metadata/{ratingKey}/posters", { ratingKey }, { ...call, body: nonEmpty(bytes) }),
    uploadArt: async (ratingKey, bytes, call = {}) =>
      write("POST /library/metadata/{ratingKey}/arts", { ratingKey }, { ...call, body: nonEmpty(bytes) }),
    selectPoster: async (ratingKey, url, call = {}) =>
      write("PUT /library/metadata/{ratingKey}/poster", { ratingKey }, { ...call, query: [["url", url]] }),
    selectArt: async (ratingKey, url, call = {}) =>
      write("PUT /library/metadata/{ratingKey}/art", { ratingKey }, { ...call, query: [["url", url]] }),
    posters: async (ratingKey, call = {}) =>
      (await getJson("GET /library/metadata/{ratingKey}/posters", { ratingKey }, call)).MediaContainer
        .Metadata,
    arts: async (ratingKey, call = {}) =>
      (await getJson("GET /library/metadata/{ratingKey}/arts", { ratingKey }, call)).MediaContainer.Metadata,
    scanPath: async (sectionId, path, call = {}) =>
      // An empty path would make Plex scan the whole section.
      write(
        "GET /library/sections/{sectionId}/refresh",
        { sectionId },
        { ...call, query: [["path", nonBlank(path)]] },
      ),
    activities: async (call = {}) => (await getJson("GET /activities", {}, call)).MediaContainer.Activity,
    historyPage,
    history,
    requestCount: transport.requestCount,
  };
}
