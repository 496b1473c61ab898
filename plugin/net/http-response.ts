import type http from "node:http";

/**
 * What httpFetch resolves to: the part of fetch's `Response` our callers and graphql-request read (status, ok,
 * headers.get, text/json/arrayBuffer, body.cancel). Not a WHATWG Response on purpose: Node builds `Response`
 * and `Headers` from undici, whose first use costs a process ~16 ms of loading (docs/decisions.md) — a third
 * of what a UI operation may take. The core bundle also gives graphql-request `HttpHeaders` for the global
 * `Headers` it names (vite.config.ts), so an operation never loads undici at all.
 */
export class HttpHeaders {
  private readonly map = new Map<string, string>();

  constructor(init?: Iterable<readonly [string, string]> | Record<string, string> | null) {
    if (!init) return;
    const pairs = Symbol.iterator in init ? init : Object.entries(init);
    for (const [name, value] of pairs as Iterable<readonly [string, string]>) this.append(name, value);
  }

  append(name: string, value: string): void {
    const key = name.toLowerCase();
    const before = this.map.get(key);
    this.map.set(key, before === undefined ? String(value) : `${before}, ${value}`);
  }

  set(name: string, value: string): void {
    this.map.set(name.toLowerCase(), String(value));
  }

  get(name: string): string | null {
    return this.map.get(name.toLowerCase()) ?? null;
  }

  has(name: string): boolean {
    return this.map.has(name.toLowerCase());
  }

  delete(name: string): void {
    this.map.delete(name.toLowerCase());
  }

  forEach(fn: (value: string, name: string) => void): void {
    for (const [name, value] of this.map) fn(value, name);
  }

  entries(): IterableIterator<[string, string]> {
    return this.map.entries();
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.map.entries();
  }
}

export class HttpResponse {
  readonly ok: boolean;
  readonly headers: HttpHeaders;
  /** Null for a status or method without a body (204, 304, HEAD …), as fetch's. */
  readonly body: { cancel(): Promise<void> } | null;
  private readonly whole: Promise<Buffer>;
  private used = false;

  /**
   * Starts reading the body at once (as fetch does), so the socket is freed whether or not a caller reads it;
   * `fail` turns a stream error into what fetch would reject with.
   */
  constructor(
    readonly status: number,
    readonly statusText: string,
    headers: Iterable<readonly [string, string]>,
    res: http.IncomingMessage | null,
    signal: AbortSignal | undefined,
    fail: (error: unknown) => unknown,
  ) {
    this.ok = status >= 200 && status <= 299;
    this.headers = new HttpHeaders(headers);
    this.body = res && { cancel: async () => void res.destroy() };
    this.whole = res ? collect(res, signal, fail) : Promise.resolve(Buffer.alloc(0));
    this.whole.catch(() => undefined); // read or not, a failed body is never an unhandled rejection
  }

  private bytes(): Promise<Buffer> {
    if (this.used) return Promise.reject(new TypeError("Body has already been read"));
    this.used = true;
    return this.whole;
  }

  async text(): Promise<string> {
    return (await this.bytes()).toString("utf8");
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = await this.bytes();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }
}

function collect(
  res: http.IncomingMessage,
  signal: AbortSignal | undefined,
  fail: (error: unknown) => unknown,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const onAbort = () => res.destroy();
    signal?.addEventListener("abort", onAbort, { once: true });
    const settle = () => signal?.removeEventListener("abort", onAbort);
    res.on("data", (chunk: Buffer) => chunks.push(chunk));
    res.on("end", () => {
      settle();
      resolve(Buffer.concat(chunks));
    });
    res.on("error", (error) => {
      settle();
      reject(signal?.aborted ? signal.reason : fail(error));
    });
    res.on("close", () => {
      settle();
      if (signal?.aborted) reject(signal.reason);
      else if (!res.complete) reject(fail(new Error("connection closed mid-body")));
    });
  });
}

/** The part of a fetch Response the clients read: an HttpResponse, or a real Response from a test's fetch. */
export interface ResponseLike {
  readonly status: number;
  readonly ok: boolean;
  readonly headers: { get(name: string): string | null };
  readonly body: { cancel(): Promise<void> } | null;
  text(): Promise<string>;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** httpFetch, or `fetch` itself (tests pass one that counts or fails requests). */
export type FetchLike = (input: string | URL, init?: RequestInit) => Promise<ResponseLike>;
