import { spawn } from "node:child_process";
import {
  appendFileSync,
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { cacheFileName, frameCache, readCache } from "../../plugin/launcher-cache";
import { REPO_ROOT } from "./world.js";

/**
 * The launcher as Stash runs it (`node {pluginDir}/dist/stash2plex.mjs`, stdin JSON), from a copy of the built
 * dist/ files, so each test owns its compile-cache/ folder. Needs `npm run build` first.
 * The invocation is a Scene.Update.Post hook that touches only an unsynced field: it loads the core, reads local
 * files only and spawns no drainer. (A scan's update, `input: null`, is answered without the core: last test.)
 */
const EXPECTED_STDOUT = JSON.stringify({ output: "ok" });

interface Installed {
  dist: string;
  cacheDir: string;
  /** The bundle a hook loads (the hook bundle). */
  core: string;
  dataDir: string;
  pluginDir: string;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) {
    try {
      chmodSync(path.join(root, "plugin", "dist", "compile-cache"), 0o755);
    } catch {
      // not made read-only by this test
    }
    rmSync(root, { recursive: true, force: true });
  }
});

function install(): Installed {
  const root = mkdtempSync(path.join(tmpdir(), "s2p-launcher-"));
  roots.push(root);
  const pluginDir = path.join(root, "plugin");
  const dist = path.join(pluginDir, "dist");
  mkdirSync(dist, { recursive: true });
  for (const file of ["stash2plex.mjs", "stash2plex-core.cjs", "stash2plex-hook.cjs"]) {
    copyFileSync(path.join(REPO_ROOT, "dist", file), path.join(dist, file));
  }
  return {
    dist,
    cacheDir: path.join(dist, "compile-cache", "stash2plex-hook"),
    // A hook loads the hook bundle: the cache under test is that bundle's.
    core: path.join(dist, "stash2plex-hook.cjs"),
    dataDir: path.join(root, "data"),
    pluginDir,
  };
}

const UNSYNCED_UPDATE = {
  id: 1,
  type: "Scene.Update.Post",
  input: { id: "1", play_count: 3 },
  inputFields: ["play_count"],
};
const SCAN_UPDATE = { id: 1, type: "Scene.Update.Post", input: null };

function runHook(at: Installed, hookContext: object = UNSYNCED_UPDATE): Promise<Run> {
  return runScript(at, { hookContext });
}

function runScript(at: Installed, args: object): Promise<Run> {
  const input = JSON.stringify({
    server_connection: {
      Scheme: "http",
      Host: "127.0.0.1",
      Port: 9,
      Dir: path.dirname(at.pluginDir),
      PluginDir: at.pluginDir,
    },
    args,
  });
  const child = spawn(process.execPath, [path.join(at.dist, "stash2plex.mjs")], {
    env: { ...process.env, STASH_PLUGIN_DATA: at.dataDir },
    stdio: "pipe",
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.stdin.end(input);
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** The one file in compile-cache/: it must be named for the current core and hold a verified payload. */
function theValidCache(at: Installed): { file: string; bytes: Buffer; ino: number; mtimeMs: number } {
  const expectedName = cacheFileName(readFileSync(at.core), process.version, process.arch);
  expect(readdirSync(at.cacheDir)).toEqual([expectedName]);
  const file = path.join(at.cacheDir, expectedName);
  expect(readCache(file)).toBeDefined();
  const stat = statSync(file);
  return { file, bytes: readFileSync(file), ino: stat.ino, mtimeMs: stat.mtimeMs };
}

async function expectOk(at: Installed): Promise<Run> {
  const run = await runHook(at);
  expect(run.code, run.stderr).toBe(0);
  expect(run.stdout).toBe(EXPECTED_STDOUT);
  return run;
}

describe("launcher code cache", () => {
  it.each(["stash2plex-core.cjs", "stash2plex-hook.cjs"])(
    "loads %s with no dynamic import() left (vm.Script is given no module loader for one)",
    (bundle) => {
      const code = readFileSync(path.join(REPO_ROOT, "dist", bundle), "utf8");
      expect(code.match(/\bimport\(/g) ?? []).toEqual([]);
    },
  );

  it("writes one cache on the first run and uses it untouched on the next", async () => {
    const at = install();
    await expectOk(at);
    const first = theValidCache(at);
    await expectOk(at);
    const second = theValidCache(at);
    expect(second.ino).toBe(first.ino);
    expect(second.mtimeMs).toBe(first.mtimeMs);
    expect(second.bytes.equals(first.bytes)).toBe(true);
  });

  it.each([
    ["truncated", (bytes: Buffer) => bytes.subarray(0, Math.floor(bytes.length / 2))],
    [
      "bit-flipped",
      (bytes: Buffer) => {
        const copy = Buffer.from(bytes);
        const at = Math.floor(copy.length / 2);
        copy[at] = (copy[at] ?? 0) ^ 0x10;
        return copy;
      },
    ],
    ["checksummed but not V8's", () => frameCache(Buffer.from("not a V8 code cache at all"))],
  ])("ignores a %s cache file and rewrites it valid", async (_name, damage) => {
    const at = install();
    await expectOk(at);
    const good = theValidCache(at);
    writeFileSync(good.file, damage(good.bytes));
    await expectOk(at);
    const rewritten = theValidCache(at);
    expect(rewritten.ino).not.toBe(good.ino);
    await expectOk(at);
    expect(theValidCache(at).ino).toBe(rewritten.ino);
  });

  it("gives a changed core (same folder) a new key and prunes the old cache", async () => {
    const at = install();
    await expectOk(at);
    const old = theValidCache(at);
    appendFileSync(at.core, "\n");
    await expectOk(at);
    const fresh = theValidCache(at);
    expect(path.basename(fresh.file)).not.toBe(path.basename(old.file));
  });

  it("runs normally when the cache cannot be written", async () => {
    const at = install();
    if (process.getuid?.() === 0) {
      // root ignores a read-only mode: put a file where the folder should be, so mkdir fails for root too
      const cacheRoot = path.dirname(at.cacheDir);
      writeFileSync(cacheRoot, "in the way");
      await expectOk(at);
      expect(readFileSync(cacheRoot, "utf8")).toBe("in the way");
    } else {
      mkdirSync(at.cacheDir, { recursive: true });
      chmodSync(at.cacheDir, 0o555);
      await expectOk(at);
      expect(readdirSync(at.cacheDir)).toEqual([]);
    }
    await expectOk(at);
  });

  it("leaves one valid cache and no tmp file after 8 concurrent first runs", async () => {
    const at = install();
    const runs = await Promise.all(Array.from({ length: 8 }, () => runHook(at)));
    for (const run of runs) {
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toBe(EXPECTED_STDOUT);
    }
    theValidCache(at);
  });

  it("keeps one cache per bundle, and removes the caches of the old one-folder layout", async () => {
    const at = install();
    const cacheRoot = path.dirname(at.cacheDir);
    mkdirSync(cacheRoot, { recursive: true });
    writeFileSync(path.join(cacheRoot, "0123abcd-100.v8cache"), "an old layout's cache");
    await expectOk(at);
    const hookCache = theValidCache(at);
    const task = await runScript(at, { mode: "no-such-task" });
    expect(task.code).toBe(1);
    expect(JSON.parse(task.stdout).error).toMatch(/Unknown task mode "no-such-task"/);
    expect(readdirSync(cacheRoot).sort()).toEqual(["stash2plex-core", "stash2plex-hook"]);
    const core = readFileSync(path.join(at.dist, "stash2plex-core.cjs"));
    expect(readdirSync(path.join(cacheRoot, "stash2plex-core"))).toEqual([
      cacheFileName(core, process.version, process.arch),
    ]);
    await expectOk(at);
    expect(theValidCache(at).ino).toBe(hookCache.ino);
  });

  it("answers one JSON error naming the missing bundle, with exit 1", async () => {
    const at = install();
    unlinkSync(at.core);
    const run = await runHook(at);
    expect(run.code).toBe(1);
    expect(run.stdout.trim().split("\n")).toHaveLength(1);
    const answer = JSON.parse(run.stdout) as { error?: unknown; output?: unknown };
    expect(answer.output).toBeUndefined();
    expect(String(answer.error)).toContain(at.core);
    expect(String(answer.error)).toMatch(/is missing\. Reinstall the plugin/);
    expect(run.stderr).toMatch(/^\x01e\x02\[Stash2Plex\] .*stash2plex-hook\.cjs is missing/);
  });

  it("answers a scan's update (input: null) without the core, honouring the cached settings like the core", async () => {
    const at = install();
    unlinkSync(at.core);
    const scan = await runHook(at, SCAN_UPDATE);
    expect([scan.code, scan.stdout, scan.stderr]).toEqual([
      0,
      EXPECTED_STDOUT,
      expect.stringMatching(/^\x01d\x02/),
    ]);
    expect(scan.stderr).toBe(
      "\x01d\x02[Stash2Plex Hook] Scene 1 Scene.Update.Post: skipped — scan-originated update (input is null)\n",
    );
    mkdirSync(at.dataDir, { recursive: true });
    writeFileSync(
      path.join(at.dataDir, "settings-cache.json"),
      JSON.stringify({ enabled: "off", debug_logging: true }),
    );
    const disabled = await runHook(at, SCAN_UPDATE);
    expect([disabled.code, disabled.stdout]).toEqual([0, JSON.stringify({ output: "disabled" })]);
    expect(disabled.stderr).toBe(
      "\x01i\x02[Stash2Plex Hook] [DEBUG] Scene 1: plugin disabled in settings, nothing recorded\n",
    );
    // Anything else still needs the core (here: missing, so the install error).
    const other = await runHook(at, { ...SCAN_UPDATE, input: undefined, inputFields: ["title"] });
    expect(other.code).toBe(1);
  });
});
