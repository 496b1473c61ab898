import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startWorld, type World } from "../integration/world.js";

/**
 * Node builds its global fetch, Headers and Response from undici, whose first use costs a process ~16 ms of
 * loading — a third of a UI operation's budget. Our HTTP goes through plugin/net (node:http, a small Response
 * of its own) and the bundle hands graphql-request a small Headers (vite.config.ts), so an operation that asks
 * Stash and Plex, and a task, never load undici. This runs the bundled script as Stash does and reads the
 * process's own list of loaded built-in modules at exit.
 */
let world: World | null = null;
let dir: string | null = null;
afterEach(async () => {
  await world?.stop();
  world = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

describe("the bundled script's HTTP", () => {
  it("never loads undici: scene.status (Stash + Plex) and a task", async () => {
    world = await startWorld({ scenes: 2 });
    dir = mkdtempSync(path.join(tmpdir(), "s2p-undici-"));
    const report = path.join(dir, "loaded.txt");
    const preload = path.join(dir, "report-builtins.mjs");
    writeFileSync(
      preload,
      `import { appendFileSync } from "node:fs";
process.on("exit", () => appendFileSync(${JSON.stringify(report)},
  process.moduleLoadList.filter((m) => m.includes("undici")).join(",") + "|" + process.pid + "\\n"));`,
    );
    world.runner.setEnv({ NODE_OPTIONS: `--import=${preload}` });
    const sync = await world.runner.runTask("Sync All Scenes to Plex");
    expect(sync.error).toBeNull();
    const status = await world.runner.operation({ op: "scene.status", sceneId: "1" });
    expect(JSON.stringify(status)).toContain('"ratingKey":"1001"');
    const lines = readFileSync(report, "utf8").trim().split("\n");
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.filter((line) => !line.startsWith("|"))).toEqual([]);
    expect(world.plex.requests.length).toBeGreaterThan(0);
  });
});
