/**
 * The fake Stash: GraphQL (graphql-js over the project's schema subset) from in-memory state, scene and group
 * images, the session cookie check when a password is set, and a plugin slot — the real plugin run the way Stash
 * runs it (given a plugin folder), or the canned plugin. `startFakeStash` serves it over HTTP on 127.0.0.1;
 * `createFakeStash` is the same Stash without a socket, reached through its in-process `fetch` (component tests).
 */
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname } from "node:path";
import { type Clock, systemClock } from "../../../plugin/core/clock.js";
import {
  answer,
  type GraphqlFault,
  type GraphqlInterceptor,
  type Handling,
  type RecordedRequest,
  type Reply,
} from "./answer.js";
import { CannedPlugin } from "./canned-plugin.js";
import { JobQueue } from "./jobs.js";
import type { PluginSlot } from "./plugin-slot.js";
import { createRootValue } from "./resolvers.js";
import { PluginRunner } from "./runner.js";
import { seedScenes } from "./seed.js";
import { SESSION_COOKIE_NAME, SessionStore } from "./sessions.js";
import { FakeStashState } from "./state.js";

export type { GraphqlFault, GraphqlInterceptor, RecordedRequest } from "./answer.js";

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
  /** Put the canned Stash2Plex in the plugin slot instead (ignored when `plugin` is given). */
  canned?: boolean;
}

/** The fake Stash without a socket. */
export interface FakeStashCore {
  state: FakeStashState;
  jobs: JobQueue;
  sessions: SessionStore;
  /** The canned plugin, when the slot holds it. */
  canned: CannedPlugin | null;
  /** `session=<value>` a test client may send: a logged-in browser session. */
  loginCookie: string;
  requests: RecordedRequest[];
  /** Answers a request in-process, exactly as the HTTP server would (a `hang` fault never settles). */
  fetch: typeof fetch;
  injectFault(fault: GraphqlFault): void;
  /**
   * Runs `fn` around each GraphQL operation: "before" it executes and "after" it executed but before the
   * answer is sent (e.g. to SIGKILL the plugin at that moment). null removes it.
   */
  intercept(fn: GraphqlInterceptor | null): void;
}

export interface FakeStash extends FakeStashCore {
  url: string;
  port: number;
  /** The real plugin's runner, when started with a plugin folder. */
  runner: PluginRunner | null;
  stop(): Promise<void>;
}

interface Assembled {
  core: FakeStashCore;
  h: Handling;
  setPlugin(slot: PluginSlot): void;
  plugin(): PluginSlot | null;
}

function assemble(options: FakeStashOptions): Assembled {
  const clock = options.clock ?? systemClock;
  const state = new FakeStashState({
    clock,
    utcOffsetMinutes: options.utcOffsetMinutes ?? 0,
  });
  if (options.scenes) seedScenes(state, options.scenes);
  const sessions = new SessionStore(options.requireAuth ?? false);
  const jobs = new JobQueue(() => state.now());
  let slot: PluginSlot | null = null;
  const canned =
    options.canned && !options.plugin ? new CannedPlugin({ jobs, now: () => clock.now() }) : null;
  slot = canned;
  const h: Handling = {
    state,
    sessions,
    requests: [],
    faults: [],
    rootValue: createRootValue({ state, jobs, plugin: () => slot }),
    externalHost: options.externalHost,
    interceptor: null,
  };
  const core: FakeStashCore = {
    state,
    jobs,
    sessions,
    canned,
    loginCookie: `${SESSION_COOKIE_NAME}=${sessions.loginValue}`,
    requests: h.requests,
    fetch: (input, init) => fetchInProcess(h, input, init),
    injectFault: (fault) => h.faults.push(fault),
    intercept: (fn) => {
      h.interceptor = fn;
    },
  };
  return {
    core,
    h,
    setPlugin: (next) => {
      slot = next;
    },
    plugin: () => slot,
  };
}

/** The fake Stash without a socket (component tests reach it through `fetch`). */
export function createFakeStash(options: FakeStashOptions = {}): FakeStashCore {
  return assemble(options).core;
}

async function fetchInProcess(h: Handling, input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const request = new Request(
    new URL(String(input instanceof Request ? input.url : input), "http://stash.local"),
    init,
  );
  const url = new URL(request.url);
  const result = await answer(h, {
    method: request.method,
    url: `${url.pathname}${url.search}`,
    cookie: request.headers.get("cookie") ?? undefined,
    host: url.host,
    body: () => request.text(),
  });
  if (result === null) return new Promise<Response>(() => {});
  const body = typeof result.body === "string" ? result.body : new Blob([new Uint8Array(result.body)]);
  return new Response(body, {
    status: result.status,
    headers: { "content-type": result.contentType },
  });
}

function send(res: ServerResponse, result: Reply): void {
  res.writeHead(result.status, {
    "content-type": result.contentType,
    "content-length": Buffer.byteLength(result.body),
  });
  res.end(result.body);
}

function readBody(req: import("node:http").IncomingMessage): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolvePromise(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export async function startFakeStash(options: FakeStashOptions = {}): Promise<FakeStash> {
  const { core, h, setPlugin, plugin } = assemble(options);
  const server = createServer((req, res) => {
    const incoming = {
      method: req.method ?? "GET",
      url: req.url ?? "/",
      cookie: req.headers.cookie,
      host: req.headers.host ?? "127.0.0.1",
      body: () => readBody(req),
    };
    answer(h, incoming)
      .then((result) => {
        if (result) send(res, result);
      })
      .catch((error: unknown) => {
        if (!res.headersSent)
          send(res, {
            status: 500,
            contentType: "text/plain",
            body: error instanceof Error ? error.message : String(error),
          });
      });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  let runner: PluginRunner | null = null;
  if (options.plugin) {
    const p = options.plugin;
    runner = new PluginRunner({
      pluginDir: p.dir,
      ...(p.ymlName ? { ymlName: p.ymlName } : {}),
      port,
      stashDir: p.stashDir ?? dirname(p.dir),
      sessions: core.sessions,
      jobs: core.jobs,
      ...(p.env ? { env: p.env } : {}),
    });
    setPlugin(runner);
  }
  return {
    ...core,
    url: `http://127.0.0.1:${port}`,
    port,
    runner,
    async stop() {
      for (const job of core.jobs.list()) core.jobs.stop(job.id);
      plugin()?.killAll();
      await core.jobs.idle();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
