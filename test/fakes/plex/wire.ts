/** Wire-level helpers of the fake: Plex-like query decoding and the request log. */
import type { IncomingMessage } from "node:http";

export interface FakeRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  /** Decoded query (as Plex decodes it: `+` → space, %XX → UTF-8); null if undecodable. */
  query: URLSearchParams;
  /** The same, in wire order. */
  params: Array<[string, string]>;
  /** The query string exactly as sent, for encoding assertions. */
  rawQuery: string;
  /** Lower-cased request headers, without X-Plex-Token. */
  headers: Record<string, string>;
  /** Where the token came from. */
  tokenVia: "header" | "query" | "none";
  /** The token (or an X-Plex-Token parameter) appeared in the URL: a leak. */
  tokenInUrl: boolean;
  /** Fake clock, epoch ms. */
  at: number;
  /** Status sent; null while in progress, or when the connection was dropped. */
  status: number | null;
}

function decodeComponent(text: string): string {
  return decodeURIComponent(text.replace(/\+/g, " "));
}

/** `a=1&b=x+y` → [["a","1"],["b","x y"]]; null when a %-escape is malformed. */
export function decodeQuery(raw: string): Array<[string, string]> | null {
  const pairs: Array<[string, string]> = [];
  try {
    for (const piece of raw.split("&")) {
      if (piece === "") continue;
      const eq = piece.indexOf("=");
      const key = eq < 0 ? piece : piece.slice(0, eq);
      const value = eq < 0 ? "" : piece.slice(eq + 1);
      pairs.push([decodeComponent(key), decodeComponent(value)]);
    }
  } catch {
    return null;
  }
  return pairs;
}

export function recordRequest(req: IncomingMessage, token: string, at: number): FakeRequest {
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  const path = q < 0 ? url : url.slice(0, q);
  const rawQuery = q < 0 ? "" : url.slice(q + 1);
  const params = decodeQuery(rawQuery) ?? [];
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (name === "x-plex-token" || value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  const queryToken = params.some(([k]) => k.toLowerCase() === "x-plex-token");
  const tokenInUrl = queryToken || url.includes(token) || url.includes(encodeURIComponent(token));
  const tokenVia = req.headers["x-plex-token"] !== undefined ? "header" : queryToken ? "query" : "none";
  return {
    method: req.method ?? "GET",
    path,
    query: new URLSearchParams(params),
    params,
    rawQuery,
    headers,
    tokenVia,
    tokenInUrl,
    at,
    status: null,
  };
}
