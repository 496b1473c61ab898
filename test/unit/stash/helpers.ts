/** Test helpers for the Stash client and runner tests: a throwaway plugin folder with a tiny echo plugin. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A test-only plugin: echoes its stdin and argv, writes levelled log and progress lines, obeys `args.mode`. */
const ECHO_PLUGIN = String.raw`
let text = "";
process.stdin.setEncoding("utf8");
for await (const chunk of process.stdin) text += chunk;
const input = JSON.parse(text);
const args = input.args ?? {};
const log = (c, m) => process.stderr.write("\x01" + c + "\x02" + m + "\n");
const reply = (doc) => process.stdout.write(JSON.stringify(doc));
log("i", "mode=" + args.mode);
log("d", "  debug detail  ");
switch (args.mode) {
  case "progress":
    for (const p of ["0.25", "0.5", "1.5", "abc"]) log("p", p);
    reply({ output: "done" });
    break;
  case "fail":
    reply({ error: "Plex token missing" });
    break;
  case "crash":
    process.stderr.write("Traceback (most recent call last): boom\n");
    process.exit(3);
    break;
  case "raw":
    process.stdout.write("Queue initialized at /tmp/x\n");
    reply({ output: "ok" });
    break;
  case "hang":
    log("i", "waiting to be killed");
    setInterval(() => {}, 1000);
    break;
  case "graphql": {
    const c = input.server_connection;
    const host = c.Host === "0.0.0.0" ? "127.0.0.1" : c.Host;
    const res = await fetch(c.Scheme + "://" + host + ":" + c.Port + "/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", cookie: c.SessionCookie.Name + "=" + c.SessionCookie.Value },
      body: JSON.stringify({ query: "{ version { version } }" }),
    });
    reply({ output: { status: res.status, body: await res.text() } });
    break;
  }
  case "writeback": {
    const c = input.server_connection;
    const query = "mutation($i: SceneUpdateInput!) { sceneUpdate(input: $i) { id } }";
    await fetch("http://127.0.0.1:" + c.Port + "/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", cookie: "session=" + c.SessionCookie.Value },
      body: JSON.stringify({ query, variables: { i: { id: String(args.hookContext.id), details: "written back" } } }),
    });
    reply({ output: "ok" });
    break;
  }
  default:
    reply({ output: { input, argv: process.argv.slice(2), dataEnv: process.env.STASH_PLUGIN_DATA ?? null } });
}
`;

const MANIFEST = `name: Stash2Plex
description: Test double of the plugin
version: 0.0.1
exec: ["node", "{pluginDir}/echo-plugin.mjs"]
interface: raw
tasks:
  - name: Echo
    description: Echo the input
    execArgs: ["--task", "{pluginDir}/extra"]
    defaultArgs:
      mode: echo
      days: 30
  - name: Progress
    defaultArgs:
      mode: progress
  - name: Hang
    defaultArgs:
      mode: hang
hooks:
  - name: Scene changes
    triggeredBy: [Scene.Update.Post, Scene.Create.Post, Scene.Destroy.Post]
    defaultArgs:
      mode: hook
settings:
  plexUrl:
    displayName: Plex URL
    type: STRING
`;

export interface TempPlugin {
  dir: string;
  cleanup(): void;
}

/** A plugin folder `<tmp>/plugins/Stash2Plex` with the echo plugin and its manifest (or `manifest`). */
export function makeEchoPlugin(manifest = MANIFEST): TempPlugin {
  const root = mkdtempSync(join(tmpdir(), "s2p-fake-stash-"));
  const dir = join(root, "Stash2Plex");
  mkdirSync(dir);
  writeFileSync(join(dir, "echo-plugin.mjs"), ECHO_PLUGIN);
  writeFileSync(join(dir, "Stash2Plex.yml"), manifest);
  return { dir, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** POSTs one GraphQL document to the fake, as a logged-in browser would. */
export async function gql(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  cookie?: string,
): Promise<{ data?: Record<string, unknown>; errors?: Array<{ message: string }> }> {
  const res = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: Record<string, unknown>; errors?: Array<{ message: string }> };
}
