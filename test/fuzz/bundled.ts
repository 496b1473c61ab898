/**
 * Runs the BUNDLED script with raw stdin (as Stash does) and checks the protocol invariants every run must
 * keep, whatever the input: one JSON object on stdout, exit 0/1 matching it, a one-line error, levelled stderr
 * lines under 64 KiB, no stack-trace-only output, no secret anywhere.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const BUNDLE = path.join(REPO_ROOT, "dist", "stash2plex.mjs");
/** The Node binary for plugin processes (the platform script points this at Node 22/24). */
export const NODE_BINARY = process.env.STASH2PLEX_NODE_BINARY || process.execPath;
/** Node's flags from the manifest's `exec` (between `node` and the script), so a run here starts as under Stash. */
export const NODE_FLAGS: readonly string[] = (
  parse(readFileSync(path.join(REPO_ROOT, "Stash2Plex.yml"), "utf8")) as { exec: string[] }
).exec.slice(1, -1);

export interface RawRun {
  stdout: string;
  stderr: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  ms: number;
}

export function runBundled(
  stdin: string | Buffer,
  env: NodeJS.ProcessEnv,
  timeoutMs = 15_000,
  nodeBinary = NODE_BINARY,
): Promise<RawRun> {
  const started = performance.now();
  const child = spawn(nodeBinary, [...NODE_FLAGS, BUNDLE], {
    env: { ...process.env, ...env },
    stdio: "pipe",
  });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on("data", (c: Buffer) => out.push(c));
  child.stderr.on("data", (c: Buffer) => err.push(c));
  child.stdin.on("error", () => {});
  child.stdin.end(stdin);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill("SIGKILL");
  }, timeoutMs);
  return new Promise((resolve) => {
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
        code,
        signal,
        timedOut,
        ms: performance.now() - started,
      });
    });
  });
}

/** Runs `tasks` with at most `limit` in flight, keeping order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>) {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** A TCP port nothing listens on (bound, then closed): connecting gets ECONNREFUSED at once. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 1;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

const LOG_LINE = /^\x01[tdiwep]\x02/;
const STACK_LINE = /^\s+at .+\(?.*:\d+:\d+\)?$/m;

/** Every way a run broke the protocol; empty when it kept every invariant. */
export function protocolViolations(run: RawRun, secrets: readonly string[]): string[] {
  const problems: string[] = [];
  if (run.timedOut) problems.push("hung (killed after the timeout)");
  if (run.code !== 0 && run.code !== 1) problems.push(`exit code ${run.code} signal ${run.signal}`);
  let doc: unknown;
  try {
    doc = JSON.parse(run.stdout);
  } catch {
    problems.push(`stdout is not one JSON document: ${JSON.stringify(run.stdout.slice(0, 200))}`);
  }
  if (doc !== undefined) problems.push(...resultViolations(doc, run.code));
  for (const line of run.stderr.split("\n")) {
    if (line === "") continue;
    if (!LOG_LINE.test(line))
      problems.push(`stderr line without a level: ${JSON.stringify(line.slice(0, 120))}`);
    if (Buffer.byteLength(line) >= 64 * 1024) problems.push("stderr line of 64 KiB or more");
  }
  if (STACK_LINE.test(run.stderr) || STACK_LINE.test(run.stdout)) problems.push("a stack trace was printed");
  for (const secret of secrets) {
    if (run.stdout.includes(secret) || run.stderr.includes(secret)) problems.push(`secret leaked: ${secret}`);
  }
  return problems;
}

function resultViolations(doc: unknown, code: number | null): string[] {
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) return ["stdout is not a JSON object"];
  const keys = Object.keys(doc);
  const record = doc as Record<string, unknown>;
  const problems: string[] = [];
  if (keys.length !== 1 || !(keys[0] === "output" || keys[0] === "error")) {
    problems.push(`result keys ${JSON.stringify(keys)}`);
  }
  if ("error" in record) {
    const error = record.error;
    if (typeof error !== "string" || error.trim().length < 10)
      problems.push(`unclear error ${String(error)}`);
    if (typeof error === "string" && error.includes("\n")) problems.push("multi-line error");
    if (code !== 1) problems.push(`error result with exit ${code}`);
  } else if (code !== 0) {
    problems.push(`output result with exit ${code}`);
  }
  return problems;
}
