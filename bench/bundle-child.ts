/**
 * Bundles a bench's child script with the plugin's own Node bundle settings (vite.config.ts `nodeBundle`): one
 * minified ES file with every dependency inside, Node builtins left out. A bench that measures the plugin's memory
 * or start-up runs this file with plain `node`, as Stash runs dist/.
 */
import path from "node:path";
import { build } from "vite";
import { nodeBundle } from "../vite.config.js";

/** Writes `<outDir>/<name>.mjs` and returns its path. */
export async function bundleForBench(entry: string, outDir: string): Promise<string> {
  const fileName = `${path.basename(entry, path.extname(entry))}.mjs`;
  const config = nodeBundle(entry, "es", fileName, false);
  await build({
    ...config,
    configFile: false,
    logLevel: "warn",
    // PROF=1: readable names in the CPU profile.
    build: { ...config.build, outDir, minify: !process.env.PROF },
  });
  return path.join(outDir, fileName);
}
