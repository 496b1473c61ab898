/**
 * Bundles a bench's child script the way `vite build --mode task` bundles the plugin (vite.config.ts
 * `nodeBundle`): one minified ES file with every dependency inside, Node builtins left out. A bench that
 * measures the plugin's memory or start-up runs this file with plain `node`, as Stash runs dist/.
 */
import { builtinModules } from "node:module";
import path from "node:path";
import { build } from "vite";
import { BUILD_DEFINES } from "../vite.config.js";

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`), "node:sqlite"];

/** Writes `<outDir>/<name>.mjs` and returns its path. */
export async function bundleForBench(entry: string, outDir: string): Promise<string> {
  const fileName = `${path.basename(entry, path.extname(entry))}.mjs`;
  await build({
    configFile: false,
    logLevel: "warn",
    build: {
      ssr: entry,
      target: "node22",
      outDir,
      emptyOutDir: false,
      minify: !process.env.PROF, // PROF=1: readable names in the CPU profile
      rollupOptions: {
        external: nodeBuiltins,
        output: { format: "es", entryFileNames: fileName, codeSplitting: false },
      },
    },
    ssr: { noExternal: true, target: "node" },
    define: { "process.env.NODE_ENV": JSON.stringify("production"), ...BUILD_DEFINES },
  });
  return path.join(outDir, fileName);
}
