/**
 * How the fake Stash answers one HTTP request, apart from the socket: GraphQL (graphql-js over the project's
 * schema subset), scene and group images, the session check and injected faults. The HTTP server and the
 * in-process `fetch` of the component tests both go through here.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSchema, graphql } from "graphql";
import { sceneCover } from "./images.js";
import type { createRootValue, FakeContext } from "./resolvers.js";
import { type SessionStore, sessionFromCookieHeader } from "./sessions.js";
import type { FakeStashState } from "./state.js";

const SCHEMA = buildSchema(
  readFileSync(join(dirname(fileURLToPath(import.meta.url)), "schema.graphql"), "utf8"),
);

/** A fault for the next /graphql requests, applied in order. */
export interface GraphqlFault {
  status?: number;
  body?: string;
  /** Answer 200 with these GraphQL errors. */
  errors?: string[];
  /** Never answer (until stop): for client timeouts. */
  hang?: boolean;
  /** Content type for `body` (default text/plain). */
  contentType?: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  operationName: string | null;
  variables: Record<string, unknown> | null;
  /** Whether a Cookie header came with it (never its value). */
  hadCookie: boolean;
  status: number;
}

export type GraphqlInterceptor = (
  operationName: string | null,
  phase: "before" | "after",
) => Promise<void> | void;

export interface Handling {
  state: FakeStashState;
  sessions: SessionStore;
  requests: RecordedRequest[];
  faults: GraphqlFault[];
  rootValue: ReturnType<typeof createRootValue>;
  externalHost: string | undefined;
  interceptor: GraphqlInterceptor | null;
}

export interface IncomingRequest {
  method: string;
  /** Path and query, e.g. `/graphql`. */
  url: string;
  cookie: string | undefined;
  /** The Host header: the base of absolute URLs when no external host is configured. */
  host: string;
  body(): Promise<string>;
}

export interface Reply {
  status: number;
  contentType: string;
  body: string | Uint8Array;
}

const reply = (status: number, contentType: string, body: string | Uint8Array): Reply => ({
  status,
  contentType,
  body,
});

/** The reply to `req`, or null for a request that is never answered (a `hang` fault). */
export async function answer(h: Handling, req: IncomingRequest): Promise<Reply | null> {
  const url = new URL(req.url, "http://fake");
  const record: RecordedRequest = {
    method: req.method,
    path: url.pathname,
    operationName: null,
    variables: null,
    hadCookie: req.cookie !== undefined,
    status: 0,
  };
  h.requests.push(record);
  const image = /^\/(scene)\/(\d+)\/screenshot$|^\/(group)\/(\d+)\/frontimage$/.exec(url.pathname);
  const isGraphql = url.pathname === "/graphql" && req.method === "POST";
  let result: Reply | null;
  if (!isGraphql && !(image && req.method === "GET")) result = reply(404, "text/plain", "not found");
  else if (!h.sessions.isValid(sessionFromCookieHeader(req.cookie)))
    result = reply(401, "text/plain", "Unauthorized");
  else if (image) result = answerImage(h, [...image]);
  else result = await answerGraphql(h, req, record);
  if (result) record.status = result.status;
  return result;
}

async function answerGraphql(
  h: Handling,
  req: IncomingRequest,
  record: RecordedRequest,
): Promise<Reply | null> {
  let payload: { query?: string; variables?: Record<string, unknown>; operationName?: string };
  try {
    payload = JSON.parse(await req.body());
  } catch {
    return reply(400, "application/json", JSON.stringify({ errors: [{ message: "body is not JSON" }] }));
  }
  record.operationName = payload.operationName ?? namedOperation(payload.query);
  record.variables = payload.variables ?? null;
  const fault = h.faults.shift();
  if (fault?.hang) return null;
  if (fault) {
    const body =
      fault.body ?? JSON.stringify({ errors: (fault.errors ?? ["fault"]).map((message) => ({ message })) });
    const type = fault.body ? (fault.contentType ?? "text/plain") : "application/json";
    return reply(fault.status ?? 200, type, body);
  }
  const contextValue: FakeContext = {
    baseUrl: h.externalHost ?? `http://${req.host}`,
    visited: h.sessions.visitedBy(sessionFromCookieHeader(req.cookie)),
  };
  await h.interceptor?.(payload.operationName ?? null, "before");
  const result = await graphql({
    schema: SCHEMA,
    source: payload.query ?? "",
    rootValue: h.rootValue,
    contextValue,
    variableValues: payload.variables ?? null,
    operationName: payload.operationName ?? null,
  });
  // gqlgen answers 422 when the document does not parse or validate.
  const status = result.errors && result.data === undefined ? 422 : 200;
  record.status = status;
  await h.interceptor?.(payload.operationName ?? null, "after");
  return reply(status, "application/json", JSON.stringify(result));
}

/** The name a document gives its operation (`mutation Stash2PlexOp(…)`), when the body does not name it. */
function namedOperation(query: string | undefined): string | null {
  return /^\s*(?:query|mutation)\s+(\w+)/.exec(query ?? "")?.[1] ?? null;
}

/** `/scene/{id}/screenshot` and `/group/{id}/frontimage` (a group without one answers Stash's placeholder). */
function answerImage(h: Handling, image: string[]): Reply {
  const kind = image[1] ?? image[3];
  const id = image[2] ?? image[4] ?? "";
  const scene = kind === "scene" ? h.state.scenes.get(id) : undefined;
  const group = kind === "group" ? h.state.groups.get(id) : undefined;
  const cover = scene ? sceneCover(scene) : group ? (group.frontImage ?? GROUP_PLACEHOLDER) : null;
  return cover ? reply(200, cover.contentType, cover.bytes) : reply(404, "text/plain", "not found");
}

const GROUP_PLACEHOLDER = {
  bytes: new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'),
  contentType: "image/svg+xml",
};
