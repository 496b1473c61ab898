/**
 * One GraphQL exchange with Stash through graphql-request: cookie header, per-request timeout, answer
 * validated with zod, every failure turned into a StashError with a kind. The cookie is only ever a
 * request header: it is never logged and never part of an error message.
 */

import { ClientError, GraphQLClient } from "graphql-request";
import type { z } from "zod";
import type { Logger } from "../log/logger.js";
import { httpFetch } from "../net/http-fetch.js";
import type { FetchLike } from "../net/http-response.js";
import { isStashError, kindForFetchFailure, StashError } from "./errors.js";
import { describeIssues } from "./schemas.js";

export interface GqlTransportOptions {
  baseUrl: string;
  cookieHeader: string | null;
  logger: Logger;
  timeoutMs: number;
  fetch?: FetchLike;
}

export interface GqlTransport {
  request<S extends z.ZodType>(
    document: string,
    variables: Record<string, unknown>,
    schema: S,
  ): Promise<z.output<S>>;
  requestCount(): number;
}

export function operationName(document: string): string {
  return /\b(?:query|mutation)\s+(\w+)/.exec(document)?.[1] ?? "anonymous operation";
}

function authDetail(hasCookie: boolean, status: number): string {
  return hasCookie
    ? `Stash rejected the plugin's session cookie (HTTP ${status}). Re-run the task from Stash; if it persists, log in to Stash again.`
    : `Stash requires a login (HTTP ${status}) but the plugin received no session cookie from Stash.`;
}

function graphqlMessages(errors: ReadonlyArray<{ message?: unknown }>): string {
  return errors
    .slice(0, 3)
    .map((e) => (typeof e.message === "string" ? e.message : "unknown error"))
    .join("; ");
}

/** Maps whatever graphql-request or fetch threw to a StashError; anything else is re-thrown as is. */
export function toStashError(
  error: unknown,
  operation: string,
  hasCookie: boolean,
  baseUrl: string,
): StashError {
  if (isStashError(error)) return error;
  if (error instanceof ClientError) {
    const status = error.response.status;
    if (status === 401 || status === 403) {
      return new StashError({ kind: "auth", operation, status, detail: authDetail(hasCookie, status) });
    }
    const errors = error.response.errors;
    if (errors && errors.length > 0) {
      return new StashError({ kind: "graphql", operation, status, detail: graphqlMessages(errors) });
    }
    return new StashError({ kind: "http", operation, status, detail: `Stash answered HTTP ${status}` });
  }
  const network = kindForFetchFailure(error);
  if (network === "timeout") {
    return new StashError({
      kind: "timeout",
      operation,
      detail: "Stash did not answer in time",
      cause: error,
    });
  }
  if (network === "unreachable") {
    const detail = `cannot reach Stash at ${baseUrl} (is it running, and is the address it reports reachable?)`;
    return new StashError({ kind: "unreachable", operation, detail, cause: error });
  }
  const detail = "Stash's answer is not a GraphQL JSON response";
  return new StashError({ kind: "invalid_data", operation, detail, cause: error });
}

export function createGqlTransport(options: GqlTransportOptions): GqlTransport {
  const headers: Record<string, string> = options.cookieHeader ? { Cookie: options.cookieHeader } : {};
  const client = new GraphQLClient(`${options.baseUrl}/graphql`, {
    headers,
    // graphql-request reads only status, ok, headers.get and text() of what this resolves to.
    fetch: (options.fetch ?? httpFetch) as typeof fetch,
  });
  const log = options.logger;
  let count = 0;

  async function request<S extends z.ZodType>(
    document: string,
    variables: Record<string, unknown>,
    schema: S,
  ): Promise<z.output<S>> {
    const operation = operationName(document);
    const started = performance.now();
    count += 1;
    let data: unknown;
    try {
      const signal = AbortSignal.timeout(options.timeoutMs);
      data = await client.request<unknown>({ document, variables, signal });
    } catch (error) {
      const failure = toStashError(error, operation, options.cookieHeader !== null, options.baseUrl);
      log.debug(`${operation} failed after ${Math.round(performance.now() - started)} ms: ${failure.kind}`);
      throw failure;
    }
    log.trace(`${operation} answered in ${Math.round(performance.now() - started)} ms`);
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      const detail = `unexpected answer shape — ${describeIssues(parsed.error)}`;
      throw new StashError({ kind: "invalid_data", operation, detail });
    }
    return parsed.data;
  }

  return { request, requestCount: () => count };
}
