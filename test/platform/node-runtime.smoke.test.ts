import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { NODE_BINARY, protocolViolations, runBundled } from "../fuzz/bundled.js";
import { eventually, startWorld, type World } from "../integration/world.js";

/**
 * Protocol + sync smoke of the bundled script under the Node binary in STASH2PLEX_NODE_BINARY (default: the one
 * running vitest). scripts/node-versions.sh runs this file under Node 22 and Node 24.
 */
const nodeVersion = execFileSync(NODE_BINARY, ["-p", "process.versions.node"], { encoding: "utf8" }).trim();

let world: World | null = null;
afterEach(async () => {
  await world?.stop();
  world = null;
});

describe(`bundled script on Node ${nodeVersion}`, () => {
  it("answers bad stdin with one JSON error and exit 1", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "s2p-platform-"));
    try {
      const run = await runBundled("{not json", { STASH_PLUGIN_DATA: path.join(dir, "data") });
      expect(run.code).toBe(1);
      expect(protocolViolations(run, [])).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("hook → detached drainer → Plex edit, an operation and a task, all on this Node", async () => {
    world = await startWorld({ scenes: 2 });
    const w = world;
    w.stash.state.updateScene("1", { title: `Synced on Node ${nodeVersion}` });
    const hook = await w.runner.run({
      hookContext: {
        id: 1,
        type: "Scene.Update.Post",
        input: { id: "1", title: "x" },
        inputFields: ["id", "title"],
      },
    });
    expect(hook.output).toBe("ok");
    await eventually(
      () => w.plex.item("1001").values.title === `Synced on Node ${nodeVersion}`,
      20_000,
      "Plex edit",
    );
    const status = await w.runner.operation({ op: "scene.status", sceneId: "1" });
    expect(JSON.stringify(status)).toContain(`"title":"Synced on Node ${nodeVersion}"`);
    const health = await w.runner.runTask("Health Check");
    expect(health.error).toBeNull();
    expect(w.runner.violations).toEqual([]);
    const platforms = new Set(w.plex.requests.map((r) => r.headers["x-plex-platform-version"]));
    expect([...platforms]).toEqual([nodeVersion]);
  });
});
