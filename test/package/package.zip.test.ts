import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { unzipSync } from "fflate";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { PACKAGE_FILES, stashIndexDate, writePackage, ZIP_NAME } from "../../scripts/package";
import { type FakePlex, startFakePlex } from "../fakes/plex/index";
import { type FakeStash, startFakeStash } from "../fakes/stash/index";
import { eventually, PLEX_TOKEN, REPO_ROOT } from "../integration/world";

/**
 * The release zip, installed the way Stash installs a package (extracted into an empty plugins folder, no
 * node_modules anywhere), must run on its own: a hook and a task through the fake Stash runner.
 * Needs `npm run build` first (the zip is made from dist/).
 */
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe("npm run package", () => {
  it("zips only the manifest (with package.json's version), the bundles, README and LICENSE", () => {
    // A compile cache in the build folder (the launcher writes one on its first run) must stay out of the zip.
    mkdirSync(path.join(REPO_ROOT, "dist", "compile-cache"), { recursive: true });
    const out = tempDir("s2p-pkg-");
    const at = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));
    const { zipPath, indexPath, entry } = writePackage(out, at);
    const zip = readFileSync(zipPath);
    const files = unzipSync(new Uint8Array(zip));
    expect(Object.keys(files).sort()).toEqual(PACKAGE_FILES.map(([name]) => name).sort());
    expect(Object.keys(files).sort()).toEqual([
      "LICENSE",
      "README.md",
      "Stash2Plex.yml",
      "dist/stash2plex-core.cjs",
      "dist/stash2plex-hook.cjs",
      "dist/stash2plex-ui.css",
      "dist/stash2plex-ui.js",
      "dist/stash2plex.mjs",
    ]);
    expect(Object.keys(files).filter((name) => /\.ya?ml$/.test(name))).toEqual(["Stash2Plex.yml"]);
    const version = (
      JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string }
    ).version;
    const manifest = parse(Buffer.from(files["Stash2Plex.yml"] ?? []).toString()) as Record<string, unknown>;
    expect(manifest["version"]).toBe(version);
    expect(manifest["exec"]).toEqual([
      "node",
      "--disable-warning=ExperimentalWarning",
      "{pluginDir}/dist/stash2plex.mjs",
    ]);

    const index = parse(readFileSync(indexPath, "utf8")) as Array<Record<string, unknown>>;
    expect(index).toEqual([
      {
        id: "Stash2Plex",
        name: "Stash2Plex",
        metadata: { description: manifest["description"] },
        version,
        date: "2026-01-02 03:04:05",
        path: ZIP_NAME,
        sha256: createHash("sha256").update(zip).digest("hex"),
      },
    ]);
    expect(entry.date).toBe(stashIndexDate(at));
  });

  it("runs from an empty plugins folder: a hook syncs a scene to Plex and a task succeeds", async () => {
    const out = tempDir("s2p-pkg-");
    const { zipPath } = writePackage(out);
    const root = tempDir("s2p-installed-");
    const pluginDir = path.join(root, "plugins", "Stash2Plex");
    for (const [name, bytes] of Object.entries(unzipSync(new Uint8Array(readFileSync(zipPath))))) {
      mkdirSync(path.dirname(path.join(pluginDir, name)), { recursive: true });
      writeFileSync(path.join(pluginDir, name), bytes);
    }
    const stash: FakeStash = await startFakeStash({
      scenes: 3,
      requireAuth: true,
      plugin: { dir: pluginDir, env: { STASH_PLUGIN_DATA: path.join(pluginDir, "data") }, stashDir: root },
    });
    cleanups.push(() => stash.stop());
    const items = [...stash.state.scenes.values()].map((scene) => {
      const file = stash.state.files.get(scene.fileIds[0] ?? "");
      return { ratingKey: String(1000 + Number(scene.id)), file: file?.path ?? "", size: file?.size };
    });
    const plex: FakePlex = await startFakePlex({
      token: PLEX_TOKEN,
      sections: [{ key: "1", title: "Scenes", locations: ["/data/videos"] }],
      items,
    });
    cleanups.push(() => plex.stop());
    stash.state.pluginSettings.set("Stash2Plex", { plex_url: plex.url, plex_token: PLEX_TOKEN });
    const runner = stash.runner;
    if (!runner) throw new Error("no plugin runner");
    cleanups.push(() => runner.killAll());

    const response = await fetch(`${stash.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: stash.loginCookie },
      body: JSON.stringify({
        query: `mutation { sceneUpdate(input: { id: "2", title: "Installed from the zip" }) { id } }`,
      }),
    });
    expect(response.status).toBe(200);
    await eventually(
      () => plex.item("1002").values.title === "Installed from the zip",
      20_000,
      "hook → Plex",
    );
    expect(runner.hookRuns.map((h) => h.result?.error ?? null)).toEqual([null]);

    const task = await runner.runTask("Health Check");
    expect(task.error, JSON.stringify(task.logs)).toBeNull();
    expect(task.exitCode).toBe(0);
    expect(plex.tokenLeaks()).toEqual([]);
    // The launcher built its code caches inside the installed plugin: one file per bundle for this Node (a
    // drainer may still be writing its own copy under a tmp name).
    const cacheRoot = path.join(pluginDir, "dist", "compile-cache");
    expect(readdirSync(cacheRoot).sort()).toEqual(["stash2plex-core", "stash2plex-hook"]);
    for (const bundle of ["stash2plex-core", "stash2plex-hook"]) {
      const caches = readdirSync(path.join(cacheRoot, bundle)).filter((n) => !n.endsWith(".tmp"));
      expect(caches).toEqual([expect.stringMatching(/^[0-9a-f]{24}-\d+\.v8cache$/)]);
    }
  });
});
