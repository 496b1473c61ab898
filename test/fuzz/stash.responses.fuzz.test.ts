import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRecordingLogger } from "../../plugin/log/recording-logger.js";
import {
  createStashClient,
  isStashError,
  STASH_ERROR_KINDS,
  type StashClient,
} from "../../plugin/stash/index.js";
import { COOKIE_SECRET, connection, mutate, nastyString } from "./arbitraries.js";
import { protocolViolations, runBundled } from "./bundled.js";

interface Reply {
  status: number;
  contentType: string;
  body: string;
}

let reply: Reply = { status: 200, contentType: "application/json", body: "{}" };
let server: Server;
let port = 0;
let client: StashClient;
const logger = createRecordingLogger();

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(reply.status, { "content-type": reply.contentType });
      res.end(reply.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
  client = createStashClient({
    baseUrl: `http://127.0.0.1:${port}`,
    cookieHeader: `session=${COOKIE_SECRET}`,
    logger,
    timeoutMs: 2000,
  });
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

/** A scene exactly as Stash's findScenes answers it. */
const stashScene = fc.record({
  id: fc.integer({ min: 1, max: 1e6 }).map(String),
  title: fc.option(nastyString),
  code: fc.option(fc.string()),
  details: fc.option(nastyString),
  director: fc.option(fc.string()),
  date: fc.option(fc.constantFrom("2024-01-31", "2024", "")),
  urls: fc.option(fc.array(fc.webUrl(), { maxLength: 3 })),
  rating100: fc.option(fc.integer({ min: 0, max: 100 })),
  organized: fc.boolean(),
  created_at: fc.constant("2024-01-01T00:00:00Z"),
  updated_at: fc.constant("2024-02-01T00:00:00+01:00"),
  files: fc.array(
    fc.record({
      path: nastyString,
      basename: nastyString,
      size: fc.oneof(fc.nat(), fc.nat().map(String), fc.constant(null)),
    }),
    { maxLength: 3 },
  ),
  studio: fc.option(
    fc.record({ name: nastyString, parent_studio: fc.option(fc.record({ name: fc.string() })) }),
  ),
  performers: fc.array(fc.record({ name: nastyString }), { maxLength: 4 }),
  tags: fc.array(fc.record({ name: nastyString }), { maxLength: 4 }),
  paths: fc.record({ screenshot: fc.option(fc.webUrl()) }),
});

function answer(data: unknown, extra: Record<string, unknown> = {}): Reply {
  return { status: 200, contentType: "application/json", body: JSON.stringify({ data, ...extra }) };
}

async function settle<T>(
  promise: Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; kind: string; message: string }> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    if (!isStashError(error)) throw new Error(`unclassified throw: ${String(error)}`, { cause: error });
    expect(STASH_ERROR_KINDS).toContain(error.kind);
    expect(error.message).not.toContain(COOKIE_SECRET);
    return { ok: false, kind: error.kind, message: error.message };
  }
}

describe("Stash client against hostile answers", () => {
  it("well-formed scenes (no files, no studio, numeric-string sizes, odd text) → a correct snapshot per id", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(stashScene, { selector: (s) => s.id, maxLength: 5 }),
        async (scenes) => {
          reply = answer({ findScenes: { count: scenes.length, scenes } });
          const found = await client.scenesByIds(scenes.map((s) => s.id));
          expect(found.size).toBe(scenes.length);
          for (const scene of scenes) {
            const snapshot = found.get(scene.id);
            expect(snapshot?.files.map((f) => f.path)).toEqual(scene.files.map((f) => f.path));
            expect(snapshot?.files.map((f) => f.size)).toEqual(
              scene.files.map((f) => (f.size === null ? null : Number(f.size))),
            );
            expect(snapshot?.title).toBe(scene.title);
            expect(snapshot?.studio?.name ?? null).toBe(scene.studio?.name ?? null);
            expect(snapshot?.tags).toEqual(scene.tags.map((t) => t.name));
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it("mutated scenes, null scenes, partial data with errors, random JSON, HTML → value or classified StashError", async () => {
    const base = fc.sample(stashScene, { numRuns: 1, seed: 7 })[0];
    const replies = fc.oneof(
      fc
        .tuple(fc.nat(), fc.oneof(fc.constant(undefined), fc.anything()))
        .map(([choice, value]) =>
          answer({ findScenes: { count: 1, scenes: [mutate(base, choice, value)] } }),
        ),
      fc.constant(answer({ findScenes: { count: 2, scenes: [base, null] } })),
      fc.constant(answer({ findScenes: null })),
      fc.constant(answer(null, { errors: [{ message: "scene with id 9 not found", path: ["findScenes"] }] })),
      fc.constant(answer({ findScenes: { count: 1, scenes: [base] } }, { errors: [{ message: "partial" }] })),
      fc.jsonValue().map((v) => ({ status: 200, contentType: "application/json", body: JSON.stringify(v) })),
      fc.constantFrom(200, 400, 401, 403, 404, 500, 502).map((status) => ({
        status,
        contentType: "text/html",
        body: "<html>proxy</html>",
      })),
      fc.string().map((body) => ({ status: 200, contentType: "application/json", body })),
    );
    await fc.assert(
      fc.asyncProperty(replies, async (r) => {
        reply = r;
        await settle(client.scenesByIds(["1", "9"]));
        await settle(client.pluginSettings("Stash2Plex"));
        await settle(client.version());
      }),
      { numRuns: 200 },
    );
    expect(JSON.stringify(logger.lines)).not.toContain(COOKIE_SECRET);
  });

  it("a scene without files is a snapshot with no files (the pipeline then dead-letters it as permanent)", async () => {
    const [scene] = fc.sample(stashScene, { numRuns: 1, seed: 3 });
    reply = answer({ findScenes: { count: 1, scenes: [{ ...scene, id: "5", files: [] }] } });
    expect((await client.scenesByIds(["5"])).get("5")?.files).toEqual([]);
  });

  it("settings that are not a map → invalid_data naming the plugin", async () => {
    reply = answer({ configuration: { plugins: { Stash2Plex: ["not", "a", "map"] } } });
    const result = await settle(client.pluginSettings("Stash2Plex"));
    expect(result).toMatchObject({ ok: false, kind: "invalid_data" });
  });

  it("a huge GraphQL error from Stash reaches the user as one bounded line through the bundled script", async () => {
    reply = answer(null, { errors: [{ message: "漢".repeat(40_000) }] });
    const root = mkdtempSync(path.join(tmpdir(), "s2p-fuzz-stash-"));
    try {
      const input = JSON.stringify({
        server_connection: connection(port, root),
        args: { mode: "health_check" },
      });
      const run = await runBundled(input, { STASH_PLUGIN_DATA: path.join(root, "data") });
      expect(protocolViolations(run, [COOKIE_SECRET])).toEqual([]);
      expect(Buffer.byteLength(run.stdout)).toBeLessThan(16 * 1024);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
