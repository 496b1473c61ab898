import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, renameSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { build } from "vite";
import { HOST_BUILD_DIR } from "./server";

const ROOT = resolve(import.meta.dirname, "../..");

/**
 * Bundles the host page script (with real React 17 from node_modules) into test-results/host/host.js. Browser test
 * files run in parallel and each builds it: every build writes a folder of its own and renames its host.js into
 * place (atomic), so a page loading the script while another file builds never finds it missing (emptying the
 * shared folder did that: a 404, then "PluginApi is missing").
 */
export async function buildHostScript(): Promise<void> {
  const outDir = join(HOST_BUILD_DIR, `.build-${process.pid}-${randomUUID()}`);
  mkdirSync(HOST_BUILD_DIR, { recursive: true });
  try {
    await build({
      configFile: false,
      root: ROOT,
      logLevel: "warn",
      define: { "process.env.NODE_ENV": JSON.stringify("production") },
      build: {
        outDir,
        emptyOutDir: true,
        target: "es2020",
        lib: {
          entry: resolve(ROOT, "test/host/host-app.ts"),
          name: "StashHostBundle",
          formats: ["iife"],
          fileName: () => "host.js",
        },
      },
    });
    renameSync(join(outDir, "host.js"), join(HOST_BUILD_DIR, "host.js"));
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

/**
 * Builds the UI bundle exactly as `npx vite build --mode ui` does (dist/stash2plex-ui.js + .css). It runs in a
 * child process: inside vitest NODE_ENV is "test", which would make the Preact preset add its debug build.
 */
export async function buildUiBundle(): Promise<void> {
  const env = { ...process.env, NODE_ENV: "production" };
  await promisify(execFile)(
    resolve(ROOT, "node_modules/.bin/vite"),
    ["build", "--mode", "ui", "--logLevel", "warn"],
    {
      cwd: ROOT,
      env,
    },
  );
}
