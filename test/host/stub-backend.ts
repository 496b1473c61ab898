import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { OPERATIONS } from "../../plugin/ops/contract-args";
import { isOperationName, type OperationName } from "../../plugin/ops/contracts";
import { LIBRARIES, pluginsFromManifest, queueList, queueSummary, sceneStatusFor } from "./canned";

/**
 * A stand-in for Stash's /graphql that answers the UI's requests with canned, contract-valid data — used by the
 * component tests (through `stubFetch`) and the first browser test (through `startStubServer`), until the real
 * fake Stash + bundled plugin replace it. Every answer is checked against the contract before it is sent.
 */
export const RUNTIME_MISSING_TEXT = 'exec: "node": executable file not found in $PATH';

export interface StubCall {
  kind: "operation" | "task" | "findJob" | "settings" | "saveSettings" | "version";
  op?: string;
  args?: Record<string, unknown>;
}

export interface StubBackend {
  calls: StubCall[];
  settings: Record<string, unknown>;
  version: string;
  /** Answer the plugin list's setting words from the real manifest (off: as a Stash that gives none). */
  settingWords: boolean;
  /** When set, every plugin operation fails as when Stash cannot start node. */
  runtimeMissing: boolean;
  /** Operation name → error text the plugin answers with. */
  failures: Map<string, string>;
  /** Operation name → answer to give instead of the canned one (still checked against the contract). */
  overrides: Map<string, unknown>;
  /** Operations that never answer until released (to observe loading states). */
  hold: Set<string>;
  /** Last Stash job id handed out by runPluginTask. */
  lastJobId: number;
  now(): number;
  handle(body: unknown): Promise<{ status: number; json: unknown }>;
}

interface GraphqlRequest {
  query: string;
  variables: Record<string, unknown>;
}

export function createStubBackend(options: { now?: () => number } = {}): StubBackend {
  const backend: StubBackend = {
    calls: [],
    settings: {
      plex_url: "http://plex.example:32400",
      plex_token: "stub-token-0123456789",
      sync_rating: true,
    },
    version: "v0.28.1",
    settingWords: true,
    runtimeMissing: false,
    failures: new Map(),
    overrides: new Map(),
    hold: new Set(),
    lastJobId: 0,
    now: options.now ?? (() => Date.now()),
    handle: (body) => answer(backend, body as GraphqlRequest),
  };
  return backend;
}

async function answer(b: StubBackend, req: GraphqlRequest): Promise<{ status: number; json: unknown }> {
  const q = req.query ?? "";
  const vars = req.variables ?? {};
  if (q.includes("runPluginOperation")) {
    const args = (vars["args"] ?? {}) as Record<string, unknown>;
    const op = String(args["op"]);
    b.calls.push({ kind: "operation", op, args });
    if (b.hold.has(op)) await new Promise(() => {});
    if (b.runtimeMissing) return gqlError(`error running plugin: ${RUNTIME_MISSING_TEXT}`);
    const failure = b.failures.get(op);
    if (failure !== undefined) return gqlError(failure);
    if (!isOperationName(op)) return gqlError(`Unknown operation "${op}"`);
    const { op: _omit, ...opArgs } = args;
    return { status: 200, json: { data: { runPluginOperation: operationResult(b, op, opArgs) } } };
  }
  if (q.includes("runPluginTask")) {
    b.calls.push({ kind: "task", args: { name: vars["name"] } });
    b.lastJobId += 1;
    return { status: 200, json: { data: { runPluginTask: String(b.lastJobId) } } };
  }
  if (q.includes("findJob")) {
    b.calls.push({ kind: "findJob", args: vars });
    const job = {
      id: String(vars["id"]),
      status: "FINISHED",
      progress: 1,
      description: "Stash2Plex task",
      error: null,
    };
    return { status: 200, json: { data: { findJob: job } } };
  }
  if (q.includes("configurePlugin")) {
    b.calls.push({ kind: "saveSettings", args: vars });
    b.settings = { ...(vars["input"] as Record<string, unknown>) };
    return { status: 200, json: { data: { configurePlugin: b.settings } } };
  }
  if (q.includes("configuration")) {
    b.calls.push({ kind: "settings" });
    const configuration = { plugins: { Stash2Plex: b.settings } };
    // The settings panel asks for the settings' words from the manifest in the same query.
    const plugins = q.includes("display_name")
      ? { plugins: b.settingWords ? pluginsFromManifest() : [{ id: "Stash2Plex", settings: null }] }
      : {};
    return { status: 200, json: { data: { configuration, ...plugins } } };
  }
  if (q.includes("version")) {
    b.calls.push({ kind: "version" });
    return { status: 200, json: { data: { version: { version: b.version } } } };
  }
  return gqlError(`stub backend does not know this query: ${q.slice(0, 80)}`);
}

function gqlError(message: string) {
  return { status: 200, json: { errors: [{ message, path: ["runPluginOperation"] }], data: null } };
}

function operationResult(b: StubBackend, op: OperationName, raw: Record<string, unknown>): unknown {
  const args = OPERATIONS[op].args.parse(raw) as Record<string, unknown>;
  const now = b.now();
  const ack = { accepted: true, affected: 1, message: null };
  const result = (() => {
    if (b.overrides.has(op)) return b.overrides.get(op);
    switch (op) {
      case "scene.status":
        return sceneStatusFor(String(args["sceneId"]), now);
      case "queue.summary":
        return queueSummary(now);
      case "queue.list":
        return queueList(args as Parameters<typeof queueList>[0], now);
      case "plex.test":
        return { ok: true, version: "1.41.3.9314", latencyMs: 42, tokenValid: true, libraries: LIBRARIES };
      case "plex.libraries":
        return { libraries: LIBRARIES };
      case "paths.preview": {
        const path = String(args["path"]);
        return {
          mapped: path.replace(/^\/data/, "/media"),
          match: { state: "not_found", triedPaths: [path.replace(/^\/data/, "/media")] },
        };
      }
      default:
        return ack;
    }
  })();
  return OPERATIONS[op].result.parse(result);
}

/** A `fetch` that answers from the stub in-process (component tests). */
export function stubFetch(backend: StubBackend): typeof fetch {
  return async (_input, init) => {
    const body = JSON.parse(String(init?.body ?? "{}")) as unknown;
    const { status, json } = await backend.handle(body);
    return new Response(JSON.stringify(json), { status, headers: { "content-type": "application/json" } });
  };
}

/** Serves the stub on 127.0.0.1 at POST /graphql (browser tests). */
export async function startStubServer(
  backend: StubBackend,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => void serve(backend, req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

async function serve(backend: StubBackend, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== "POST" || !req.url?.endsWith("/graphql")) {
    res.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    const { status, json } = await backend.handle(JSON.parse(Buffer.concat(chunks).toString("utf8")));
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(json));
  } catch (error) {
    res.writeHead(500, { "content-type": "text/plain" }).end(String(error));
  }
}
