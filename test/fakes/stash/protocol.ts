/**
 * Stash's raw-interface plugin protocol, as Stash implements it (pkg/plugin/raw.go, pkg/logger/plugin.go):
 *  - stdout is read to EOF and decoded as `{error?: string, output?: any}`; if that fails the whole text
 *    becomes `output` (we record that as a protocol violation);
 *  - a non-zero exit with no `error` sets error to Go's `exit status N` / `signal: killed`;
 *  - every stderr line is a log entry: `\x01<t|d|i|w|e|p>\x02message` (message trimmed), otherwise logged at
 *    the manifest's `errLog` level (default error); empty lines are skipped; `p` lines are progress.
 */
export type PluginLogLevel = "trace" | "debug" | "info" | "warning" | "error";

export interface PluginLogEntry {
  level: PluginLogLevel;
  message: string;
  /** Which run wrote it: `task:<name>`, `hook:<trigger>`, `operation`. */
  source: string;
}

const LEVEL_BY_CHAR: Record<string, PluginLogLevel | "progress"> = {
  t: "trace",
  d: "debug",
  i: "info",
  w: "warning",
  e: "error",
  p: "progress",
};
const LEVEL_BY_NAME: Record<string, PluginLogLevel | "none"> = {
  trace: "trace",
  debug: "debug",
  info: "info",
  warning: "warning",
  error: "error",
  none: "none",
};

/** Go's bufio.Scanner default limit: a longer line stops Stash reading stderr altogether. */
export const MAX_STDERR_LINE = 64 * 1024;

export type StderrEvent =
  | { type: "log"; level: PluginLogLevel; message: string }
  | { type: "progress"; value: number }
  | { type: "ignored" };

/** errLog names Stash knows; anything else (or nothing) means error. `progress` is treated as error too. */
export function defaultLevel(errLog: string | undefined): PluginLogLevel | "none" {
  return (errLog && LEVEL_BY_NAME[errLog]) || "error";
}

export function parseStderrLine(line: string, fallback: PluginLogLevel | "none"): StderrEvent {
  if (line === "") return { type: "ignored" };
  const prefixed = line.length >= 4 && line.charCodeAt(0) === 1 && line.charCodeAt(2) === 2;
  const level = prefixed ? LEVEL_BY_CHAR[line.charAt(1)] : undefined;
  if (!level) {
    return fallback === "none" ? { type: "ignored" } : { type: "log", level: fallback, message: line };
  }
  const message = line.slice(3).trim();
  if (level !== "progress") return { type: "log", level, message };
  const value = Number.parseFloat(message);
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(message) || Number.isNaN(value)) {
    return { type: "log", level: "error", message: `Error parsing progress value '${message}'` };
  }
  return { type: "progress", value: Math.min(1, Math.max(0, value)) };
}

export interface DecodedStdout {
  output: unknown;
  error: string | null;
  /** Set when stdout was not one JSON object of the expected shape. */
  violation: string | null;
}

export function decodeStdout(raw: string): DecodedStdout {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    const what = raw.trim() === "" ? "stdout was empty" : "stdout is not a JSON document";
    return { output: raw, error: null, violation: `${what}; Stash uses the raw text as the output` };
  }
  if (parsed === null) return { output: null, error: null, violation: null };
  if (typeof parsed !== "object" || Array.isArray(parsed)) {
    return {
      output: raw,
      error: null,
      violation: "stdout is JSON but not an object; Stash uses the raw text",
    };
  }
  const record = parsed as Record<string, unknown>;
  if (record.error !== undefined && record.error !== null && typeof record.error !== "string") {
    return { output: raw, error: null, violation: "stdout `error` is not a string; Stash uses the raw text" };
  }
  return {
    output: record.output ?? null,
    error: typeof record.error === "string" ? record.error : null,
    violation: null,
  };
}

/** The error text Stash reports for a process that ended badly without an `error` of its own. */
export function exitError(exitCode: number | null, signal: NodeJS.Signals | null): string | null {
  if (signal === "SIGKILL") return "signal: killed";
  if (signal) return `signal: ${signal.toLowerCase()}`;
  if (exitCode !== null && exitCode !== 0) return `exit status ${exitCode}`;
  return null;
}

/** Splits a byte stream into lines as they arrive (LF, with an optional CR before it, like ScanLines). */
export function lineSplitter(onLine: (line: string) => void): { push(chunk: string): void; end(): void } {
  let pending = "";
  const emit = (line: string) => onLine(line.endsWith("\r") ? line.slice(0, -1) : line);
  return {
    push(chunk) {
      pending += chunk;
      let newline = pending.indexOf("\n");
      while (newline >= 0) {
        emit(pending.slice(0, newline));
        pending = pending.slice(newline + 1);
        newline = pending.indexOf("\n");
      }
    },
    end() {
      if (pending !== "") emit(pending);
      pending = "";
    },
  };
}
