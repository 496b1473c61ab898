/**
 * What Stash runs (dist/stash2plex.mjs). Loads a bundle through vm.Script with a V8 code cache, so no start pays
 * for compiling it: the hook bundle (dist/stash2plex-hook.cjs, plugin/hook-main.ts) for a hook, the core
 * (dist/stash2plex-core.cjs, plugin/main.ts) for everything else. Node builtins only; the cache rules are in
 * plugin/launcher-cache.ts. A scan's update is answered here without either bundle, and the builtins only the
 * bundles need are imported after that check.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { handleHook } from "./hooks/handle.js";
import { isHookInput, scanUpdateOf } from "./hooks/scan-update.js";
import { cacheFileName, pruneCacheDir, readCache, writeCache } from "./launcher-cache.js";
import { readAhead, replay } from "./launcher-stdin.js";
import { createStderrLogger } from "./log/stderr-logger.js";
import type { ServerConnection } from "./protocol/input.js";
import { nodeVersionProblem } from "./protocol/node-version.js";
import { resolveDataDir } from "./runtime/data-dir.js";
import { readHookSettings } from "./runtime/settings-cache.js";

const CORE_FILE = "stash2plex-core.cjs";
const HOOK_FILE = "stash2plex-hook.cjs";
const CACHE_DIR = "compile-cache";
/** The CommonJS function wrapper, on its own line so the core's line numbers stay right in stack traces. */
const WRAPPER_HEAD = "(function (exports, require, module, __filename, __dirname) {\n";
const WRAPPER_TAIL = "\n})";

type CoreMain = (scriptPath: string, stdin: NodeJS.ReadableStream) => Promise<number>;
type CommonJsFunction = (
  exports: object,
  require: NodeJS.Require,
  module: { exports: Record<string, unknown> },
  filename: string,
  dirname: string,
) => void;

/** Builtins only loading the core needs (a scan's update is answered without them). */
async function coreBuiltins() {
  const [vm, { createRequire }, { Readable }] = await Promise.all([
    import("node:vm"),
    import("node:module"),
    import("node:stream"),
  ]);
  return { vm: vm.default, createRequire, Readable };
}
type CoreBuiltins = Awaited<ReturnType<typeof coreBuiltins>>;

interface LoadedCore {
  main: CoreMain;
  script: import("node:vm").Script;
  cacheFile: string;
  /** Whether V8 took a cache from disk; if not, one is written after the run. */
  cacheUsed: boolean;
}

function loadCore(corePath: string, { vm, createRequire }: CoreBuiltins): LoadedCore {
  const bytes = readFileSync(corePath);
  // One folder per bundle: writing one bundle's cache prunes only that bundle's older caches.
  const cacheFile = path.join(
    path.dirname(corePath),
    CACHE_DIR,
    path.basename(corePath, ".cjs"),
    cacheFileName(bytes, process.version, process.arch),
  );
  const cachedData = readCache(cacheFile);
  const script = new vm.Script(`${WRAPPER_HEAD}${bytes.toString("utf8")}${WRAPPER_TAIL}`, {
    filename: corePath,
    lineOffset: -1,
    cachedData,
  });
  const wrapper: unknown = script.runInThisContext();
  if (typeof wrapper !== "function") throw new Error("it is not a CommonJS bundle");
  const module = { exports: {} as Record<string, unknown> };
  (wrapper as CommonJsFunction)(
    module.exports,
    createRequire(corePath),
    module,
    corePath,
    path.dirname(corePath),
  );
  const main = module.exports["main"];
  if (typeof main !== "function") throw new Error("it exports no main function");
  return {
    main: main as CoreMain,
    script,
    cacheFile,
    cacheUsed: cachedData !== undefined && !script.cachedDataRejected,
  };
}

/** Caches what V8 compiled during the run (lazily compiled functions included). Never throws. */
function saveCache(core: LoadedCore): void {
  try {
    const dir = path.dirname(core.cacheFile);
    writeCache(dir, path.basename(core.cacheFile), core.script.createCachedData());
    // Caches of versions before the per-bundle folders lie in compile-cache/ itself: remove those files (the
    // bundles' folders cannot be unlinked, so they stay).
    pruneCacheDir(path.dirname(dir), "");
  } catch {
    // the cache is only an optimisation
  }
}

/** The protocol answer when the core cannot be loaded: one JSON error on stdout, one line on stderr, exit 1. */
function failInstall(corePath: string, error: unknown): void {
  const missing = (error as NodeJS.ErrnoException | null)?.code === "ENOENT";
  const reason = missing
    ? "is missing"
    : `could not be loaded (${error instanceof Error ? error.message : String(error)})`;
  fail(
    `Stash2Plex is not installed completely: ${corePath} ${reason}. Reinstall the plugin (Settings → Plugins), or run \`npm run build\` in a source checkout.`,
  );
}

function fail(message: string): void {
  process.stderr.write(`\x01e\x02[Stash2Plex] ${message.replace(/[\r\n]+/g, " ")}\n`);
  process.exitCode = 1;
  process.stdout.write(JSON.stringify({ error: message }), () => process.exit(1));
}

/** A scan's update records nothing: handleHook answers it here, without loading the core or the store. */
async function answerScanUpdate(text: string | null): Promise<boolean> {
  const update = text === null ? null : scanUpdateOf(text);
  if (update === null) return false;
  const dataDir = resolveDataDir({ PluginDir: update.pluginDir } as ServerConnection, process.env);
  const settings = readHookSettings(dataDir);
  const logger = createStderrLogger({
    write: (line) => process.stderr.write(line),
    debugVisible: settings.debug_logging,
  });
  const nothingToRecord = () => Promise.reject(new Error("a scan's update records nothing"));
  const output = await handleHook(update.context, {
    clock: { now: () => Date.now() },
    logger,
    enabled: settings.enabled,
    recordEvent: nothingToRecord,
    ensureDrainer: nothingToRecord,
  });
  process.stdout.write(JSON.stringify({ output }), () => process.exit(0));
  return true;
}

async function launch(): Promise<void> {
  const launcherPath = fileURLToPath(import.meta.url);
  const tooOld = nodeVersionProblem(process.version);
  if (tooOld !== null) {
    fail(tooOld);
    return;
  }
  const ahead = await readAhead();
  if (await answerScanUpdate(ahead.text)) return;
  const bundle = ahead.text !== null && isHookInput(ahead.text) ? HOOK_FILE : CORE_FILE;
  const corePath = path.join(path.dirname(launcherPath), bundle);
  const builtins = await coreBuiltins();
  let core: LoadedCore;
  try {
    core = loadCore(corePath, builtins);
  } catch (error) {
    failInstall(corePath, error);
    return;
  }
  const exitCode = await core.main(launcherPath, replay(ahead, builtins.Readable));
  if (!core.cacheUsed) saveCache(core);
  process.exitCode = exitCode;
  // As plugin/main.ts did before the launcher: the result is written and flushed; leave now rather than when the
  // last idle timer or socket lets go (Stash waits for the exit, a finished drainer must not linger). Windows
  // pipes are asynchronous, so there the process ends by itself.
  if (process.platform !== "win32") process.exit(exitCode);
}

await launch();
