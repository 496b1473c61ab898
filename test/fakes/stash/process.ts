/** Runs one plugin process exactly like Stash's raw interface: JSON on stdin then EOF, stdout to EOF, stderr lines as logs. */
import { spawn } from "node:child_process";
import {
  decodeStdout,
  exitError,
  lineSplitter,
  MAX_STDERR_LINE,
  type PluginLogEntry,
  type PluginLogLevel,
  parseStderrLine,
} from "./protocol.js";

export interface RunResult {
  output: unknown;
  error: string | null;
  logs: PluginLogEntry[];
  progress: number[];
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdoutRaw: string;
  durationMs: number;
  /** Ways the plugin broke the protocol (stdout not JSON, over-long stderr line); empty when clean. */
  violations: string[];
}

export interface SpawnRequest {
  command: string[];
  input: unknown;
  env: NodeJS.ProcessEnv;
  source: string;
  errLog: PluginLogLevel | "none";
  onLog?: (entry: PluginLogEntry) => void;
  onProgress?: (value: number) => void;
  /** Aborting SIGKILLs the process, as Stash does on cancel. */
  signal?: AbortSignal;
}

/** Rejects only when the process could not be started (Stash: "error running plugin: …"). */
export function runPluginProcess(request: SpawnRequest): Promise<RunResult> {
  const started = performance.now();
  const [program, ...args] = request.command;
  const child = spawn(program ?? "", args, { env: request.env, stdio: ["pipe", "pipe", "pipe"] });
  const logs: PluginLogEntry[] = [];
  const progress: number[] = [];
  const violations: string[] = [];
  const stdout: Buffer[] = [];
  let stderrStopped = false;

  const stderr = lineSplitter((line) => {
    if (stderrStopped) return;
    if (line.length > MAX_STDERR_LINE) {
      stderrStopped = true;
      violations.push(`a stderr line is longer than 64 KiB; Stash stops reading stderr after it`);
      return;
    }
    const event = parseStderrLine(line, request.errLog);
    if (event.type === "log") {
      const entry = { level: event.level, message: event.message, source: request.source };
      logs.push(entry);
      request.onLog?.(entry);
    } else if (event.type === "progress") {
      progress.push(event.value);
      request.onProgress?.(event.value);
    }
  });
  child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk: string) => stderr.push(chunk));
  child.stdin.on("error", () => {}); // the plugin may exit without reading stdin
  child.stdin.end(JSON.stringify(request.input));

  const kill = () => child.kill("SIGKILL");
  if (request.signal?.aborted) kill();
  request.signal?.addEventListener("abort", kill, { once: true });

  return new Promise((resolvePromise, reject) => {
    child.once("error", (error) => {
      request.signal?.removeEventListener("abort", kill);
      reject(new Error(`error running plugin: ${error.message}`));
    });
    child.once("close", (exitCode, signal) => {
      request.signal?.removeEventListener("abort", kill);
      stderr.end();
      const stdoutRaw = Buffer.concat(stdout).toString("utf8");
      const decoded = decodeStdout(stdoutRaw);
      if (decoded.violation) violations.push(decoded.violation);
      resolvePromise({
        output: decoded.output,
        error: decoded.error ?? exitError(exitCode, signal),
        logs,
        progress,
        exitCode,
        signal,
        stdoutRaw,
        durationMs: performance.now() - started,
        violations,
      });
    });
  });
}
