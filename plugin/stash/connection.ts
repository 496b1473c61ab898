/**
 * Where to reach Stash from the plugin process, derived from stdin's `server_connection`.
 *
 * Stash sends its *listen* host (default `0.0.0.0`), which is not an address to connect to: wildcard and
 * empty hosts mean "this machine", so they become 127.0.0.1. IPv6 literals need brackets in a URL.
 */
export interface StashServerConnectionLike {
  Scheme?: string;
  Host?: string;
  Port?: number;
  SessionCookie?: { Name?: string; Value?: string } | null;
}

export interface StashEndpoint {
  /** `scheme://host:port`, no trailing slash. */
  baseUrl: string;
  /** `session=<value>` for the Cookie header, or null when Stash sent no cookie. Never log it. */
  cookieHeader: string | null;
}

const WILDCARD_HOSTS = new Set(["", "0.0.0.0", "::", "[::]", "::0"]);
const DEFAULT_PORT = 9999;

function connectHost(host: string | undefined): string {
  const trimmed = (host ?? "").trim();
  if (WILDCARD_HOSTS.has(trimmed)) return "127.0.0.1";
  if (trimmed.includes(":") && !trimmed.startsWith("[")) return `[${trimmed}]`;
  return trimmed;
}

function scheme(value: string | undefined): "http" | "https" {
  return value?.trim().toLowerCase() === "https" ? "https" : "http";
}

function cookieHeader(cookie: StashServerConnectionLike["SessionCookie"]): string | null {
  const value = cookie?.Value;
  if (!value) return null;
  const name = cookie?.Name?.trim() || "session";
  return `${name}=${value}`;
}

export function stashEndpoint(connection: StashServerConnectionLike): StashEndpoint {
  const port = connection.Port ?? DEFAULT_PORT;
  return {
    baseUrl: `${scheme(connection.Scheme)}://${connectHost(connection.Host)}:${port}`,
    cookieHeader: cookieHeader(connection.SessionCookie),
  };
}
