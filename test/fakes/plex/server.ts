/**
 * A fake Plex Media Server on 127.0.0.1 (node:http) for integration tests and benches.
 * Request pipeline: record → concurrency cap → latency → fault → auth → finish due scans → route → render.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type Clock, systemClock } from "../../../plugin/core/clock.js";
import { type Fault, FaultRegistry } from "./faults.js";
import type { FakeItem, ItemSpec, PendingFileSpec, SectionSpec } from "./model.js";
import { Gate, Sleeper } from "./pacing.js";
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

/** The HTTP side: request pipeline, faults, listener lifecycle. */
class FakePlexHttp {
  readonly requests: FakeRequest[] = [];
  readonly faults = new FaultRegistry();
  readonly server: Server;
  private readonly sleeper = new Sleeper();
  private readonly hanging = new Set<ServerResponse>();
  readonly gate: Gate;
  port = 0;

  constructor(
    private readonly ctx: RouteContext,
    private readonly token: string,
    private readonly clock: Clock,
    private readonly latencyMs: number,
    maxConcurrent: number,
  ) {
    this.gate = new Gate(maxConcurrent);
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((e: unknown) => {
        if (!res.headersSent && !res.destroyed) res.writeHead(500).end(String(e));
      });
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const entry = recordRequest(req, this.token, this.clock.now());
    this.requests.push(entry);
    const body = await readBody(req);
    await this.gate.acquire();
    try {
      if (this.latencyMs > 0) await this.sleeper.sleep(this.latencyMs);
      const fault = this.faults.take(entry.method, entry.path, this.clock.now());
      if (fault && (await this.applyFault(fault, req, res, entry))) return;
      const reply = this.answer(req, entry, body);
      const bodyDelay = fault?.type === "slow-body" ? (fault.delayMs ?? 0) : 0;
      await this.send(res, entry, reply, wantsJson(req), bodyDelay);
    } finally {
      this.gate.release();
    }
  }

  /** Returns true when the fault produced the whole outcome. */
  private async applyFault(fault: Fault, req: IncomingMessage, res: ServerResponse, entry: FakeRequest) {
    switch (fault.type) {
      case "refuse":
        req.socket.destroy();
        return true;
      case "hang":
        this.hanging.add(res);
        res.on("close", () => this.hanging.delete(res));
        return true;
      case "slow":
        await this.sleeper.sleep(fault.delayMs ?? 0);
        return false;
      case "slow-body":
        return false;
      case "status": {
        const status = fault.status ?? 500;
        const stock = errorBody(status);
        const raw = { body: fault.body ?? stock.body, contentType: fault.contentType ?? stock.contentType };
        await this.send(res, entry, { status, raw }, false, 0);
        return true;
      }
      case "garbage": {
        const raw = { body: fault.body ?? PROXY_PAGE, contentType: fault.contentType ?? "text/html" };
        await this.send(res, entry, { status: 200, raw }, false, 0);
        return true;
      }
    }
  }

  private answer(req: IncomingMessage, entry: FakeRequest, body: Uint8Array): Reply {
    const params = decodeQuery(entry.rawQuery);
    if (params === null) return { status: 400 };
    if (entry.path !== "/identity" && !hasValidToken(req, params, this.token)) return { status: 401 };
    this.ctx.state.completeDueScans();
    const query = new URLSearchParams(params);
    return route(this.ctx, {
      method: entry.method,
      path: entry.path,
      params,
      query,
      headers: req.headers,
      body,
    });
  }

  private async send(
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
    const bytes = Buffer.from(body);
    if (bodyDelayMs <= 0) {
      res.end(bytes);
      return;
    }
    const half = Math.floor(bytes.length / 2);
    res.write(bytes.subarray(0, half));
    await this.sleeper.sleep(bodyDelayMs);
    if (!res.destroyed) res.end(bytes.subarray(half));
  }

  listen(port: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, "127.0.0.1", () => {
        this.server.off("error", reject);
        this.port = (this.server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  close(): Promise<void> {
    return new Promise<void>((resolve) => {
      for (const res of this.hanging) res.destroy();
      this.hanging.clear();
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  async stop(): Promise<void> {
    this.sleeper.wakeAll();
    if (this.server.listening) await this.close();
  }
}

function createState(options: FakePlexOptions, clock: Clock): FakePlexState {
  const machineIdentifier = options.machineIdentifier ?? "4f2c9d6a1b3e5f7081a2b3c4d5e6f7a8b9c0d1e2";
  const state = new FakePlexState(clock, machineIdentifier, options.scanDelayMs ?? 0);
  for (const s of options.sections ?? [{ key: "1", title: "Scenes", locations: ["/data/scenes"] }])
    state.addSection(s);
  for (const spec of options.items ?? []) state.addItem(spec);
  for (const spec of options.pending ?? []) state.addPendingFile(spec);
  return state;
}

export async function startFakePlex(options: FakePlexOptions = {}): Promise<FakePlex> {
  const token = options.token ?? "fake-plex-token-0123456789";
  const clock = options.clock ?? systemClock;
  const state = createState(options, clock);
  const ctx: RouteContext = {
    state,
    version: options.version ?? "1.41.6.9685-d301f511a",
    maxPageSize: options.maxPageSize ?? Number.POSITIVE_INFINITY,
    omitTotalSize: options.omitTotalSize ?? false,
  };
  const maxConcurrent = options.maxConcurrent ?? Number.POSITIVE_INFINITY;
  const http = new FakePlexHttp(ctx, token, clock, options.latencyMs ?? 0, maxConcurrent);
  await http.listen(0);
  const port = http.port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    token,
    state,
    requests: http.requests,
    faults: http.faults,
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
    tokenLeaks: () => http.requests.filter((r) => r.tokenInUrl),
    stats: () => ({ ...http.gate.counters }),
    down: () => http.close(),
    up: async () => {
      if (!http.server.listening) await http.listen(port);
    },
    stop: () => http.stop(),
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
