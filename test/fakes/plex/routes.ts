/** Route table of the fake Plex: each handler turns a parsed request into a Reply. */
import {
  collectionByKey,
  editCollections,
  selectCollectionPoster,
  uploadCollectionPoster,
} from "./collections.js";
import { agentRefresh, applyEdit, parseEdit } from "./edits.js";
import { historyRow, selectHistory } from "./history.js";
import { imageKind, imagesContainer, selectedBytes, selectImage, uploadImage } from "./images.js";
import type { FakeItem } from "./model.js";
import { activityTree, collectionTree, detailItem, listItem, sectionTree, type Tree } from "./render.js";
import type { FakeCollection, FakePlexState } from "./state.js";

export interface RouteRequest {
  method: string;
  path: string;
  /** Decoded query pairs in wire order. */
  params: Array<[string, string]>;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: Uint8Array;
}

export interface Reply {
  status: number;
  /** The MediaContainer content; rendered as JSON or XML by the server. */
  container?: Tree;
  raw?: { body: string | Uint8Array; contentType: string };
  headers?: Record<string, string>;
}

export interface RouteContext {
  state: FakePlexState;
  version: string;
  /** Largest page the fake returns, whatever was asked ("a server may return fewer items"). */
  maxPageSize: number;
  /** Leave `totalSize` out of listings (clients must fall back to `size`). */
  omitTotalSize: boolean;
}

type Handler = (ctx: RouteContext, req: RouteRequest, match: string[]) => Reply;

const ok: Reply = { status: 200 };
const status = (code: number): Reply => ({ status: code });

function containerParam(req: RouteRequest, name: string): number | null {
  const header = req.headers[name.toLowerCase()];
  const value = (Array.isArray(header) ? header[0] : header) ?? req.query.get(name);
  if (value === null || value === undefined || !/^\d+$/.test(value)) return null;
  return Number(value);
}

function listing(ctx: RouteContext, req: RouteRequest, sectionId: string): Reply {
  const { state } = ctx;
  const section = state.sections.get(sectionId);
  if (!section) return status(404);
  const type = req.query.get("type");
  if (type === "18") return collections(ctx, sectionId);
  const title = req.query.get("title")?.toLowerCase();
  const file = req.query.get("file");
  const movies = type === null || type === "1" ? state.itemsOf(sectionId) : [];
  const all = movies
    .filter((i) => title === undefined || (i.values.title ?? "").toLowerCase().includes(title))
    .filter((i) => file === null || i.parts.some((p) => p.file.includes(file)));
  const start = containerParam(req, "X-Plex-Container-Start") ?? 0;
  const asked = containerParam(req, "X-Plex-Container-Size") ?? all.length;
  const page = all.slice(start, start + Math.min(asked, ctx.maxPageSize));
  return {
    status: 200,
    headers: { "X-Plex-Container-Start": String(start), "X-Plex-Container-Total-Size": String(all.length) },
    container: {
      size: page.length,
      totalSize: ctx.omitTotalSize ? undefined : all.length,
      offset: start,
      allowSync: true,
      identifier: "com.plexapp.plugins.library",
      librarySectionID: Number(sectionId),
      librarySectionTitle: section.title,
      title1: section.title,
      viewGroup: "movie",
      Metadata: page.map((item) => listItem(state, item)),
    },
  };
}

function history(ctx: RouteContext, req: RouteRequest): Reply {
  const all = selectHistory(ctx.state, req.query);
  const start = containerParam(req, "X-Plex-Container-Start") ?? 0;
  const asked = containerParam(req, "X-Plex-Container-Size") ?? all.length;
  const page = all.slice(start, start + Math.min(asked, ctx.maxPageSize));
  return {
    status: 200,
    headers: { "X-Plex-Container-Start": String(start), "X-Plex-Container-Total-Size": String(all.length) },
    container: {
      size: page.length,
      totalSize: ctx.omitTotalSize ? undefined : all.length,
      offset: start,
      Metadata: page.map((play) => historyRow(ctx.state, play)),
    },
  };
}

function collections(ctx: RouteContext, sectionId: string): Reply {
  const list = ctx.state.collections.filter((c) => c.sectionId === sectionId);
  return {
    status: 200,
    container: {
      size: list.length,
      totalSize: list.length,
      offset: 0,
      librarySectionID: Number(sectionId),
      viewGroup: "collection",
      Metadata: list.map((c) => collectionTree(ctx.state, c)),
    },
  };
}

/** Shared by `PUT /library/sections/{id}/all` (sectionId given) and `PUT /library/metadata/{id}`. */
function edit(ctx: RouteContext, req: RouteRequest, targets: FakeItem[]): Reply {
  const parsed = parseEdit(req.params);
  if ("invalid" in parsed) return status(400);
  for (const item of targets) {
    applyEdit(item, parsed);
    ctx.state.touch(item);
  }
  return ok;
}

function sectionEdit(ctx: RouteContext, req: RouteRequest, sectionId: string): Reply {
  if (!ctx.state.sections.has(sectionId)) return status(404);
  const type = req.query.get("type");
  if (type === null) return status(400);
  const ids = req.query.get("id");
  if (type === "18") return status(editCollections(ctx.state, sectionId, ids, req.params));
  // Plex applies an edit without `id` to every item of that type in the section.
  if (ids === null) return edit(ctx, req, type === "1" ? ctx.state.itemsOf(sectionId) : []);
  const targets = ids.split(",").map((rk) => ctx.state.items.get(rk));
  if (targets.some((t) => t === undefined || t.sectionId !== sectionId)) return status(404);
  return edit(ctx, req, targets as FakeItem[]);
}

function withItem(
  handler: (ctx: RouteContext, req: RouteRequest, item: FakeItem, m: string[]) => Reply,
  onCollection?: (collection: FakeCollection, req: RouteRequest) => number,
): Handler {
  return (ctx, req, m) => {
    const item = ctx.state.items.get(m[1] ?? "");
    if (item) return handler(ctx, req, item, m);
    // `/library/metadata/{id}/…` of a collection (Plex routes `/library/collections/{id}` there too).
    const collection = onCollection ? collectionByKey(ctx.state, m[1] ?? "") : undefined;
    return collection && onCollection ? status(onCollection(collection, req)) : status(404);
  };
}

function detail(ctx: RouteContext, ids: string): Reply {
  const items = ids.split(",").map((rk) => ctx.state.items.get(rk));
  const found = items.filter((i): i is FakeItem => i !== undefined);
  if (found.length === 0) return status(404);
  const first = found[0];
  return {
    status: 200,
    container: {
      size: found.length,
      allowSync: true,
      identifier: "com.plexapp.plugins.library",
      librarySectionID: first ? Number(first.sectionId) : undefined,
      Metadata: found.map((i) => detailItem(ctx.state, i)),
    },
  };
}

function scan(ctx: RouteContext, req: RouteRequest, sectionId: string): Reply {
  if (!ctx.state.sections.has(sectionId)) return status(404);
  const s = ctx.state.startScan(sectionId, req.query.get("path"));
  return { status: 200, headers: { "X-Plex-Activity": s.uuid } };
}

const ROUTES: Array<[string, RegExp, Handler]> = [
  [
    "GET",
    /^\/identity$/,
    (ctx) => ({
      status: 200,
      container: {
        size: 0,
        apiVersion: "0.2.0",
        claimed: true,
        machineIdentifier: ctx.state.machineIdentifier,
        version: ctx.version,
      },
    }),
  ],
  [
    "GET",
    /^\/$/,
    (ctx) => ({
      status: 200,
      container: {
        size: 0,
        friendlyName: "FakePlex",
        machineIdentifier: ctx.state.machineIdentifier,
        version: ctx.version,
        platform: "Linux",
        myPlex: true,
      },
    }),
  ],
  [
    "GET",
    /^\/library\/sections(?:\/all)?\/?$/,
    (ctx) => {
      const sections = [...ctx.state.sections.values()].map(sectionTree);
      return {
        status: 200,
        container: { size: sections.length, title1: "Plex Library", Directory: sections },
      };
    },
  ],
  ["GET", /^\/library\/sections\/(\w+)\/all$/, (ctx, req, m) => listing(ctx, req, m[1] ?? "")],
  ["PUT", /^\/library\/sections\/(\w+)\/all$/, (ctx, req, m) => sectionEdit(ctx, req, m[1] ?? "")],
  ["GET", /^\/library\/sections\/(\w+)\/collections$/, (ctx, _req, m) => collections(ctx, m[1] ?? "")],
  ["GET|POST", /^\/library\/sections\/(\w+)\/refresh$/, (ctx, req, m) => scan(ctx, req, m[1] ?? "")],
  [
    "DELETE",
    /^\/library\/sections\/(\w+)\/refresh$/,
    (ctx, _req, m) => {
      for (const s of ctx.state.scans.filter((x) => x.sectionId === m[1])) ctx.state.cancelScan(s.uuid);
      return ok;
    },
  ],
  ["GET", /^\/library\/metadata\/([\w,]+)$/, (ctx, _req, m) => detail(ctx, m[1] ?? "")],
  ["PUT", /^\/library\/metadata\/(\w+)$/, withItem((ctx, req, item) => edit(ctx, req, [item]))],
  [
    "PUT",
    /^\/library\/metadata\/(\w+)\/refresh$/,
    withItem((ctx, _req, item) => {
      agentRefresh(item);
      ctx.state.touch(item);
      return ok;
    }),
  ],
  [
    "GET",
    /^\/library\/metadata\/(\w+)\/(posters|arts)$/,
    withItem((_ctx, _req, item, m) => ({
      status: 200,
      container: imagesContainer(item, imageKind(m[2] ?? "")),
    })),
  ],
  [
    "POST",
    /^\/library\/metadata\/(\w+)\/(posters|arts)$/,
    withItem(
      (ctx, req, item, m) =>
        status(uploadImage(ctx.state, item, imageKind(m[2] ?? ""), req.query.get("url"), req.body)),
      (collection, req) =>
        req.path.endsWith("/posters") ? uploadCollectionPoster(collection, req.body) : 404,
    ),
  ],
  [
    "PUT",
    /^\/library\/metadata\/(\w+)\/(poster|art)$/,
    withItem(
      (ctx, req, item, m) =>
        status(selectImage(ctx.state, item, imageKind(m[2] ?? ""), req.query.get("url"))),
      (collection, req) =>
        req.path.endsWith("/poster") ? selectCollectionPoster(collection, req.query.get("url")) : 404,
    ),
  ],
  [
    "GET",
    /^\/library\/metadata\/(\w+)\/(thumb|art)\/\d+$/,
    withItem((_ctx, _req, item, m) => {
      const bytes = selectedBytes(item, imageKind(m[2] ?? ""));
      return bytes ? { status: 200, raw: { body: bytes, contentType: "image/jpeg" } } : status(404);
    }),
  ],
  ["GET", /^\/status\/sessions\/history\/all$/, (ctx, req) => history(ctx, req)],
  [
    "GET",
    /^\/activities$/,
    (ctx) => {
      const list = ctx.state.scans.map((s) => activityTree(ctx.state, s));
      return { status: 200, container: { size: list.length, Activity: list } };
    },
  ],
  [
    "DELETE",
    /^\/activities\/([\w-]+)$/,
    (ctx, _req, m) => status(ctx.state.cancelScan(m[1] ?? "") ? 200 : 404),
  ],
];

export function route(ctx: RouteContext, req: RouteRequest): Reply {
  let pathMatched = false;
  for (const [methods, pattern, handler] of ROUTES) {
    const match = pattern.exec(req.path);
    if (!match) continue;
    pathMatched = true;
    if (methods.split("|").includes(req.method)) return handler(ctx, req, [...match]);
  }
  return status(pathMatched ? 405 : 404);
}
