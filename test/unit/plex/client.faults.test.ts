import { describe, expect, it } from "vitest";
import { isPlexError, type PlexError } from "../../../plugin/plex/index.js";
import { fakePlexPerTest, rejectionOf } from "./helpers.js";

const start = fakePlexPerTest();
const ITEM = { ratingKey: "55", title: "Item", file: "/data/scenes/item.mp4" };

async function plexRejection(promise: Promise<unknown>): Promise<PlexError> {
  const error = await rejectionOf(promise);
  if (!isPlexError(error)) throw new Error(`expected a PlexError, got ${String(error)}`);
  return error;
}

describe("faults → PlexError kinds", () => {
  it.each([
    [503, "maintenance"],
    [429, "rate_limited"],
    [500, "server_error"],
    [502, "server_error"],
    [401, "auth"],
    [403, "auth"],
    [404, "not_found"],
    [400, "bad_request"],
  ])("HTTP %i → %s, without parsing the stock body", async (status, kind) => {
    const { client, fake } = await start({ items: [ITEM] });
    fake.faults.set("*", { type: "status", status });
    const error = await plexRejection(client.metadata("55"));
    expect(error).toMatchObject({ kind, status, method: "GET", path: "/library/metadata/55" });
    expect(error.message).toBe(`Plex GET /library/metadata/55: HTTP ${status} [${kind}]`);
  });

  it("maintenance applies to /identity too (the health probe)", async () => {
    const { client, fake } = await start();
    fake.faults.set("*", { type: "status", status: 503, times: 1 });
    expect((await plexRejection(client.identity())).kind).toBe("maintenance");
    await expect(client.identity()).resolves.toMatchObject({ claimed: true });
  });

  it("a wrong token → auth (the fake answers its 401 HTML page)", async () => {
    const { client } = await start({ items: [ITEM] }, { token: "wrong-token-value" });
    const error = await plexRejection(client.sections());
    expect(error).toMatchObject({ kind: "auth", status: 401 });
    await expect(client.identity()).resolves.toBeTruthy();
  });

  it("refuse (socket destroyed) → server_down", async () => {
    const { client, fake } = await start();
    fake.faults.set("GET /library/sections", { type: "refuse" });
    expect((await plexRejection(client.sections())).kind).toBe("server_down");
  });

  it("down() → server_down (ECONNREFUSED); up() on the same port recovers", async () => {
    const { client, fake } = await start();
    await client.identity();
    await fake.down();
    const error = await plexRejection(client.identity());
    expect(error.kind).toBe("server_down");
    expect(error.message).toContain("ECONNREFUSED");
    await fake.up();
    await expect(client.identity()).resolves.toBeTruthy();
  });

  it("an unresolvable host → server_down", async () => {
    const { client } = await start({}, { baseUrl: "http://plex.invalid:32400" });
    expect((await plexRejection(client.identity())).kind).toBe("server_down");
  });

  it("an HTML 200 from a proxy → bad_response naming the content type and first bytes", async () => {
    const { client, fake } = await start();
    fake.faults.set("*", { type: "garbage" });
    const error = await plexRejection(client.sections());
    expect(error.kind).toBe("bad_response");
    expect(error.message).toContain("expected JSON, received text/html");
    expect(error.message).toContain('"<html><head><title>Sign in</title>');
  });

  it("garbage bytes, broken JSON and wrong JSON shapes → bad_response with a sanitised snippet", async () => {
    const { client, fake, token } = await start().then((h) => ({ ...h, token: h.fake.token }));
    fake.faults.set("*", {
      type: "garbage",
      body: `\u0000\u0001binary\n\t${token}`,
      contentType: "",
      times: 1,
    });
    const binary = await plexRejection(client.sections());
    expect(binary.message).toContain("no content-type (");
    expect(binary.message).toContain('"binary ****"');
    fake.faults.set("*", {
      type: "garbage",
      body: '{"MediaContainer": ',
      contentType: "application/json",
      times: 1,
    });
    expect((await plexRejection(client.sections())).message).toContain("invalid JSON");
    fake.faults.set("*", { type: "garbage", body: '{"nope": 1}', contentType: "application/json", times: 1 });
    const shape = await plexRejection(client.identity());
    expect(shape.message).toContain("JSON does not have the expected shape (MediaContainer:");
  });

  it("faults expire after `times` and after `until`", async () => {
    let now = 1_000_000;
    const { client, fake } = await start({ clock: { now: () => now } });
    fake.faults.set("/identity", { type: "status", status: 500, until: now + 5000 });
    expect((await plexRejection(client.identity())).kind).toBe("server_error");
    now += 5000;
    await expect(client.identity()).resolves.toBeTruthy();
  });
});

describe("the token never leaks", () => {
  it("is never in a URL, an error message, a log line or a request event", async () => {
    const { client, fake, logger, events } = await start({ items: [ITEM] });
    const token = fake.token;
    await client.identity();
    await client.sections();
    await client.metadata("55");
    await client.edit("1", "55", [["title.value", "x"]]);
    await client.uploadPoster("55", new Uint8Array([1, 2, 3]));
    await client.scanPath("1", "/data/scenes");
    const errors: unknown[] = [];
    for (const status of [401, 404, 500, 503]) {
      fake.faults.set("*", { type: "status", status, times: 1 });
      errors.push(await rejectionOf(client.metadata("55")));
    }
    fake.faults.set("*", { type: "garbage", body: `token=${token}`, times: 1 });
    errors.push(await rejectionOf(client.sections()));
    expect(fake.requests.length).toBeGreaterThan(8);
    expect(fake.tokenLeaks()).toEqual([]);
    expect(fake.requests.every((r) => r.tokenVia === "header" || r.path === "/identity")).toBe(true);
    const everything = JSON.stringify({
      errors: errors.map(String),
      json: errors,
      lines: logger.lines,
      events,
    });
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(encodeURIComponent(token));
  });
});
