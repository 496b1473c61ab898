import { readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { fileURLToPath } from "node:url";
import preact from "@preact/preset-vite";
import { defineConfig, type Plugin, type UserConfig } from "vite";

/** Constants the bundler writes into the code; the version lives only in package.json (plugin/core/version.ts). */
export const BUILD_DEFINES = {
  __STASH2PLEX_VERSION__: JSON.stringify(
    (JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")) as { version: string })
      .version,
  ),
};

// node:sqlite exists only with the `node:` prefix (and is missing from builtinModules of a Node that lacks it).
const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`), "node:sqlite"];

// `vite build --mode task` bundles the companion script; `vite build --mode ui` the Stash UI plugin.
/** Node-side bundles: the plugin core (CommonJS, loaded through vm.Script) and the launcher Stash runs. */
export function nodeBundle(
  entry: string,
  format: "cjs" | "es",
  fileName: string,
  lazyModules: boolean,
): UserConfig {
  const lightHeaders = fileURLToPath(new URL("./plugin/net/http-response.ts", import.meta.url));
  return {
    build: {
      ssr: entry,
      target: "node22",
      outDir: "dist",
      emptyOutDir: false,
      minify: true,
      rollupOptions: {
        external: nodeBuiltins,
        // graphql-request names the global `Headers` (to build request headers, and in an instanceof); Node
        // makes that global by loading undici, ~16 ms of an operation's start. Our fetch takes any header
        // pairs, so the bundle gives it plugin/net's small HttpHeaders instead (docs/decisions.md).
        transform: { inject: { Headers: [lightHeaders, "HttpHeaders"] } },
        output: {
          format,
          entryFileNames: fileName,
          codeSplitting: false,
          // Wrap each module in an init function run on first import, so the dynamic imports in
          // plugin/app/registry.ts keep task, operation and worker code out of the hook's start-up.
          strictExecutionOrder: lazyModules,
          // `await import("node:https")` of a builtin becomes a deferred require(): the core runs inside vm.Script,
          // which has no dynamic-import loader, and loading builtins on first use keeps them out of a hook's start.
          dynamicImportInCjs: false,
        },
      },
    },
    ssr: { noExternal: true, target: "node" },
    define: { "process.env.NODE_ENV": JSON.stringify("production"), ...BUILD_DEFINES },
  };
}

/**
 * The launcher takes node:fs, node:path and node:url from `process.getBuiltinModule` (Node 20.16+; older ones, which
 * the launcher only tells to upgrade, import them): an ES `import … from "node:fs"` builds a facade that runs every
 * lazy getter of fs (fs/promises, its streams, readline) — ~4 ms of every start (docs/decisions.md).
 */
const FACADE_FREE = new Set(["node:fs", "node:path", "node:url"]);

function builtinsWithoutFacade(): Plugin {
  const ids = FACADE_FREE;
  const PREFIX = "\0builtin:";
  return {
    name: "stash2plex-builtins-without-facade",
    enforce: "pre",
    resolveId: (id) => (ids.has(id) ? `${PREFIX}${id}` : null),
    async load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const name = JSON.stringify(id.slice(PREFIX.length));
      const keys = Object.keys(await import(id.slice(PREFIX.length))).filter(
        (key) => key !== "default" && /^[A-Za-z_$][\w$]*$/.test(key),
      );
      return [
        // The fallback's specifier is computed so that the bundler leaves it to Node rather than resolving it here.
        `const m = typeof process.getBuiltinModule === "function" ? process.getBuiltinModule(${name}) : (await import([${name}][0])).default;`,
        "export default m;",
        // One statement per name, so the bundle keeps only what it uses and never reads a lazy getter it does not.
        ...keys.map((key) => `export const ${key} = m.${key};`),
      ].join("\n");
    },
  };
}

/**
 * A terser pass over the UI bundle after Vite's own minifier: each finds savings the other misses (0.2-0.3 kB
 * gzip, which keeps the bundle Stash injects into every page under its 35 kB budget; terser alone saves almost
 * nothing). Options are terser's safe ones; `toplevel` is safe because the bundle is one IIFE.
 */
function terserPass(): Plugin {
  return {
    name: "stash2plex-terser-pass",
    apply: "build",
    enforce: "post",
    async generateBundle(_options, bundle) {
      const { minify } = await import("terser");
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== "chunk") continue;
        const result = await minify(chunk.code, {
          compress: { passes: 3, pure_getters: true },
          ecma: 2020,
          toplevel: true,
        });
        if (result.code) chunk.code = result.code;
      }
    },
  };
}

// `vite build --mode task` bundles the plugin core, `--mode hook` the hook path alone, `--mode launcher` the script
// Stash runs (it loads one of the two with a V8 code cache, see docs/decisions.md), `--mode ui` the Stash UI plugin.
export default defineConfig(({ mode }): UserConfig => {
  if (mode === "task") return nodeBundle("plugin/main.ts", "cjs", "stash2plex-core.cjs", true);
  if (mode === "hook") return nodeBundle("plugin/hook-main.ts", "cjs", "stash2plex-hook.cjs", true);
  if (mode === "launcher") {
    const config = nodeBundle("plugin/launcher.ts", "es", "stash2plex.mjs", false);
    const options = config.build?.rollupOptions;
    if (options) {
      options.external = nodeBuiltins.filter((id) => !FACADE_FREE.has(id));
      // Reading a builtin's property has no side effect unless it is one of the lazy getters the facade-free
      // modules exist to avoid: let the bundle drop the names it does not use.
      options.treeshake = { propertyReadSideEffects: false };
    }
    return { ...config, plugins: [builtinsWithoutFacade()] };
  }
  return {
    plugins: [preact(), terserPass()],
    define: { "process.env.NODE_ENV": JSON.stringify("production"), ...BUILD_DEFINES },
    build: {
      outDir: "dist",
      emptyOutDir: false,
      // es2022 keeps class fields as written instead of a defineProperty helper; the bundle already needs
      // ES2022 at runtime (Object.hasOwn), so no browser that could run it is lost.
      target: "es2022",
      cssCodeSplit: false,
      lib: {
        entry: "ui/main.tsx",
        name: "Stash2PlexUI",
        formats: ["iife"],
        fileName: () => "stash2plex-ui.js",
        cssFileName: "stash2plex-ui",
      },
    },
  };
});
