import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DB_FILE } from "../../plugin/store/index.js";
import { eventually, PLEX_TOKEN, REPO_ROOT, startWorld, type World } from "./world.js";

const SCRIPT = path.join(REPO_ROOT, "dist", "stash2plex.mjs");

/** Runs the bundled script directly with raw stdin, like Stash would, in an empty plugin folder. */
function runRaw(stdin: string) {
  const dir = mkdtempSync(path.join(tmpdir(), "s2p-raw-"));
  const result = spawnSync(process.execPath, [SCRIPT], {
    input: stdin,
    encoding: "utf8",
    env: { ...process.env, STASH_PLUGIN_DATA: path.join(dir, "data") },
    timeout: 15_000,
  });
  const dataWritten = existsSync(path.join(dir, "data"));
  rmSync(dir, { recursive: true, force: true });
  return { ...result, dataWritten };
}

function oneJson(stdout: string): Record<string, unknown> {
  const parsed: unknown = JSON.parse(stdout);
  expect(typeof parsed).toBe("object");
  expect(stdout.trim().split("\n")).toHaveLength(1);
  return parsed as Record<string, unknown>;
}

let world: World | null = null;
afterEach(async () => {
  await world?.stop();
  world = null;
});

describe("protocol of the bundled script", () => {
  it.each([
    ["empty stdin", "", /no input on stdin/],
    ["garbage", "{not json", /could not parse its input as JSON/],
    ["JSON without server_connection", JSON.stringify({ args: { mode: "all" } }), /server_connection/],
    ["a JSON array", "[1,2,3]", /not a valid Stash plugin input/],
  ])("answers %s with one JSON error, exit 1, and writes nothing", (_name, stdin, message) => {
    const r = runRaw(stdin);
    expect(r.status).toBe(1);
    const out = oneJson(r.stdout);
    expect(String(out.error)).toMatch(message);
    expect(out.output).toBeUndefined();
    expect(r.stderr).toMatch(/^\x01e\x02\[Stash2Plex\] /);
    expect(r.dataWritten).toBe(false);
  });

  it("refuses an unknown mode and an unknown op, naming what is known, without touching the data folder", async () => {
    world = await startWorld();
    const mode = await world.runner.run({ mode: "sync_everything" });
    expect(mode.exitCode).toBe(1);
    expect(mode.error).toMatch(/Unknown task mode "sync_everything". Known modes: .*process_queue/);
    const op = await world.runner.run({ op: "scene.explode" });
    expect(op.error).toMatch(/Unknown operation "scene.explode". Known operations: .*scene.status/);
    const none = await world.runner.run({});
    expect(none.error).toMatch(/without args.mode, args.op or args.hookContext/);
    for (const r of [mode, op, none]) expect(r.violations).toEqual([]);
    expect(existsSync(world.dataDir)).toBe(false);
  });

  it("reports bad settings per field and does nothing", async () => {
    world = await startWorld({
      settings: { max_retries: 50, reconcile_interval: "monthly", enabled: "maybe" },
    });
    const r = await world.runner.runTask("Health Check");
    expect(r.exitCode).toBe(1);
    expect(r.error).toContain("max_retries must be at most 20 (got 50)");
    expect(r.error).toContain("reconcile_interval must be one of: never, hourly, daily, weekly");
    expect(r.error).toContain('enabled must be true or false (got "maybe")');
    expect(r.violations).toEqual([]);
    expect(world.plex.requests).toHaveLength(0);
  });

  it("records a hook fired by Stash's own sceneUpdate and returns the save; a scan update records nothing", async () => {
    world = await startWorld({ scenes: 2 });
    const saved = await fetch(`${world.stash.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: world.stash.loginCookie },
      body: JSON.stringify({
        query: "mutation($input: SceneUpdateInput!) { sceneUpdate(input: $input) { id title } }",
        variables: { input: { id: "1", title: "Saved from the UI" } },
      }),
    });
    expect((await saved.json()).data.sceneUpdate.title).toBe("Saved from the UI");
    expect(world.runner.hookRuns.at(-1)?.result?.output).toBe("ok");
    await eventually(
      () => world!.plex.item("1001").values.title === "Saved from the UI",
      20_000,
      "the edit in Plex",
    );

    const scan = await world.runner.run({ hookContext: { id: 2, type: "Scene.Update.Post", input: null } });
    expect(scan.output).toBe("ok");
    expect(scan.logs.map((l) => l.message).join("\n")).toContain("scan-originated update");
  });

  it("a scan update never opens the database: on a fresh data folder it creates none; an edit does", async () => {
    world = await startWorld({ scenes: 2 });
    const database = path.join(world.dataDir, DB_FILE);
    expect(existsSync(database)).toBe(false);
    const scan = await world.runner.run({ hookContext: { id: 2, type: "Scene.Update.Post", input: null } });
    expect(scan.output).toBe("ok");
    expect(existsSync(database)).toBe(false);
    const edit = await world.runner.run({
      hookContext: {
        id: 2,
        type: "Scene.Update.Post",
        input: { id: "2", title: "x" },
        inputFields: ["title"],
      },
    });
    expect(edit.output).toBe("ok");
    expect(existsSync(database)).toBe(true);
  });

  it("never writes the Plex token or the session cookie to stderr, outputs or files, even with debug logging", async () => {
    world = await startWorld({ scenes: 3, settings: { debug_logging: true } });
    const cookie = world.stash.loginCookie.split("=")[1]!;
    const runs = [
      await world.runner.runTask("Health Check"),
      await world.runner.run({
        hookContext: {
          id: 1,
          type: "Scene.Update.Post",
          input: { id: "1", title: "x" },
          inputFields: ["title"],
        },
      }),
      await world.runner.runTask("Process Queue"),
      await world.runner.run({ op: "plex.test", plex_token: "wrong-token-abcdefgh" }),
      await world.runner.run({ op: "queue.summary" }),
    ];
    const text = JSON.stringify(runs);
    expect(text).toContain("[DEBUG]");
    expect(text).not.toContain(PLEX_TOKEN);
    expect(text).not.toContain("wrong-token-abcdefgh");
    expect(text).not.toContain(cookie);
    await eventually(
      () => existsSync(path.join(world!.dataDir, "logs", "drainer.log")),
      10_000,
      "drainer log",
    );
    const files = world.dataFilesText();
    expect(files).not.toContain(PLEX_TOKEN);
    expect(files).not.toContain(cookie);
    expect(world.plex.tokenLeaks()).toEqual([]);
  });
});
