import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { bundleStoreChild } from "./bundle.js";

/** Bundles the store test child once per test file and starts copies of it as plain Node processes. */
export function useStoreChild() {
  let outDir = "";
  let script = "";
  beforeAll(async () => {
    outDir = mkdtempSync(path.join(os.tmpdir(), "s2p-child-"));
    script = await bundleStoreChild(outDir);
  });
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));
  return {
    start(args: string[]): ChildProcess {
      return spawn(process.execPath, [script, ...args], { stdio: ["ignore", "ignore", "pipe"] });
    },
  };
}

export function exited(child: ChildProcess): Promise<{ code: number | null; stderr: string }> {
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code, stderr })));
}
