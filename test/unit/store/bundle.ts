import { builtinModules } from "node:module";
import path from "node:path";
import { build } from "vite";

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`), "node:sqlite"];

/**
 * Bundles the store test child into one plain-Node file, the way the plugin itself ships: starting 50
 * producers under tsx would cost ~0.4 s of CPU each; the bundle starts in a few tens of ms.
 */
export async function bundleStoreChild(outDir: string): Promise<string> {
  await build({
    configFile: false,
    logLevel: "silent",
    build: {
      ssr: path.join(import.meta.dirname, "fixtures", "store-child.ts"),
      target: "node20",
      outDir,
      emptyOutDir: false,
      minify: false,
      rollupOptions: { external: nodeBuiltins, output: { format: "es", entryFileNames: "store-child.mjs" } },
    },
    ssr: { noExternal: true, target: "node" },
  });
  return path.join(outDir, "store-child.mjs");
}
