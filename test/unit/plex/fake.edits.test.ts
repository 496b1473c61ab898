import { describe, expect, it } from "vitest";
import type { FakePlex } from "../../fakes/plex/index.js";
import { fakePlexPerTest } from "./helpers.js";

const start = fakePlexPerTest();
const A = {
  ratingKey: "1",
  title: "A",
  file: "/data/scenes/a.mp4",
  summary: "Agent summary",
  studio: "Studio A",
  genres: ["g1", "g2", "g3"],
  actors: ["p1", "p2", "p3", "p4"],
};
const B = { ratingKey: "2", title: "B", file: "/data/scenes/b.mp4", genres: ["g1"] };

/** Sends a raw request the way a (possibly buggy) client would. */
async function raw(fake: FakePlex, method: string, pathAndQuery: string, init: RequestInit = {}) {
  const response = await fetch(`${fake.url}${pathAndQuery}`, {
    method,
    headers: { "X-Plex-Token": fake.token, Accept: "application/json" },
    ...init,
  });
  return { status: response.status, type: response.headers.get("content-type"), text: await response.text() };
}

describe("fake Plex edit semantics", () => {
  it("indexed tag lists replace the list, ordered by index", async () => {
    const { fake } = await start({ items: [A] });
    const q = "type=1&id=1&genre%5B1%5D.tag.tag=second&genre[0].tag.tag=first";
    expect((await raw(fake, "PUT", `/library/sections/1/all?${q}`)).status).toBe(200);
    expect(fake.item("1").tags.genre).toEqual(["first", "second"]);
  });

  it("[].tag.tag- removes names, each piece percent-decoded after splitting on commas", async () => {
    const { fake } = await start({ items: [{ ...A, genres: ["a b", "x,y", "100%", "keep"] }] });
    const value = encodeURIComponent(["a b", "x,y", "100%"].map(encodeURIComponent).join(","));
    await raw(fake, "PUT", `/library/sections/1/all?type=1&id=1&genre%5B%5D.tag.tag-=${value}`);
    expect(fake.item("1").tags.genre).toEqual(["keep"]);
  });

  it(".value sets, empty .value clears (the attribute disappears), .locked adds/removes Field entries", async () => {
    const { fake, client } = await start({ items: [A] });
    await raw(
      fake,
      "PUT",
      "/library/sections/1/all?type=1&id=1&summary.value=&summary.locked=1&studio.locked=1",
    );
    const body = JSON.parse((await raw(fake, "GET", "/library/metadata/1")).text);
    const metadata = body.MediaContainer.Metadata[0];
    expect(metadata).not.toHaveProperty("summary");
    expect(metadata.Field).toEqual([
      { locked: true, name: "studio" },
      { locked: true, name: "summary" },
    ]);
    await raw(fake, "PUT", "/library/sections/1/all?type=1&id=1&studio.locked=0&title.value=New");
    const item = await client.metadata("1");
    expect(item).toMatchObject({ title: "New", summary: null, lockedFields: ["summary"] });
  });

  it("an edit WITHOUT id rewrites every item of the section (the bug the client must never make)", async () => {
    const { fake } = await start({ items: [A, B] });
    await raw(fake, "PUT", "/library/sections/1/all?type=1&title.value=Oops");
    expect([fake.item("1").values.title, fake.item("2").values.title]).toEqual(["Oops", "Oops"]);
  });

  it("PUT /library/metadata/{id} applies the same semantics to one item", async () => {
    const { fake } = await start({ items: [A, B] });
    await raw(fake, "PUT", "/library/metadata/2?title.value=Only%20B&title.locked=1");
    expect(fake.item("2").values.title).toBe("Only B");
    expect(fake.item("2").locks.has("title")).toBe(true);
    expect(fake.item("1").values.title).toBe("A");
  });

  it("decodes + as a space like PMS, so an unencoded literal + visibly breaks", async () => {
    const { fake } = await start({ items: [A] });
    await raw(fake, "PUT", "/library/sections/1/all?type=1&id=1&title.value=A+B");
    expect(fake.item("1").values.title).toBe("A B");
  });

  it("rejects a missing type, unknown parameters and malformed escapes with 400; unknown ids with 404", async () => {
    const { fake } = await start({ items: [A] });
    expect((await raw(fake, "PUT", "/library/sections/1/all?id=1&title.value=x")).status).toBe(400);
    const typo = await raw(fake, "PUT", "/library/sections/1/all?type=1&id=1&titel.value=x");
    expect(typo).toMatchObject({ status: 400, type: "text/html" });
    expect(typo.text).toContain("400 Bad Request");
    expect((await raw(fake, "PUT", "/library/sections/1/all?type=1&id=1&title.value=%E0%A4%A")).status).toBe(
      400,
    );
    expect((await raw(fake, "PUT", "/library/sections/1/all?type=1&id=99&title.value=x")).status).toBe(404);
    expect(fake.item("1").values.title).toBe("A");
  });

  it("new collection tags create collections listed by the section", async () => {
    const { fake } = await start({ items: [A, B] });
    await raw(fake, "PUT", "/library/sections/1/all?type=1&id=1,2&collection%5B0%5D.tag.tag=Studio%20X");
    const body = JSON.parse((await raw(fake, "GET", "/library/sections/1/collections")).text);
    expect(body.MediaContainer.Metadata).toMatchObject([
      { title: "Studio X", type: "collection", childCount: "2" },
    ]);
  });

  it("an agent refresh restores unlocked fields only (why locks matter)", async () => {
    const { fake } = await start({ items: [A] });
    await raw(
      fake,
      "PUT",
      "/library/sections/1/all?type=1&id=1&title.value=Mine&title.locked=1&summary.value=Mine",
    );
    await raw(fake, "PUT", "/library/metadata/1/refresh");
    expect(fake.item("1").values).toMatchObject({ title: "Mine", summary: "Agent summary" });
  });

  it("re-uploading identical poster bytes does not re-select them", async () => {
    const { fake, client } = await start({ items: [{ ...A, withImages: true }] });
    const bytes = new TextEncoder().encode("same");
    await client.uploadPoster("1", bytes);
    const agent = (await client.posters("1")).find((p) => !p.selected)?.ratingKey ?? "";
    await client.selectPoster("1", agent);
    await client.uploadPoster("1", bytes);
    expect((await client.posters("1")).find((p) => p.selected)?.ratingKey).toBe(agent);
    const thumb = await fetch(`${fake.url}${(await client.metadata("1")).thumb}`, {
      headers: { "X-Plex-Token": fake.token },
    });
    expect(await thumb.text()).toContain("agent image");
  });
});

describe("fake Plex wire behaviour", () => {
  it("answers XML when JSON was not asked for, and 401 HTML without a token", async () => {
    const { fake } = await start();
    const xml = await fetch(`${fake.url}/identity`);
    expect(xml.headers.get("content-type")).toContain("text/xml");
    expect(await xml.text()).toMatch(
      /<MediaContainer size="0" apiVersion="0.2.0" claimed="1" machineIdentifier="/,
    );
    const denied = await fetch(`${fake.url}/library/sections`, { headers: { Accept: "application/json" } });
    expect(denied.status).toBe(401);
    expect(await denied.text()).toBe(
      "<html><head><title>Unauthorized</title></head><body><h1>401 Unauthorized</h1></body></html>",
    );
  });

  it("accepts a token in the query but flags it as a leak", async () => {
    const { fake } = await start();
    const response = await fetch(`${fake.url}/library/sections?X-Plex-Token=${fake.token}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("<Directory ");
    expect(fake.tokenLeaks()).toHaveLength(1);
    expect(fake.tokenLeaks()[0]?.tokenVia).toBe("query");
    expect(JSON.stringify(fake.requests[0]?.headers)).not.toContain(fake.token);
  });

  it("list pages truncate tags (≤2 Genre, ≤3 Role, {tag} only, no Field); detail has everything", async () => {
    const { fake } = await start({ items: [{ ...A, locks: ["title"] }] });
    const list = JSON.parse((await raw(fake, "GET", "/library/sections/1/all?type=1")).text);
    const listed = list.MediaContainer.Metadata[0];
    expect(listed.Genre).toEqual([{ tag: "g1" }, { tag: "g2" }]);
    expect(listed.Role).toHaveLength(3);
    expect(listed).not.toHaveProperty("Field");
    const detail = JSON.parse((await raw(fake, "GET", "/library/metadata/1")).text).MediaContainer
      .Metadata[0];
    expect(detail.Genre).toHaveLength(3);
    expect(detail.Role).toHaveLength(4);
    expect(detail.Genre[0]).toMatchObject({ tag: "g1", filter: expect.stringMatching(/^genre=\d+$/) });
    expect(detail.Field).toEqual([{ locked: true, name: "title" }]);
  });
});
