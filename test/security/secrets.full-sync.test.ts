import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { listTree } from "../fuzz/tree.js";
import { eventually, PLEX_TOKEN, REPO_ROOT, startWorld, type World } from "../integration/world.js";
import { loadRealSchema } from "../unit/stash/schema-compat.js";

const WRONG_TOKEN = "rejected-secret-token-4242";

let world: World | null = null;
afterEach(async () => {
  await world?.stop();
  world = null;
});

/** Every session cookie value the fake Stash hands to a plugin process. */
function recordIssuedCookies(w: World): string[] {
  const cookies: string[] = [];
  const sessions = w.stash.sessions;
  const issue = sessions.issue.bind(sessions);
  sessions.issue = (visited) => {
    const value = issue(visited);
    cookies.push(value);
    return value;
  };
  return cookies;
}

async function editFromUi(w: World, sceneId: string, title: string): Promise<void> {
  const response = await fetch(`${w.stash.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: w.stash.loginCookie },
    body: JSON.stringify({
      operationName: "TestEdit",
      query: "mutation TestEdit($input: SceneUpdateInput!) { sceneUpdate(input: $input) { id } }",
      variables: { input: { id: sceneId, title } },
    }),
  });
  expect(response.status).toBe(200);
}

describe("secrets and data-folder hygiene after a full sync with failures", () => {
  it("no token or cookie in any output, log line, error, data file or Plex URL; files 0600, dirs 0700; no Stash writes", async () => {
    world = await startWorld({ scenes: 6, settings: { debug_logging: true } });
    const w = world;
    const cookies = recordIssuedCookies(w);

    // A full sync, an edit from the UI (hook → drainer), then failures: Plex 500s, Plex down, a rejected token.
    expect((await w.runner.runTask("Sync All Scenes to Plex")).error).toBeNull();
    await w.runner.runTask("Process Queue");
    await editFromUi(w, "1", "Edited in Stash");
    await eventually(() => w.plex.item("1001").values.title === "Edited in Stash", 20_000, "hook sync");
    w.plex.faults.set("GET /library/metadata/*", { type: "status", status: 500, times: 3 });
    await editFromUi(w, "2", "Second edit");
    await w.plex.down();
    await w.runner.runTask("Process Queue");
    const down = await w.runner.run({ op: "plex.test" });
    expect(down.output).toMatchObject({ ok: false });
    await w.plex.up();
    w.settings({ plex_token: WRONG_TOKEN });
    const typed = await w.runner.run({ op: "plex.test", plex_token: "typed-secret-token-777" });
    expect(typed.output).toMatchObject({ ok: false, tokenValid: false });
    await w.runner.run({ op: "scene.sync", sceneId: "3" });
    await w.runner.runTask("Process Queue");
    await w.runner.runTask("Health Check");
    await w.runner.run({ op: "queue.summary" });
    await w.runner.run({ op: "scene.status", sceneId: "3" });
    await w.runner.runTask("Outage Summary Report");

    const secrets = [PLEX_TOKEN, WRONG_TOKEN, "typed-secret-token-777", ...cookies];
    expect(cookies.length).toBeGreaterThan(5);
    const everythingPrinted =
      JSON.stringify(w.runner.runs.map((r) => r.result)) + JSON.stringify(w.runner.logs);
    const dataFiles = listTree(w.dataDir);
    const leaks = secrets.flatMap((secret) => [
      ...(everythingPrinted.includes(secret) ? [`printed: ${secret.slice(0, 6)}…`] : []),
      ...dataFiles
        .filter((f) => f.text.includes(secret))
        .map((f) => `file ${f.path}: ${secret.slice(0, 6)}…`),
    ]);
    expect(leaks).toEqual([]);
    expect(w.plex.tokenLeaks()).toEqual([]);
    expect(w.runner.violations).toEqual([]);

    expect(statSync(w.dataDir).mode & 0o777).toBe(0o700);
    expect(dataFiles.length).toBeGreaterThan(3);
    // Including the database's -wal and -shm files, which SQLite creates with the database file's mode.
    const loose = dataFiles.filter((f) => (f.isDir ? f.mode !== 0o700 : f.mode !== 0o600));
    expect(loose.map((f) => `${f.path} ${f.mode.toString(8)}`)).toEqual([]);

    // The plugin only reads from Stash: every request it made is one of its named queries.
    const pluginRequests = w.stash.requests.filter((r) => r.operationName !== "TestEdit");
    expect(pluginRequests.length).toBeGreaterThan(0);
    const names = new Set(
      pluginRequests.map((r) =>
        r.path === "/graphql" ? (r.operationName ?? "(anonymous)") : `GET-only ${r.method}`,
      ),
    );
    names.delete("GET-only GET");
    expect([...names].filter((n) => !/^Stash2Plex[A-Za-z]+$/.test(n))).toEqual([]);
    const scenesAfter = [...w.stash.state.scenes.values()].map((s) => s.title);
    expect(scenesAfter[0]).toBe("Edited in Stash");
  }, 60_000);

  it("the bundle's only GraphQL mutations are the opt-in import's three (plays, resume point, rating)", () => {
    const bundle = readFileSync(path.join(REPO_ROOT, "dist", "stash2plex-core.cjs"), "utf8");
    const documents = bundle.match(/\b(query|mutation)\s+Stash2Plex\w+/g) ?? [];
    expect(documents.length).toBeGreaterThan(3);
    expect(new Set(documents.filter((d) => d.startsWith("mutation")))).toEqual(
      new Set([
        "mutation Stash2PlexAddPlays",
        "mutation Stash2PlexSaveResume",
        "mutation Stash2PlexSetRating",
      ]),
    );
    expect(bundle).not.toMatch(/\bmutation\s*[({]/);
    // Which of Stash's mutations the plugin can call at all: plays, resume point, rating (sceneUpdate).
    const mutationFields = Object.keys(loadRealSchema().getMutationType()?.getFields() ?? {});
    const called = mutationFields.filter((name) => new RegExp(`\\b${name}\\(`).test(bundle));
    expect(called.sort()).toEqual(["sceneAddPlay", "sceneSaveActivity", "sceneUpdate"]);
  });
});
