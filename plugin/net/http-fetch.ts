/**
 * `fetch` for the plugin's own requests (Stash GraphQL, Stash images, Plex), on node:http / node:https.
 *
 * Why not Node's built-in fetch: its first request loads undici and compiles undici's WebAssembly HTTP parser,
 * and a short-lived process then waits for V8's background WebAssembly compilation before it can exit — more
 * than the request itself costs (docs/benchmarks.md, "HTTP on node:http"). Every UI operation and task is such
 * a process.
 *
 * What is kept of fetch's contract, for what our callers use:
 *  - resolves when the response headers arrive, with the part of a Response our callers read (http-response.ts);
 *    the body is read after that (a caller can time the two phases apart);
 *  - network failures reject with `TypeError("fetch failed", { cause })`, the cause carrying the system
 *    error code (ECONNREFUSED, ECONNRESET, ENOTFOUND, …);
 *  - an abort through `init.signal` — before the headers or while the body is read — rejects with the
 *    signal's reason, and stops the transfer;
 *  - request bodies: string or bytes; headers: a plain object, a Headers, or pairs.
 *  - a status a Response cannot carry (below 200 or above 599) rejects like a network failure, with the
 *    cause's code INVALID_STATUS_CODE, so callers can report it as a bad answer.
 * Different on purpose: redirects are never followed (both clients send credentials in headers, which a
 * redirect would hand to another host), and no `Accept-Encoding` is added, so bodies arrive uncompressed.
 * A request on a kept-alive socket that the server closed meanwhile (ECONNRESET before any answer) is sent
 * once more on a fresh socket, as Node's documentation recommends; every request we send is safe to repeat.
 */
import type http from "node:http";
import { HttpResponse } from "./http-response.js";

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

type HeaderPairs = Record<string, string>;

function toHeaderPairs(init: RequestInit["headers"]): HeaderPairs {
  const out: HeaderPairs = {};
  if (!init) return out;
  // Headers and arrays of pairs are iterable; plain records are not. (No `instanceof Headers`: that alone
  // would load undici.)
  if (Symbol.iterator in init) {
    for (const [name, value] of init as Iterable<[string, string]>) out[name.toLowerCase()] = value;
    return out;
  }
  for (const [name, value] of Object.entries(init)) out[name.toLowerCase()] = String(value);
  return out;
}

function toBodyBytes(body: RequestInit["body"]): Uint8Array | null {
  if (body === undefined || body === null) return null;
  if (typeof body === "string") return Buffer.from(body, "utf8");
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  throw new TypeError("httpFetch sends string or byte bodies only");
}

/** The `code` of the cause when a server answered a status fetch's Response cannot carry (not 200–599). */
export const INVALID_STATUS_CODE = "ERR_INVALID_HTTP_STATUS";

function fetchFailed(cause: unknown): TypeError {
  return new TypeError("fetch failed", { cause });
}

function toResponse(
  res: http.IncomingMessage,
  method: string,
  signal: AbortSignal | undefined,
): HttpResponse {
  const status = res.statusCode ?? 0;
  const headers: Array<[string, string]> = [];
  for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
    headers.push([res.rawHeaders[i] ?? "", res.rawHeaders[i + 1] ?? ""]);
  }
  const noBody = NULL_BODY_STATUSES.has(status) || method === "HEAD";
  if (noBody) res.resume();
  return new HttpResponse(status, res.statusMessage ?? "", headers, noBody ? null : res, signal, fetchFailed);
}

/** Loaded on first use: a hook, which sends nothing, should not pay for loading http, https and tls. */
type Transport = Pick<typeof http, "request">;
async function loadTransport(protocol: string): Promise<Transport> {
  return protocol === "https:" ? (await import("node:https")).default : (await import("node:http")).default;
}

interface Attempt {
  url: URL;
  method: string;
  headers: HeaderPairs;
  body: Uint8Array | null;
  signal: AbortSignal | undefined;
}

async function send(attempt: Attempt, mayRetry: boolean): Promise<HttpResponse> {
  const { url, method, headers, body, signal } = attempt;
  const transport = await loadTransport(url.protocol);
  return new Promise((resolve, reject) => {
    const request = transport.request(url, { method, headers });
    const onAbort = () => {
      request.destroy();
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    request.on("error", (error: NodeJS.ErrnoException) => {
      signal?.removeEventListener("abort", onAbort);
      if (signal?.aborted) return reject(signal.reason);
      if (mayRetry && request.reusedSocket && error.code === "ECONNRESET") {
        return resolve(send(attempt, false));
      }
      reject(fetchFailed(error));
    });
    request.on("response", (res) => {
      signal?.removeEventListener("abort", onAbort);
      const status = res.statusCode ?? 0;
      if (status < 200 || status > 599) {
        res.destroy();
        const cause = Object.assign(new Error(`invalid HTTP status ${status}`), {
          code: INVALID_STATUS_CODE,
        });
        return reject(fetchFailed(cause));
      }
      resolve(toResponse(res, method, signal));
    });
    request.end(body ?? undefined);
  });
}

export async function httpFetch(
  input: string | URL | Request,
  init: RequestInit = {},
): Promise<HttpResponse> {
  if (typeof input !== "string" && !(input instanceof URL)) {
    throw new TypeError("httpFetch takes a URL (string or URL object), not a Request");
  }
  const url = new URL(input);
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw fetchFailed(new Error(`unsupported protocol ${url.protocol}`));
  }
  const signal = init.signal ?? undefined;
  signal?.throwIfAborted();
  const method = (init.method ?? "GET").toUpperCase();
  const headers = toHeaderPairs(init.headers);
  const body = toBodyBytes(init.body);
  if (body) headers["content-length"] = String(body.byteLength);
  return send({ url, method, headers, body, signal }, true);
}
