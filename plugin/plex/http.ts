/**
 * One HTTP exchange with Plex (through plugin/net/http-fetch.ts): headers, token, timeouts, classification.
 *
 * Timeouts (one AbortController, two phases):
 *  - connect: from sending the request until the response headers arrive (`connectTimeoutMs`);
 *  - read: from the headers until the whole body is in (`readTimeoutMs`).
 * The token travels only in the `X-Plex-Token` header; redirects are not followed (a custom header
 * would be replayed to wherever a proxy points us), so a 3xx is reported as `bad_response`.
 */

import { PLUGIN_VERSION } from "../core/version.js";
import type { Logger } from "../log/logger.js";
import { httpFetch } from "../net/http-fetch.js";
import type { FetchLike } from "../net/http-response.js";
import {
  isPlexError,
  kindForNetworkError,
  kindForStatus,
  networkErrorCode,
  PlexError,
  type PlexErrorKind,
} from "./errors.js";

export type HttpMethod = "GET" | "PUT" | "POST" | "DELETE";
/** Query parameters in wire order; each key and value is sent through encodeURIComponent. */
export type QueryParams = ReadonlyArray<readonly [string, string]>;

export interface PlexRequestEvent {
  method: HttpMethod;
  /** Path without the query string. */
  path: string;
  status: number | null;
  kind: PlexErrorKind | null;
  durationMs: number;
  bytesIn: number;
}

export interface PlexTransportOptions {
  baseUrl: string;
  token: string;
  clientIdentifier: string;
  connectTimeoutMs: number;
  readTimeoutMs: number;
  logger: Logger;
  fetch?: FetchLike;
  product?: string;
  version?: string;
  /** Called after every request (success or failure): for stats and benches. */
  onRequest?: (event: PlexRequestEvent) => void;
}

export interface PlexRequest {
  method: HttpMethod;
  path: string;
  query?: QueryParams;
  headers?: Readonly<Record<string, string>>;
  body?: Uint8Array;
  /** The caller's cancellation (e.g. cockatiel's); its abort reason is re-thrown unchanged. */
  signal?: AbortSignal;
}

export interface PlexResponse {
  status: number;
  contentType: string;
  body: Uint8Array;
}

export interface PlexTransport {
  send(request: PlexRequest): Promise<PlexResponse>;
  requestCount(): number;
}

export function encodeQuery(query: QueryParams): string {
  return query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
}

function baseHeaders(options: PlexTransportOptions): Record<string, string> {
  const product = options.product ?? "Stash2Plex";
  return {
    Accept: "application/json",
    "X-Plex-Token": options.token,
    "X-Plex-Client-Identifier": options.clientIdentifier,
    "X-Plex-Product": product,
    "X-Plex-Version": options.version ?? PLUGIN_VERSION,
    "X-Plex-Platform": "Node.js",
    "X-Plex-Platform-Version": process.versions.node,
    "X-Plex-Device-Name": `${product} Plugin`,
  };
}

type Phase = "connect" | "read";

interface Exchange {
  controller: AbortController;
  timedOut: Phase | null;
  timer: ReturnType<typeof setTimeout> | undefined;
}

function startPhase(exchange: Exchange, phase: Phase, ms: number): void {
  clearTimeout(exchange.timer);
  exchange.timer = setTimeout(() => {
    exchange.timedOut = phase;
    exchange.controller.abort(new Error(`${phase} timeout`));
  }, ms);
}

export function createPlexTransport(options: PlexTransportOptions): PlexTransport {
  const doFetch = options.fetch ?? httpFetch;
  const base = options.baseUrl.replace(/\/+$/, "");
  const headers = baseHeaders(options);
  const log = options.logger;
  let count = 0;

  function failure(request: PlexRequest, exchange: Exchange, e: unknown): unknown {
    const { method, path } = request;
    if (exchange.timedOut) {
      const ms = exchange.timedOut === "connect" ? options.connectTimeoutMs : options.readTimeoutMs;
      const what = exchange.timedOut === "connect" ? "no response headers" : "response body not complete";
      return new PlexError({ kind: "timeout", method, path, detail: `${what} within ${ms} ms`, cause: e });
    }
    if (request.signal?.aborted) return request.signal.reason;
    const kind = kindForNetworkError(e);
    if (kind === null) return e;
    const code = networkErrorCode(e) ?? "unknown";
    const detail =
      kind === "bad_response" ? `not a usable HTTP answer (${code})` : `network failure (${code})`;
    return new PlexError({ kind, method, path, detail, cause: e });
  }

  async function exchangeOnce(request: PlexRequest, exchange: Exchange): Promise<PlexResponse> {
    const query = request.query && request.query.length > 0 ? `?${encodeQuery(request.query)}` : "";
    startPhase(exchange, "connect", options.connectTimeoutMs);
    const response = await doFetch(`${base}${request.path}${query}`, {
      method: request.method,
      headers: { ...headers, ...request.headers },
      ...(request.body ? { body: new Uint8Array(request.body) } : {}),
      signal: exchange.controller.signal,
      redirect: "manual",
    });
    startPhase(exchange, "read", options.readTimeoutMs);
    const body = new Uint8Array(await response.arrayBuffer());
    clearTimeout(exchange.timer);
    return { status: response.status, contentType: response.headers.get("content-type") ?? "", body };
  }

  async function send(request: PlexRequest): Promise<PlexResponse> {
    count += 1;
    const started = performance.now();
    const exchange: Exchange = { controller: new AbortController(), timedOut: null, timer: undefined };
    const onCallerAbort = () => exchange.controller.abort(request.signal?.reason);
    request.signal?.throwIfAborted();
    request.signal?.addEventListener("abort", onCallerAbort, { once: true });
    let status: number | null = null;
    let kind: PlexErrorKind | null = null;
    let bytesIn = 0;
    try {
      const response = await exchangeOnce(request, exchange).catch((e: unknown) => {
        throw failure(request, exchange, e);
      });
      status = response.status;
      bytesIn = response.body.byteLength;
      if (status >= 200 && status < 300) return response;
      kind = status >= 300 && status < 400 ? "bad_response" : kindForStatus(status);
      const detail = kind === "bad_response" ? `unexpected redirect HTTP ${status}` : `HTTP ${status}`;
      throw new PlexError({ kind, status, method: request.method, path: request.path, detail });
    } catch (e) {
      if (kind === null && isPlexError(e)) kind = e.kind;
      throw e;
    } finally {
      clearTimeout(exchange.timer);
      request.signal?.removeEventListener("abort", onCallerAbort);
      const durationMs = Math.round(performance.now() - started);
      log.debug(`${request.method} ${request.path} → ${status ?? kind ?? "error"} (${durationMs} ms)`);
      options.onRequest?.({ method: request.method, path: request.path, status, kind, durationMs, bytesIn });
    }
  }

  return { send, requestCount: () => count };
}
