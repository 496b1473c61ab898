import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { fileURLToPath } from "node:url";
import { DB_FILE } from "../../plugin/db/database.js";
import { type FakePlex, type FakePlexOptions, startFakePlex } from "../fakes/plex/index.js";
import { type FakeStash, startFakeStash } from "../fakes/stash/index.js";
import { killProcessesOf } from "./world-processes.js";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const PLEX_TOKEN = "plex-secret-token-0123456789";

export interface World {
  stash: FakeStash;
  runner: NonNullable<FakeStash["runner"]>;
  plex: FakePlex;
  pluginDir: string;
  dataDir: string;
  settings: (patch: Record<string, unknown>) => void;
  /** Every file the plugin wrote into its data folder, as text (secret scans). */
  dataFilesText: () => string;
  stop: () => Promise<void>;
}

export interface WorldOptions {
  scenes?: number;
  /** Which seeded scenes Plex already has (default: all). */
  inPlex?: (sceneId: string) => boolean;
  plex?: Omit<FakePlexOptions, "items">;
  settings?: Record<string, unknown>;
  requireAuth?: boolean;
}

/**
 * A plugin folder exactly as Stash sees an installed plugin (manifest + built dist/), a fake Stash that runs the
 * bundled script through its runner, and a fake Plex holding items for the seeded scenes' files.
 */
export async function startWorld(options: WorldOptions = {}): Promise<World> {
  const root = mkdtempSync(path.join(tmpdir(), "s2p-world-"));
  const pluginDir = path.join(root, "plugins", "Stash2Plex");
  mkdirSync(pluginDir, { recursive: true });
  cpSync(path.join(REPO_ROOT, "Stash2Plex.yml"), path.join(pluginDir, "Stash2Plex.yml"));
  symlinkSync(path.join(REPO_ROOT, "dist"), path.join(pluginDir, "dist"));
  const dataDir = path.join(pluginDir, "data");
  const stash = await startFakeStash({
    scenes: options.scenes ?? 0,
    requireAuth: options.requireAuth ?? true,
    plugin: { dir: pluginDir, env: { STASH_PLUGIN_DATA: dataDir }, stashDir: root },
  });
  const inPlex = options.inPlex ?? (() => true);
  const items = [...stash.state.scenes.values()]
    .filter((scene) => inPlex(scene.id))
    .map((scene) => {
      const file = stash.state.files.get(scene.fileIds[0] ?? "");
      return {
        ratingKey: String(1000 + Number(scene.id)),
        title: file?.basename ?? `scene ${scene.id}`,
        file: file?.path ?? "",
        size: file?.size,
      };
    })
    .filter((item) => item.file !== "");
  const plex = await startFakePlex({
    token: PLEX_TOKEN,
    sections: [{ key: "1", title: "Scenes", locations: ["/data/videos"] }],
    ...options.plex,
    items,
  });
  const settings = (patch: Record<string, unknown>) => {
    const current = stash.state.pluginSettings.get("Stash2Plex") ?? {};
    stash.state.pluginSettings.set("Stash2Plex", { ...current, ...patch });
  };
  settings({ plex_url: plex.url, plex_token: PLEX_TOKEN, ...options.settings });
  const runner = stash.runner;
  if (!runner) throw new Error("fake Stash started without the plugin runner");
  return {
    stash,
    runner,
    plex,
    pluginDir,
    dataDir,
    settings,
    dataFilesText: () => readTree(dataDir),
    stop: async () => {
      runner.killAll();
      killDrainer(dataDir);
      killProcessesOf(dataDir);
      await stash.stop();
      await plex.stop();
      await removeTree(root);
    },
  };
}

/** The detached background drainer outlives the runner's processes: stop it through the drainer-role row. */
function killDrainer(dataDir: string): void {
  try {
    const db = new DatabaseSync(path.join(dataDir, DB_FILE), { readOnly: true, timeout: 1_000 });
    try {
      const row = db.prepare("SELECT pid FROM drainer").get() as { pid?: unknown } | undefined;
      if (typeof row?.pid === "number" && row.pid !== process.pid) process.kill(row.pid, "SIGKILL");
    } finally {
      db.close();
    }
  } catch {
    // no drainer, or already gone
  }
}

/** A drainer spawned a moment ago may still write a file while the tree goes: retry briefly. */
async function removeTree(dir: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      rmSync(dir, { recursive: true, force: true });
      return;
    } catch (error) {
      if (attempt >= 20) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

function readTree(dir: string): string {
  let out = "";
  let entries: import("node:fs").Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true, encoding: "utf8" });
  } catch {
    return "";
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out += readTree(full);
    else if (entry.isFile()) out += `${readFileSync(full, "utf8")}\n`;
  }
  return out;
}

/** Polls until `check` returns a truthy value (fake servers and a background drainer run on their own). */
export async function eventually<T>(
  check: () => T | Promise<T>,
  timeoutMs = 20_000,
  what = "condition",
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`Timed out waiting for ${what}${last ? `: ${String(last)}` : ""}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
