import path from "node:path";
import { resolveDataDir } from "../app/data-dir.js";
import type { InvocationDeps } from "../app/dispatch.js";
import { releaseSpawnMarker } from "../app/drainer-spawn.js";
import { openRuntime } from "../app/runtime.js";
import { createFileLogSink } from "../log/file-sink.js";
import { Redactor } from "../log/redact.js";
import { createStderrLogger } from "../log/stderr-logger.js";
import type { PluginInput } from "../protocol/input.js";
import { openStore, type Store } from "../store/index.js";
import { runWorkerSession } from "./session.js";
import { capYoungGeneration } from "./young-generation.js";

/**
 * The detached background drainer (spawned by hooks and operations). Its stderr goes nowhere, so it logs to
 * `data/logs/drainer.log` (same redaction). It exits when another drainer holds the role, when the queue is
 * empty and idle, or when Plex rejects the token.
 */
export async function runDrainerProcess(input: PluginInput, deps: InvocationDeps): Promise<unknown> {
  capYoungGeneration();
  const dataDir = resolveDataDir(input.server_connection, deps.env);
  const sink = createFileLogSink(path.join(dataDir, "logs", "drainer.log"));
  const redactor = new Redactor();
  redactor.add(input.server_connection.SessionCookie?.Value);
  const logged: InvocationDeps = {
    ...deps,
    writeStderr: sink.write,
    logger: createStderrLogger({ write: sink.write, redactor }),
  };
  const rt = await openRuntime(input, logged);
  let store: Store;
  try {
    store = await openStore({ dir: rt.dataDir, clock: rt.clock, logger: rt.logger.child("Store") });
    if (!store.takeDrainerRole()) {
      await store.close();
      return "another drainer is running";
    }
  } finally {
    releaseSpawnMarker(dataDir);
  }
  try {
    rt.logger.child("Worker").info(`Background worker started (pid ${process.pid})`);
    const summary = await runWorkerSession(rt, store, { foreground: false });
    rt.logger
      .child("Worker")
      .info(`Background worker stopped (${summary.exitReason}) after ${summary.processed} job(s)`);
    return summary;
  } finally {
    await store.close();
  }
}
