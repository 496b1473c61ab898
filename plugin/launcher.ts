/**
 * What Stash runs (dist/stash2plex.mjs). Loads the plugin core (dist/stash2plex-core.cjs, plugin/main.ts) through
 * vm.Script with a V8 code cache, so a hook does not pay ~20 ms compiling the core on every start (Node 20 has no
 * module.enableCompileCache). Node builtins only; the cache rules are in plugin/launcher-cache.ts.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";
import { cacheFileName, readCache, writeCache } from "./launcher-cache.js";
import { nodeVersionProblem } from "./protocol/node-version.js";

const CORE_FILE = "stash2plex-core.cjs";
const CACHE_DIR = "compile-cache";
/** The CommonJS function wrapper, on its own line so the core's line numbers stay right in stack traces. */
const WRAPPER_HEAD = "(function (exports, require, module, __filename, __dirname) {\n";
const WRAPPER_TAIL = "\n})";

type CoreMain = (scriptPath: string) => Promise<number>;
type CommonJsFunction = (
  exports: object,
  require: NodeJS.Require,
  module: { exports: Record<string, unknown> },
  filename: string,
  dirname: string,
) => void;

interface LoadedCore {
  main: CoreMain;
  script: vm.Script;
  cacheFile: string;
  /** Whether V8 took a cache from disk; if not, one is written after the run. */
  cacheUsed: boolean;
}

function loadCore(corePath: string): LoadedCore {
  const bytes = readFileSync(corePath);
  const cacheFile = path.join(
    path.dirname(corePath),
    CACHE_DIR,
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
    writeCache(path.dirname(core.cacheFile), path.basename(core.cacheFile), core.script.createCachedData());
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

async function launch(): Promise<void> {
  const launcherPath = fileURLToPath(import.meta.url);
  const corePath = path.join(path.dirname(launcherPath), CORE_FILE);
  const tooOld = nodeVersionProblem(process.version);
  if (tooOld !== null) {
    fail(tooOld);
    return;
  }
  let core: LoadedCore;
  try {
    core = loadCore(corePath);
  } catch (error) {
    failInstall(corePath, error);
    return;
  }
  const exitCode = await core.main(launcherPath);
  if (!core.cacheUsed) saveCache(core);
  process.exitCode = exitCode;
  // As plugin/main.ts did before the launcher: the result is written and flushed; leave now rather than when the
  // last idle timer or socket lets go (Stash waits for the exit, a finished drainer must not linger). Windows
  // pipes are asynchronous, so there the process ends by itself.
  if (process.platform !== "win32") process.exit(exitCode);
}

await launch();
