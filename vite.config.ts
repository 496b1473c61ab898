import { builtinModules } from "node:module";
import preact from "@preact/preset-vite";
import { defineConfig } from "vite";

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

// `vite build --mode task` bundles the companion script; `vite build --mode ui` the Stash UI plugin.
export default defineConfig(({ mode }) =>
  mode === "task"
    ? {
        build: {
          ssr: "plugin/main.ts",
          target: "node20",
          outDir: "dist",
          emptyOutDir: false,
          minify: true,
          rollupOptions: {
            external: nodeBuiltins,
            output: {
              format: "es",
              entryFileNames: "stash2plex.mjs",
              codeSplitting: false,
              // Wrap each module in an init function run on first import, so the dynamic imports in
              // plugin/app/registry.ts keep task, operation and worker code out of the hook's start-up.
              strictExecutionOrder: true,
            },
          },
        },
        ssr: { noExternal: true, target: "node" },
        define: { "process.env.NODE_ENV": JSON.stringify("production") },
      }
    : {
        plugins: [preact()],
        define: { "process.env.NODE_ENV": JSON.stringify("production") },
        build: {
          outDir: "dist",
          emptyOutDir: false,
          target: "es2020",
          cssCodeSplit: false,
          lib: {
            entry: "ui/main.tsx",
            name: "Stash2PlexUI",
            formats: ["iife"],
            fileName: () => "stash2plex-ui.js",
            cssFileName: "stash2plex-ui",
          },
        },
      },
);
