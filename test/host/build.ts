import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { build } from "vite";
import { HOST_BUILD_DIR } from "./server";

const ROOT = resolve(import.meta.dirname, "../..");

/** Bundles the host page script (with real React 17 from node_modules) into test-results/host/host.js. */
export async function buildHostScript(): Promise<void> {
  await build({
    configFile: false,
    root: ROOT,
    logLevel: "warn",
    define: { "process.env.NODE_ENV": JSON.stringify("production") },
    build: {
      outDir: HOST_BUILD_DIR,
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
