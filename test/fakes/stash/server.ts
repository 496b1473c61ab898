/**
 * The fake Stash: a real HTTP server on 127.0.0.1 answering GraphQL (graphql-js over the project's schema
 * subset) from in-memory state, serving scene covers, checking the session cookie when a password is set,
 * and running the plugin (when given a plugin folder) the way Stash does.
 */
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSchema, graphql } from "graphql";
import { type Clock, systemClock } from "../../../plugin/core/clock.js";
import { sceneCover } from "./images.js";
import { JobQueue } from "./jobs.js";
import { createRootValue, type FakeContext } from "./resolvers.js";
import { PluginRunner } from "./runner.js";
import { seedScenes } from "./seed.js";
import { SESSION_COOKIE_NAME, SessionStore, sessionFromCookieHeader } from "./sessions.js";
import { FakeStashState } from "./state.js";

const SCHEMA = buildSchema(
  readFileSync(join(dirname(fileURLToPath(import.meta.url)), "schema.graphql"), "utf8"),
);

export interface FakeStashOptions {
  clock?: Clock;
  /** Stash's local time zone offset for timestamps, minutes east of UTC. */
  utcOffsetMinutes?: number;
  /** When true, /graphql and images need a valid session cookie (Stash with credentials configured). */
  requireAuth?: boolean;
  /** Seed this many realistic scenes at start. */
  scenes?: number;
  /** Stash's `external_host`: the base of absolute URLs (paths.screenshot) in answers. */
  externalHost?: string;
  /** A plugin folder holding the manifest `<id>.yml`: enables hooks, tasks and operations. */
  plugin?: { dir: string; ymlName?: string; env?: Record<string, string>; stashDir?: string };
}

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

export interface FakeStash {
  url: string;
  port: number;
  state: FakeStashState;
  runner: PluginRunner | null;
  jobs: JobQueue;
  sessions: SessionStore;
  /** `session=<value>` a test client may send: a logged-in browser session. */
  loginCookie: string;
  requests: RecordedRequest[];
  injectFault(fault: GraphqlFault): void;
  /**
   * Runs `fn` around each GraphQL operation: "before" it executes and "after" it executed but before the
   * answer is sent (e.g. to SIGKILL the plugin at that moment). null removes it.
   */
  intercept(fn: GraphqlInterceptor | null): void;
  stop(): Promise<void>;
}

export type GraphqlInterceptor = (
  operationName: string | null,
  phase: "before" | "after",
) => Promise<void> | void;

interface Handling {
  state: FakeStashState;
  sessions: SessionStore;
  requests: RecordedRequest[];
  faults: GraphqlFault[];
  rootValue: ReturnType<typeof createRootValue>;
  externalHost: string | undefined;
  interceptor: GraphqlInterceptor | null;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolvePromise(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, status: number, contentType: string, body: string | Uint8Array): void {
  res.writeHead(status, { "content-type": contentType, "content-length": Buffer.byteLength(body) });
  res.end(body);
}

async function handleGraphql(
  h: Handling,
  req: IncomingMessage,
  res: ServerResponse,
  record: RecordedRequest,
) {
  let payload: { query?: string; variables?: Record<string, unknown>; operationName?: string };
  try {
    payload = JSON.parse(await readBody(req));
  } catch {
    record.status = 400;
    return send(res, 400, "application/json", JSON.stringify({ errors: [{ message: "body is not JSON" }] }));
  }
  record.operationName = payload.operationName ?? null;
  record.variables = payload.variables ?? null;
  const fault = h.faults.shift();
  if (fault?.hang) return;
  if (fault) {
    record.status = fault.status ?? 200;
    const body =
      fault.body ?? JSON.stringify({ errors: (fault.errors ?? ["fault"]).map((message) => ({ message })) });
    const type = fault.body ? (fault.contentType ?? "text/plain") : "application/json";
    return send(res, record.status, type, body);
  }
  const cookie = sessionFromCookieHeader(req.headers.cookie);
  const contextValue: FakeContext = {
    baseUrl: h.externalHost ?? `http://${req.headers.host}`,
    visited: h.sessions.visitedBy(cookie),
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
  record.status = result.errors && result.data === undefined ? 422 : 200;
  await h.interceptor?.(payload.operationName ?? null, "after");
  send(res, record.status, "application/json", JSON.stringify(result));
}

/** `/scene/{id}/screenshot` and `/group/{id}/frontimage` (a group without one answers Stash's placeholder). */
function handleImage(h: Handling, image: string[], res: ServerResponse, record: RecordedRequest): void {
  const kind = image[1] ?? image[3];
  const id = image[2] ?? image[4] ?? "";
  const scene = kind === "scene" ? h.state.scenes.get(id) : undefined;
  const group = kind === "group" ? h.state.groups.get(id) : undefined;
  const cover = scene ? sceneCover(scene) : group ? (group.frontImage ?? GROUP_PLACEHOLDER) : null;
  record.status = cover ? 200 : 404;
  if (!cover) send(res, 404, "text/plain", "not found");
  else send(res, 200, cover.contentType, cover.bytes);
}

const GROUP_PLACEHOLDER = {
  bytes: new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'),
  contentType: "image/svg+xml",
};

async function route(h: Handling, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://fake");
  const record: RecordedRequest = {
    method: req.method ?? "GET",
    path: url.pathname,
    operationName: null,
    variables: null,
    hadCookie: req.headers.cookie !== undefined,
    status: 0,
  };
  h.requests.push(record);
  const image = /^\/(scene)\/(\d+)\/screenshot$|^\/(group)\/(\d+)\/frontimage$/.exec(url.pathname);
  const isGraphql = url.pathname === "/graphql" && req.method === "POST";
  if (!isGraphql && !(image && req.method === "GET")) {
    record.status = 404;
    return send(res, 404, "text/plain", "not found");
  }
  if (!h.sessions.isValid(sessionFromCookieHeader(req.headers.cookie))) {
    record.status = 401;
    return send(res, 401, "text/plain", "Unauthorized");
  }
  if (image) return handleImage(h, [...image], res, record);
  return handleGraphql(h, req, res, record);
}

export async function startFakeStash(options: FakeStashOptions = {}): Promise<FakeStash> {
  const state = new FakeStashState({
    clock: options.clock ?? systemClock,
    utcOffsetMinutes: options.utcOffsetMinutes ?? 0,
  });
  if (options.scenes) seedScenes(state, options.scenes);
  const sessions = new SessionStore(options.requireAuth ?? false);
  const jobs = new JobQueue(() => state.now());
  let runner: PluginRunner | null = null;
  const rootValue = createRootValue({ state, jobs, runner: () => runner });
  const h: Handling = {
    state,
    sessions,
    requests: [],
    faults: [],
    rootValue,
    externalHost: options.externalHost,
    interceptor: null,
  };
  const server = createServer((req, res) => {
    route(h, req, res).catch((error: unknown) => {
      if (!res.headersSent)
        send(res, 500, "text/plain", error instanceof Error ? error.message : String(error));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  if (options.plugin) {
    const p = options.plugin;
    runner = new PluginRunner({
      pluginDir: p.dir,
      ...(p.ymlName ? { ymlName: p.ymlName } : {}),
      port,
      stashDir: p.stashDir ?? dirname(p.dir),
      sessions,
      jobs,
      ...(p.env ? { env: p.env } : {}),
    });
  }
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    state,
    runner,
    jobs,
    sessions,
    loginCookie: `${SESSION_COOKIE_NAME}=${sessions.loginValue}`,
    requests: h.requests,
    injectFault: (fault) => h.faults.push(fault),
    intercept: (fn) => {
      h.interceptor = fn;
    },
    async stop() {
      for (const job of jobs.list()) jobs.stop(job.id);
      runner?.killAll();
      await jobs.idle();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
