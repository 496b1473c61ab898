import { hasErrorMarker, networkErrorCode, TIMEOUT_CODES } from "../core/error-marks.js";
/**
 * The one error type the Stash client throws. A `kind` marker (not `instanceof`) identifies it, so it
 * survives bundling and JSON. Messages name the operation and what to check; never the session cookie.
 */
export const STASH_ERROR_KINDS = [
  /** Connection refused, DNS, reset: Stash is not running or not reachable at the address it gave us. */
  "unreachable",
  "timeout",
  /** 401/403: the session cookie was missing or rejected. */
  "auth",
  /** Other non-2xx HTTP status. */
  "http",
  /** Stash answered with GraphQL `errors`. */
  "graphql",
  /** The answer did not have the shape we rely on. */
  "invalid_data",
  /** A URL we were asked to fetch is not on the Stash origin (the cookie must not leave it). */
  "refused_url",
] as const;
export type StashErrorKind = (typeof STASH_ERROR_KINDS)[number];

export interface StashErrorData {
  readonly isStashError: true;
  readonly name: "StashError";
  readonly kind: StashErrorKind;
  readonly operation: string;
  readonly status?: number;
  readonly message: string;
}

export interface StashErrorInit {
  kind: StashErrorKind;
  /** GraphQL operation name or `GET /path`. */
  operation: string;
  status?: number;
  /** What happened, in words; must not contain secrets. */
  detail: string;
  cause?: unknown;
}

export class StashError extends Error implements StashErrorData {
  readonly isStashError = true as const;
  override readonly name = "StashError" as const;
  readonly kind: StashErrorKind;
  readonly operation: string;
  readonly status?: number;

  constructor(init: StashErrorInit) {
    super(`Stash ${init.operation}: ${init.detail} [${init.kind}]`, { cause: init.cause });
    this.kind = init.kind;
    this.operation = init.operation;
    if (init.status !== undefined) this.status = init.status;
  }

  toJSON(): StashErrorData {
    return {
      isStashError: true,
      name: "StashError",
      kind: this.kind,
      operation: this.operation,
      ...(this.status === undefined ? {} : { status: this.status }),
      message: this.message,
    };
  }
}

function hasStashMarker(e: unknown): e is Record<string, unknown> {
  return hasErrorMarker(e, "isStashError", STASH_ERROR_KINDS);
}

/** True for a StashError thrown by this client (any bundle's copy of the class). */
export function isStashError(e: unknown): e is StashError {
  return hasStashMarker(e) && e instanceof Error;
}

/** True for a StashError or its `toJSON()` form after crossing a JSON boundary. */
export function isStashErrorData(e: unknown): e is StashErrorData {
  return hasStashMarker(e) && typeof e.message === "string" && typeof e.operation === "string";
}

/** A throw from fetch → unreachable / timeout, or null when it is not a network failure (a bug of ours). */
export function kindForFetchFailure(e: unknown): "unreachable" | "timeout" | null {
  if (e instanceof Error && (e.name === "TimeoutError" || e.name === "AbortError")) return "timeout";
  const code = networkErrorCode(e);
  if (code !== null && TIMEOUT_CODES.has(code)) return "timeout";
  if (code !== null) return "unreachable";
  if (e instanceof TypeError && e.message === "fetch failed") return "unreachable";
  return null;
}
