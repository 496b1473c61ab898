import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { encodePlexTagRemoval } from "../../../plugin/domain/plex-item.js";
import { isPlexError } from "../../../plugin/plex/index.js";
import { fakePlexPerTest, rejectionOf } from "./helpers.js";

const start = fakePlexPerTest();
const SCENE = {
  ratingKey: "4242",
  title: "Scene Title",
  file: "/data/scenes/Studio/Scene Title - 2024-01-30.mp4",
  size: 1836623104,
  genres: ["Tag One", "Tag, With Comma", "Tag Three"],
  actors: ["Performer A", "Performer B", "Performer, C", "Performer D"],
  studio: "Example Studio",
  date: "2024-01-30",
};

describe("client ↔ fake Plex over HTTP", () => {
  it("identity(): machine id and version, with the client headers and the token only in a header", async () => {
    const { fake, client } = await start();
    const identity = await client.identity();
    expect(identity).toMatchObject({ machineIdentifier: fake.state.machineIdentifier, claimed: true });
    const [request] = fake.requests;
    expect(request?.headers).toMatchObject({
      accept: "application/json",
      "x-plex-client-identifier": "test-client-id",
      "x-plex-product": "Stash2Plex",
    });
    expect(request?.headers["x-plex-version"]).toBeTruthy();
    expect(request?.headers["x-plex-platform"]).toBe("Node.js");
    expect(request?.tokenVia).toBe("header");
    expect(fake.tokenLeaks()).toEqual([]);
  });

  it("sections(): keys, types and Location paths", async () => {
    const { client } = await start({
      sections: [
        { key: "3", title: "Scenes", locations: ["/data/scenes", "/mnt/more"] },
        { key: "7", title: "Shows", type: "show", locations: ["/tv"] },
      ],
    });
    const sections = await client.sections();
    expect(sections.map((s) => [s.key, s.type, s.locations])).toEqual([
      ["3", "movie", ["/data/scenes", "/mnt/more"]],
      ["7", "show", ["/tv"]],
    ]);
  });

  it("sectionPage(): paging by X-Plex-Container headers with type=1; list tags are truncated", async () => {
    const items = Array.from({ length: 5 }, (_, i) => ({
      ...SCENE,
      ratingKey: String(100 + i),
      file: `/data/scenes/${i}.mp4`,
    }));
    const { client, fake } = await start({ items });
    const page = await client.sectionPage("1", 2, 2);
    expect(page).toMatchObject({ offset: 2, size: 2, totalSize: 5 });
    expect(page.items.map((i) => i.ratingKey)).toEqual(["102", "103"]);
    expect(page.items[0]?.parts).toEqual([{ file: "/data/scenes/2.mp4", size: SCENE.size }]);
    const request = fake.requests.at(-1);
    expect(request?.headers).toMatchObject({ "x-plex-container-start": "2", "x-plex-container-size": "2" });
    expect(request?.query.get("type")).toBe("1");
  });

  it("metadata(): full tag lists, locks, parts; not_found for an unknown ratingKey", async () => {
    const { client, fake } = await start({ items: [{ ...SCENE, locks: ["title", "genre"] }] });
    const item = await client.metadata("4242");
    expect(item).toMatchObject({
      ratingKey: "4242",
      librarySectionId: "1",
      title: "Scene Title",
      studio: "Example Studio",
      originallyAvailableAt: "2024-01-30",
      lockedFields: ["genre", "title"],
    });
    expect(item.tags.genre).toEqual(SCENE.genres);
    expect(item.tags.actor).toEqual(SCENE.actors);
    const error = await rejectionOf(client.metadata("999"));
    expect(isPlexError(error) && error.kind).toBe("not_found");
    expect(fake.requests.at(-1)?.status).toBe(404);
  });

  it("edit(): one PUT on the section form with type, id and every pair encoded once", async () => {
    const { client, fake } = await start({ items: [SCENE] });
    await client.edit("1", "4242", [
      ["title.value", "A+B & C, 100% ✓"],
      ["title.locked", "1"],
      ["genre[0].tag.tag", "New, Genre"],
      ["genre[1].tag.tag", "Tag One"],
      ["actor[].tag.tag-", encodePlexTagRemoval(["Performer A", "Performer, C"])],
    ]);
    const request = fake.requests.at(-1);
    expect(request?.method).toBe("PUT");
    expect(request?.path).toBe("/library/sections/1/all");
    expect(request?.rawQuery).toBe(
      "type=1&id=4242&title.value=A%2BB%20%26%20C%2C%20100%25%20%E2%9C%93&title.locked=1" +
        "&genre%5B0%5D.tag.tag=New%2C%20Genre&genre%5B1%5D.tag.tag=Tag%20One" +
        "&actor%5B%5D.tag.tag-=Performer%2520A%2CPerformer%252C%2520C",
    );
    const item = await client.metadata("4242");
    expect(item.title).toBe("A+B & C, 100% ✓");
    expect(item.lockedFields).toEqual(["title"]);
    expect(item.tags.genre).toEqual(["New, Genre", "Tag One"]);
    expect(fake.item("4242").tags.actor).toEqual(["Performer B", "Performer D"]);
  });

  it("edit(): refuses to send without a ratingKey, with reserved keys or with nothing to send", async () => {
    const { client, fake } = await start({ items: [SCENE] });
    await expect(client.edit("1", "", [["title.value", "x"]])).rejects.toThrow(RangeError);
    await expect(client.edit("1", " ", [["title.value", "x"]])).rejects.toThrow(RangeError);
    await expect(client.edit("1", "1,2", [["title.value", "x"]])).rejects.toThrow(RangeError);
    await expect(client.edit("1", "4242", [["id", "1"]])).rejects.toThrow(RangeError);
    await expect(client.edit("1", "4242", [])).rejects.toThrow(RangeError);
    await expect(client.edit("", "4242", [["title.value", "x"]])).rejects.toThrow(RangeError);
    expect(fake.requests).toHaveLength(0);
    expect(client.requestCount()).toBe(0);
  });

  it("uploadPoster()/uploadArt(): raw bytes; the upload is selected, locked, and the thumb path moves", async () => {
    const { client, fake } = await start({ items: [{ ...SCENE, withImages: true }] });
    const before = await client.metadata("4242");
    const bytes = new TextEncoder().encode("poster bytes");
    await client.uploadPoster("4242", bytes);
    await client.uploadArt("4242", new TextEncoder().encode("art bytes"));
    const sha1 = createHash("sha1").update(bytes).digest("hex");
    const posters = await client.posters("4242");
    expect(posters.find((p) => p.selected)?.ratingKey).toBe(`upload://posters/${sha1}`);
    expect(posters).toHaveLength(2);
    const arts = await client.arts("4242");
    expect(arts.find((p) => p.selected)?.ratingKey).toMatch(/^upload:\/\/art\/[0-9a-f]{40}$/);
    const after = await client.metadata("4242");
    expect(after.thumb).not.toBe(before.thumb);
    expect(after.art).not.toBe(before.art);
    expect(after.lockedFields).toEqual(["art", "thumb"]);
    const upload = fake.requests.find((r) => r.method === "POST");
    expect(upload?.path).toBe("/library/metadata/4242/posters");
    await expect(client.uploadPoster("4242", new Uint8Array())).rejects.toThrow(RangeError);
  });

  it("selectPoster()/selectArt(): re-selects an entry by its ratingKey", async () => {
    const { client } = await start({ items: [{ ...SCENE, withImages: true }] });
    await client.uploadPoster("4242", new TextEncoder().encode("one"));
    const agentPoster = (await client.posters("4242")).find((p) => !p.selected)?.ratingKey ?? "";
    await client.selectPoster("4242", agentPoster);
    expect((await client.posters("4242")).find((p) => p.selected)?.ratingKey).toBe(agentPoster);
    const agentArt = (await client.arts("4242"))[0]?.ratingKey ?? "";
    await client.selectArt("4242", agentArt);
    expect((await client.arts("4242"))[0]?.selected).toBe(true);
    const error = await rejectionOf(client.selectPoster("4242", "upload://posters/unknown"));
    expect(isPlexError(error) && error.kind).toBe("not_found");
  });

  it("scanPath() + activities(): a partial scan brings a pending file in", async () => {
    const { client, fake } = await start({ scanDelayMs: 60_000 });
    fake.addPendingFile({ file: "/data/scenes/New Folder/new scene.mp4", size: 42 });
    fake.addPendingFile({ file: "/data/scenes/Other/other.mp4" });
    await client.scanPath("1", "/data/scenes/New Folder");
    expect(fake.requests.at(-1)?.rawQuery).toBe("path=%2Fdata%2Fscenes%2FNew%20Folder");
    const activities = await client.activities();
    expect(activities).toMatchObject([
      { type: "library.update.section", Context: { librarySectionID: "1" } },
    ]);
    expect((await client.sections())[0]?.refreshing).toBe(true);
    fake.completeScans();
    const page = await client.sectionPage("1", 0, 50);
    expect(page.items.map((i) => i.title)).toEqual(["new scene"]);
    expect(await client.activities()).toEqual([]);
    await expect(client.scanPath("1", "  ")).rejects.toThrow(RangeError);
  });

  it("sectionItems(): walks every page and counts requests; onRequest sees each one", async () => {
    const items = Array.from({ length: 7 }, (_, i) => ({ title: `t${i}`, file: `/data/scenes/${i}.mp4` }));
    const { client, events } = await start({ items });
    const pages = [];
    for await (const page of client.sectionItems("1", 3)) pages.push(page.items.length);
    expect(pages).toEqual([3, 3, 1]);
    expect(client.requestCount()).toBe(3);
    expect(events.map((e) => [e.method, e.path, e.status, e.kind])).toEqual([
      ["GET", "/library/sections/1/all", 200, null],
      ["GET", "/library/sections/1/all", 200, null],
      ["GET", "/library/sections/1/all", 200, null],
    ]);
  });
});
