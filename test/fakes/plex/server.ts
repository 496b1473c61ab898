/**
 * A fake Plex Media Server on 127.0.0.1 (node:http) for integration tests and benches.
 * Request pipeline: record → concurrency cap → latency → fault → auth → finish due scans → route → render.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type Clock, systemClock } from "../../../plugin/core/clock.js";
import { type Fault, FaultRegistry } from "./faults.js";
import type { FakeItem, ItemSpec, PendingFileSpec, SectionSpec } from "./model.js";
import { errorBody, xmlDocument } from "./render.js";
import { type Reply, type RouteContext, route } from "./routes.js";
import { FakePlexState } from "./state.js";
import { decodeQuery, type FakeRequest, recordRequest } from "./wire.js";

export interface FakePlexOptions {
  token?: string;
  machineIdentifier?: string;
  version?: string;
  clock?: Clock;
  /** Default: one movie section "1" "Scenes" at /data/scenes. */
  sections?: SectionSpec[];
  items?: ItemSpec[];
  pending?: PendingFileSpec[];
  /** Scan duration; 0 (default) = a started scan finishes at the next request. */
  scanDelayMs?: number;
  /** Delay added to every request (benches). */
  latencyMs?: number;
  /** Requests handled at once; more wait in line (benches). */
  maxConcurrent?: number;
  maxPageSize?: number;
  omitTotalSize?: boolean;
}

export interface FakePlex {
  url: string;
  port: number;
  token: string;
  state: FakePlexState;
  requests: FakeRequest[];
  faults: FaultRegistry;
  addItem(spec: ItemSpec): FakeItem;
  setItem(ratingKey: string, mutate: (item: FakeItem) => void): FakeItem;
  removeItem(ratingKey: string): void;
  /** The item, or a thrown error (for assertions). */
  item(ratingKey: string): FakeItem;
  addPendingFile(spec: PendingFileSpec): void;
  /** Finishes every running scan now. */
  completeScans(): void;
  /** Requests whose URL carried the token (must stay empty). */
  tokenLeaks(): FakeRequest[];
  stats(): { handled: number; inFlight: number; peakInFlight: number };
  /** Closes the listener and every connection (clients then get ECONNREFUSED); `up()` reopens the port. */
  down(): Promise<void>;
  up(): Promise<void>;
  stop(): Promise<void>;
}

const PROXY_PAGE =
  "<html><head><title>Sign in</title></head><body><h1>Proxy login required</h1></body></html>";

export async function startFakePlex(options: FakePlexOptions = {}): Promise<FakePlex> {
  const token = options.token ?? "fake-plex-token-0123456789";
  const clock = options.clock ?? systemClock;
  const state = new FakePlexState(
    clock,
    options.machineIdentifier ?? "4f2c9d6a1b3e5f7081a2b3c4d5e6f7a8b9c0d1e2",
    options.scanDelayMs ?? 0,
  );
  for (const s of options.sections ?? [{ key: "1", title: "Scenes", locations: ["/data/scenes"] }])
    state.addSection(s);
  for (const spec of options.items ?? []) state.addItem(spec);
  for (const spec of options.pending ?? []) state.addPendingFile(spec);
  const ctx: RouteContext = {
    state,
    version: options.version ?? "1.41.6.9685-d301f511a",
    maxPageSize: options.maxPageSize ?? Number.POSITIVE_INFINITY,
    omitTotalSize: options.omitTotalSize ?? false,
  };
  const faults = new FaultRegistry();
  const requests: FakeRequest[] = [];
  const sleepers = new Set<() => void>();
  const hanging = new Set<ServerResponse>();
  const waiting: Array<() => void> = [];
  const counters = { handled: 0, inFlight: 0, peakInFlight: 0 };
  let stopped = false;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      sleepers.add(done);
    });

  async function acquire(): Promise<void> {
    const cap = options.maxConcurrent ?? Number.POSITIVE_INFINITY;
    while (counters.inFlight >= cap) await new Promise<void>((r) => waiting.push(r));
    counters.inFlight += 1;
    counters.peakInFlight = Math.max(counters.peakInFlight, counters.inFlight);
  }
  function release(): void {
    counters.inFlight -= 1;
    waiting.shift()?.();
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const entry = recordRequest(req, token, clock.now());
    requests.push(entry);
    const body = await readBody(req);
    await acquire();
    try {
      if (options.latencyMs) await sleep(options.latencyMs);
      const fault = faults.take(entry.method, entry.path, clock.now());
      if (fault && (await applyFault(fault, req, res, entry))) return;
      const reply = answer(req, entry, body);
      await send(res, entry, reply, wantsJson(req), fault?.type === "slow-body" ? (fault.delayMs ?? 0) : 0);
    } finally {
      counters.handled += 1;
      release();
    }
  }

  /** Returns true when the fault produced the whole outcome. */
  async function applyFault(fault: Fault, req: IncomingMessage, res: ServerResponse, entry: FakeRequest) {
    switch (fault.type) {
      case "refuse":
        entry.status = null;
        req.socket.destroy();
        return true;
      case "hang":
        hanging.add(res);
        res.on("close", () => hanging.delete(res));
        return true;
      case "slow":
        await sleep(fault.delayMs ?? 0);
        return false;
      case "slow-body":
        return false;
      case "status": {
        const status = fault.status ?? 500;
        const stock = errorBody(status);
        const raw = { body: fault.body ?? stock.body, contentType: fault.contentType ?? stock.contentType };
        await send(res, entry, { status, raw }, false, 0);
        return true;
      }
      case "garbage": {
        const raw = { body: fault.body ?? PROXY_PAGE, contentType: fault.contentType ?? "text/html" };
        await send(res, entry, { status: 200, raw }, false, 0);
        return true;
      }
    }
  }

  function answer(req: IncomingMessage, entry: FakeRequest, body: Uint8Array): Reply {
    const params = decodeQuery(entry.rawQuery);
    if (params === null) return { status: 400 };
    if (entry.path !== "/identity" && !hasValidToken(req, params, token)) return { status: 401 };
    state.completeDueScans();
    const query = new URLSearchParams(params);
    return route(ctx, { method: entry.method, path: entry.path, params, query, headers: req.headers, body });
  }

  async function send(
    res: ServerResponse,
    entry: FakeRequest,
    reply: Reply,
    json: boolean,
    bodyDelayMs: number,
  ) {
    const { body, contentType } = renderReply(reply, json);
    entry.status = reply.status;
    if (res.destroyed) return;
    res.writeHead(reply.status, { "Content-Type": contentType, ...reply.headers });
    const bytes = typeof body === "string" ? Buffer.from(body) : Buffer.from(body);
    if (bodyDelayMs > 0) {
      res.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
      await sleep(bodyDelayMs);
      if (!res.destroyed) res.end(bytes.subarray(Math.floor(bytes.length / 2)));
      return;
    }
    res.end(bytes);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent && !res.destroyed) res.writeHead(500).end(String(e));
    });
  });
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        server.off("error", reject);
        resolve((server.address() as AddressInfo).port);
      });
    });
  const close = () =>
    new Promise<void>((resolve) => {
      for (const res of hanging) res.destroy();
      hanging.clear();
      server.close(() => resolve());
      server.closeAllConnections();
    });
  const port = await listen(0);

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    token,
    state,
    requests,
    faults,
    addItem: (spec) => state.addItem(spec),
    setItem: (rk, mutate) => state.setItem(rk, mutate),
    removeItem: (rk) => state.removeItem(rk),
    item: (rk) => {
      const item = state.items.get(rk);
      if (!item) throw new Error(`fake Plex: no item ${rk}`);
      return item;
    },
    addPendingFile: (spec) => state.addPendingFile(spec),
    completeScans: () => state.completeDueScans(true),
    tokenLeaks: () => requests.filter((r) => r.tokenInUrl),
    stats: () => ({ ...counters }),
    down: close,
    up: async () => {
      if (!server.listening) await listen(port);
    },
    stop: async () => {
      if (stopped) return;
      stopped = true;
      for (const wake of [...sleepers]) wake();
      if (server.listening) await close();
    },
  };
}

function renderReply(reply: Reply, json: boolean): { body: string | Uint8Array; contentType: string } {
  if (reply.raw) return reply.raw;
  if (reply.container) {
    return json
      ? { body: JSON.stringify({ MediaContainer: reply.container }), contentType: "application/json" }
      : { body: xmlDocument(reply.container), contentType: "text/xml;charset=utf-8" };
  }
  if (reply.status >= 200 && reply.status < 300) return { body: "", contentType: "text/plain" };
  return errorBody(reply.status);
}

function wantsJson(req: IncomingMessage): boolean {
  return (req.headers.accept ?? "").includes("application/json");
}

function hasValidToken(req: IncomingMessage, params: Array<[string, string]>, token: string): boolean {
  const header = req.headers["x-plex-token"];
  if (header === token) return true;
  return params.some(([k, v]) => k.toLowerCase() === "x-plex-token" && v === token);
}

function readBody(req: IncomingMessage): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    req.on("error", reject);
  });
}
