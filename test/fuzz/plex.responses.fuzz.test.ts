import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PlexItem } from "../../plugin/domain/plex-item.js";
import { createRecordingLogger } from "../../plugin/log/recording-logger.js";
import { createPlexClient, isPlexError, PLEX_ERROR_KINDS, type PlexClient } from "../../plugin/plex/index.js";
import { mutate, nastyString } from "./arbitraries.js";

const TOKEN = "fuzz-plex-token-abcdef012345";
const FIXTURES = new URL("../../../shared/plex-fixtures/", import.meta.url);
const fixtureText = (name: string) => readFileSync(new URL(name, FIXTURES), "utf8");
const METADATA = JSON.parse(fixtureText("metadata.json")) as {
  MediaContainer: { Metadata: Record<string, unknown>[] };
};

interface Reply {
  status: number;
  contentType: string;
  body: Buffer;
}

/** A server that answers every request with whatever the current test put in `reply`. */
let reply: Reply = { status: 200, contentType: "application/json", body: Buffer.from("{}") };
let server: Server;
let client: PlexClient;
const logger = createRecordingLogger();

beforeAll(async () => {
  server = createServer((_req, res) => {
    res.writeHead(reply.status, { "content-type": reply.contentType, "content-length": reply.body.length });
    res.end(reply.body);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  client = createPlexClient({
    baseUrl: `http://127.0.0.1:${port}`,
    token: TOKEN,
    clientIdentifier: "fuzz",
    connectTimeoutMs: 2000,
    readTimeoutMs: 2000,
    logger,
  });
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

type Outcome = { ok: true; value: unknown } | { ok: false; kind: string; message: string };

/** Calls every read the pipeline uses; each must resolve or reject with a classified PlexError. */
async function outcomes(): Promise<Outcome[]> {
  const calls: Array<() => Promise<unknown>> = [
    () => client.metadata("134703"),
    () => client.sections(),
    () => client.sectionPage("3", 0, 50),
    () => client.identity(),
    () => client.posters("134703"),
  ];
  const out: Outcome[] = [];
  for (const call of calls) {
    try {
      out.push({ ok: true, value: await call() });
    } catch (error) {
      if (!isPlexError(error)) throw new Error(`unclassified throw: ${String(error)}`, { cause: error });
      out.push({ ok: false, kind: error.kind, message: error.message });
    }
  }
  return out;
}

function expectClassified(results: Outcome[]) {
  for (const r of results) {
    if (r.ok) continue;
    expect(PLEX_ERROR_KINDS).toContain(r.kind);
    expect(r.message).not.toContain(TOKEN);
    expect(r.message.length).toBeLessThan(600);
  }
  expect(JSON.stringify(logger.lines)).not.toContain(TOKEN);
}

const bodies = fc.oneof(
  fc.nat().map((n) => {
    const text = fixtureText("metadata.json");
    return Buffer.from(text.slice(0, n % text.length));
  }),
  fc
    .constantFrom("metadata.xml", "error-401.html", "error-503-maintenance.xml", "sections.xml")
    .map((f) => Buffer.from(fixtureText(f))),
  fc
    .tuple(fc.nat(), fc.oneof(fc.constant(undefined), fc.anything(), nastyString))
    .map(([choice, value]) => Buffer.from(JSON.stringify(mutate(METADATA, choice, value)) ?? "null")),
  fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v))),
  fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
);

const statuses = fc.oneof(
  fc.constant(200),
  fc.constantFrom(200, 204, 301, 302, 400, 401, 404, 429, 500, 503, 999),
);
const contentTypes = fc.constantFrom(
  "application/json",
  "text/xml",
  "text/html",
  "",
  "application/json; charset=latin1",
);

function metadataWith(patch: Record<string, unknown>): Buffer {
  const item = { ...METADATA.MediaContainer.Metadata[0], ...patch };
  return Buffer.from(JSON.stringify({ MediaContainer: { ...METADATA.MediaContainer, Metadata: [item] } }));
}

describe("Plex client against hostile answers", () => {
  it("any status × content type × body (truncated, XML, HTML, mutated, random) → value or classified PlexError", async () => {
    await fc.assert(
      fc.asyncProperty(statuses, contentTypes, bodies, async (status, contentType, body) => {
        reply = { status, contentType, body };
        const results = await outcomes();
        expectClassified(results);
        if (status !== 200) expect(results.every((r) => !r.ok)).toBe(true);
      }),
      { numRuns: 250 },
    );
  });

  it("10,000 genres and a 1 MB summary → a PlexItem carrying them", async () => {
    const genres = Array.from({ length: 10_000 }, (_, i) => ({ id: i, tag: `Genre ${i}` }));
    const summary = "s".repeat(1_000_000);
    reply = { status: 200, contentType: "application/json", body: metadataWith({ Genre: genres, summary }) };
    const item = await client.metadata("134703");
    expect(item.tags.genre).toHaveLength(10_000);
    expect(item.summary).toHaveLength(1_000_000);
  });

  it("control, zero-width and invalid UTF-8 bytes in fields → a PlexItem (bytes replaced, never a throw)", async () => {
    const patched = metadataWith({ title: "A\u0000B\u200bC\u0007D", summary: "__SUMMARY__" }).toString(
      "utf8",
    );
    const [before, after] = patched.split("__SUMMARY__") as [string, string];
    const invalid = Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80]);
    reply = {
      status: 200,
      contentType: "application/json",
      body: Buffer.concat([Buffer.from(before), invalid, Buffer.from(after)]),
    };
    const item: PlexItem = await client.metadata("134703");
    expect(item.title).toBe("A\u0000B\u200bC\u0007D");
    expect(item.summary).toContain("\ufffd");
  });

  it.each([
    ["Metadata missing", { MediaContainer: { size: 0 } }],
    ["Metadata not an array", { MediaContainer: { Metadata: "x" } }],
    ["MediaContainer null", { MediaContainer: null }],
    [
      "Genre an object",
      { MediaContainer: { Metadata: [{ ...METADATA.MediaContainer.Metadata[0], Genre: { tag: "x" } }] } },
    ],
    [
      "ratingKey a number",
      { MediaContainer: { Metadata: [{ ...METADATA.MediaContainer.Metadata[0], ratingKey: 5 }] } },
    ],
    [
      "title null",
      { MediaContainer: { Metadata: [{ ...METADATA.MediaContainer.Metadata[0], title: null }] } },
    ],
  ])("%s → PlexItem or not_found/bad_response", async (_name, body) => {
    reply = { status: 200, contentType: "application/json", body: Buffer.from(JSON.stringify(body)) };
    const [metadata] = await outcomes();
    if (metadata && !metadata.ok) expect(["bad_response", "not_found"]).toContain(metadata.kind);
  });
});
