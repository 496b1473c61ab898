import { PLEX_ERROR_KINDS } from "../plex/errors.js";
import { type ErrorClass, isErrorClass } from "../queue/failure-table.js";
import type { JobError } from "../queue/job.js";

/**
 * Turns whatever a job threw into a stored `{class, message}` at the catch site (graphile's coerceError).
 * Recognised by a `kind` marker field, not `instanceof`, so copies of a class from another bundle and errors
 * that crossed JSON still classify:
 * - Plex errors: kind server_down | maintenance | timeout | rate_limited | server_error | auth | not_found |
 *   bad_request | bad_response;
 * - match outcomes: kind ambiguous (with `candidates`) | not_found | no_file;
 * - Stash errors (`isStashError`): Stash trouble, retried without touching the Plex breaker;
 * - a stored payload this version cannot read: kind bad_payload;
 * - the breaker refusing a call (cockatiel's BrokenCircuitError): server_down.
 * Anything else is a bug of ours and surfaces as itself: class `internal` with the stack's first line.
 */
const MATCH_KINDS: ReadonlySet<string> = new Set<string>([
  ...PLEX_ERROR_KINDS,
  "ambiguous",
  "no_file",
  "bad_payload",
]);

const MAX_MESSAGE = 500;

function field(e: object, name: string): unknown {
  return (e as Record<string, unknown>)[name];
}

function textOf(e: object, fallback: string): string {
  const message = field(e, "message");
  const text = typeof message === "string" && message.trim() !== "" ? message : fallback;
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text;
}

function stashClass(e: object): ErrorClass {
  return field(e, "kind") === "refused_url" ? "bad_request" : "stash_error";
}

function knownKindError(e: object, kind: ErrorClass): JobError {
  const candidates = field(e, "candidates");
  const error: JobError = { class: kind, message: textOf(e, kind.replace(/_/g, " ")) };
  if (Array.isArray(candidates)) error.detail = { candidates };
  return error;
}

function bugError(e: unknown): JobError {
  if (e instanceof Error) {
    const lines = (e.stack ?? "").split("\n");
    const head = `${e.name}: ${e.message}`;
    const at = lines.find((line) => line.trim().startsWith("at "))?.trim();
    return {
      class: "internal",
      message: head.length > MAX_MESSAGE ? `${head.slice(0, MAX_MESSAGE)}…` : head,
      ...(at ? { detail: { at } } : {}),
    };
  }
  let shown: string;
  try {
    shown = typeof e === "string" ? e : (JSON.stringify(e) ?? String(e));
  } catch {
    shown = String(e);
  }
  return { class: "internal", message: `Non-error thrown: ${shown.slice(0, 200)}` };
}

export function coerceError(e: unknown): JobError {
  if (typeof e === "object" && e !== null) {
    // The breaker refused the call (it opened while this job ran): the job waits for Plex like any server-down
    // job. Recognised by cockatiel's flag; the class name does not survive minifying.
    if (field(e, "isBrokenCircuitError") === true)
      return { class: "server_down", message: textOf(e, "Plex circuit is open") };
    if (field(e, "isStashError") === true) return { class: stashClass(e), message: textOf(e, "Stash error") };
    const kind = field(e, "kind");
    if (typeof kind === "string" && MATCH_KINDS.has(kind) && isErrorClass(kind))
      return knownKindError(e, kind);
  }
  return bugError(e);
}
