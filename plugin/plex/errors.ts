import { hasErrorMarker, networkErrorCode, TIMEOUT_CODES } from "../core/error-marks.js";
import { INVALID_STATUS_CODE } from "../net/http-fetch.js";
/**
 * The one error type the Plex client throws for anything Plex (or the network to it) did.
 *
 * Classification uses only the HTTP status or the network failure code — never a response body
 * (Plex error bodies are stock HTML or a maintenance XML element, nothing a client can rely on).
 * A `kind` marker (not `instanceof`) identifies the error, so it survives bundling and JSON.
 * Messages name the method and URL *path* only: no query string, no token.
 */
export const PLEX_ERROR_KINDS = [
  "server_down",
  "maintenance",
  "timeout",
  "rate_limited",
  "server_error",
  "auth",
  "not_found",
  "bad_request",
  "bad_response",
] as const;
export type PlexErrorKind = (typeof PLEX_ERROR_KINDS)[number];

export interface PlexErrorData {
  readonly isPlexError: true;
  readonly name: "PlexError";
  readonly kind: PlexErrorKind;
  readonly status?: number;
  readonly method: string;
  readonly path: string;
  readonly message: string;
}

export interface PlexErrorInit {
  kind: PlexErrorKind;
  method: string;
  /** URL path without the query string. */
  path: string;
  status?: number;
  /** What happened, in words; must not contain secrets. */
  detail: string;
  cause?: unknown;
}

export class PlexError extends Error implements PlexErrorData {
  readonly isPlexError = true as const;
  override readonly name = "PlexError" as const;
  readonly kind: PlexErrorKind;
  readonly status?: number;
  readonly method: string;
  readonly path: string;

  constructor(init: PlexErrorInit) {
    super(`Plex ${init.method} ${init.path}: ${init.detail} [${init.kind}]`, { cause: init.cause });
    this.kind = init.kind;
    if (init.status !== undefined) this.status = init.status;
    this.method = init.method;
    this.path = init.path;
  }

  toJSON(): PlexErrorData {
    return {
      isPlexError: true,
      name: "PlexError",
      kind: this.kind,
      ...(this.status === undefined ? {} : { status: this.status }),
      method: this.method,
      path: this.path,
      message: this.message,
    };
  }
}

function hasPlexMarker(e: unknown): e is Record<string, unknown> {
  return hasErrorMarker(e, "isPlexError", PLEX_ERROR_KINDS);
}

/** True for a PlexError thrown by this client (any bundle's copy of the class). */
export function isPlexError(e: unknown): e is PlexError {
  return hasPlexMarker(e) && e instanceof Error;
}

/** True for a PlexError or its `toJSON()` form after crossing a JSON boundary. */
export function isPlexErrorData(e: unknown): e is PlexErrorData {
  return hasPlexMarker(e) && typeof e.message === "string" && typeof e.method === "string";
}

/** HTTP status → kind. Only called for non-2xx statuses. */
export function kindForStatus(status: number): PlexErrorKind {
  if (status === 503) return "maintenance";
  if (status === 429) return "rate_limited";
  if (status === 401 || status === 403) return "auth";
  if (status === 404) return "not_found";
  if (status >= 500) return "server_error";
  return "bad_request";
}

const SERVER_DOWN_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ECONNRESET",
  "ECONNABORTED",
  "EHOSTUNREACH",
  "EHOSTDOWN",
  "ENETUNREACH",
  "ENETDOWN",
  "ETIMEDOUT",
  "EPIPE",
  "EADDRNOTAVAIL",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
]);

/**
 * Network failure → kind, or null when the throw is not a recognised network failure
 * (a bad URL, a bug of ours): the caller re-throws those unchanged.
 */
export function kindForNetworkError(e: unknown): PlexErrorKind | null {
  const code = networkErrorCode(e);
  if (code === null) return null;
  if (SERVER_DOWN_CODES.has(code)) return "server_down";
  if (TIMEOUT_CODES.has(code)) return "timeout";
  // Node's HTTP parser (HPE_*) or a status no Response can carry: something answered, but not HTTP we can use.
  if (code.startsWith("HPE_") || code === INVALID_STATUS_CODE) return "bad_response";
  return null;
}

export { networkErrorCode };
