import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeStash, loadPlugin, startFakeStash } from "../../fakes/stash/index.js";
import { makeEchoPlugin, type TempPlugin } from "./helpers.js";

let plugin: TempPlugin;
let stash: FakeStash;

beforeAll(async () => {
  plugin = makeEchoPlugin();
  stash = await startFakeStash({
    requireAuth: true,
    plugin: { dir: plugin.dir, env: { STASH_PLUGIN_DATA: "/tmp/d" } },
  });
});
afterAll(async () => {
  await stash.stop();
  plugin.cleanup();
});

interface Echo {
  input: { server_connection: Record<string, unknown>; args: Record<string, unknown> };
  argv: string[];
  dataEnv: string | null;
}

describe("runner.run (runPluginOperation semantics)", () => {
  it("writes Stash's stdin document, passes exactly the args, and parses stdout and stderr", async () => {
    const runner = stash.runner!;
    const result = await runner.run({ op: "status", n: 2 });
    const echo = result.output as Echo;
    expect(echo.input.args).toEqual({ op: "status", n: 2 });
    expect(echo.argv).toEqual([]);
    expect(echo.dataEnv).toBe("/tmp/d");
    const connection = echo.input.server_connection;
    expect(connection).toMatchObject({
      Scheme: "http",
      Host: "0.0.0.0",
      Port: stash.port,
      PluginDir: plugin.dir,
    });
    expect(Object.keys(connection.SessionCookie as object)).toEqual([
      "Name",
      "Value",
      "Quoted",
      "Path",
      "Domain",
      "Expires",
      "RawExpires",
      "MaxAge",
      "Secure",
      "HttpOnly",
      "SameSite",
      "Partitioned",
      "Raw",
      "Unparsed",
    ]);
    expect(result.logs).toEqual([
      { level: "info", message: "mode=undefined", source: "operation" },
      { level: "debug", message: "debug detail", source: "operation" },
    ]);
    expect([result.error, result.exitCode, result.violations]).toEqual([null, 0, []]);
    expect(result.stdoutRaw.startsWith('{"output":')).toBe(true);
  });

  it("gives the plugin a session cookie that Stash accepts", async () => {
    const result = await stash.runner!.run({ mode: "graphql" });
    expect(result.output).toEqual({ status: 200, body: '{"data":{"version":{"version":"v0.30.1"}}}' });
  });

  it("returns the plugin's error, and Go's exit status when it crashed without one", async () => {
    expect((await stash.runner!.run({ mode: "fail" })).error).toBe("Plex token missing");
    const crash = await stash.runner!.run({ mode: "crash" });
    expect([crash.error, crash.exitCode]).toEqual(["exit status 3", 3]);
    expect(crash.logs.at(-1)).toEqual({
      level: "error",
      message: "Traceback (most recent call last): boom",
      source: "operation",
    });
  });

  it("takes non-JSON stdout as the raw output and records a protocol violation", async () => {
    const result = await stash.runner!.run({ mode: "raw" });
    expect(result.output).toBe('Queue initialized at /tmp/x\n{"output":"ok"}');
    expect(result.violations).toEqual([
      "stdout is not a JSON document; Stash uses the raw text as the output",
    ]);
    expect(stash.runner!.violations.at(-1)?.source).toBe("operation");
  });

  it("runs a task with its execArgs ({pluginDir} substituted) and defaultArgs overridden by the caller", async () => {
    const result = await stash.runner!.runTask("Echo", { days: 7, extra: true });
    const echo = result.output as Echo;
    expect(echo.input.args).toEqual({ mode: "echo", days: 7, extra: true });
    expect(echo.argv).toEqual(["--task", `${plugin.dir}/extra`]);
  });
});

describe("loadPlugin", () => {
  it("rejects a manifest with a key Stash does not know, as Stash's strict YAML does", () => {
    const bad = makeEchoPlugin('name: X\nexec: ["node"]\nrequires: [a]\n');
    try {
      expect(() => loadPlugin(bad.dir)).toThrow(/Error loading plugin Stash2Plex.yml: .*requires/);
    } finally {
      bad.cleanup();
    }
  });
});
