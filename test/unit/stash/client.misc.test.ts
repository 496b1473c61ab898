import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createRecordingLogger } from "../../../plugin/log/recording-logger.js";
import { createStashClient, isStashError, type StashClient } from "../../../plugin/stash/index.js";
import { type FakeStash, startFakeStash } from "../../fakes/stash/index.js";
import { gql } from "./helpers.js";

let stash: FakeStash;
let client: StashClient;

beforeEach(async () => {
  stash = await startFakeStash({ requireAuth: true, scenes: 5 });
  client = createStashClient({
    baseUrl: stash.url,
    cookieHeader: stash.loginCookie,
    logger: createRecordingLogger(),
    timeoutMs: 5000,
  });
});
afterEach(() => stash.stop());

const CONFIGURE = "mutation($id: ID!, $m: Map!) { configurePlugin(plugin_id: $id, input: $m) }";

describe("pluginSettings", () => {
  it("is empty before anything was saved, then the saved map; configurePlugin replaces it whole", async () => {
    expect(await client.pluginSettings("Stash2Plex")).toEqual({});
    await gql(
      stash.url,
      CONFIGURE,
      { id: "Stash2Plex", m: { plexUrl: "http://plex:32400", maxTags: 5 } },
      stash.loginCookie,
    );
    await gql(stash.url, CONFIGURE, { id: "Other", m: { x: 1 } }, stash.loginCookie);
    expect(await client.pluginSettings("Stash2Plex")).toEqual({ plexUrl: "http://plex:32400", maxTags: 5 });
    await gql(stash.url, CONFIGURE, { id: "Stash2Plex", m: { strict: true } }, stash.loginCookie);
    expect(await client.pluginSettings("Stash2Plex")).toEqual({ strict: true });
  });
});

describe("version and jobs", () => {
  it("reads the version, an empty job queue and an unknown job", async () => {
    expect(await client.version()).toEqual({
      version: "v0.30.1",
      hash: "cf3489efd",
      build_time: "2026-01-11 07:07:53",
    });
    expect(await client.jobQueue()).toEqual([]);
    expect(await client.findJob("42")).toBeNull();
  });
});

describe("downloadImage", () => {
  it("downloads a scene cover with the cookie, and sees a new image when the cover changes", async () => {
    const scene = (await client.scenesByIds(["1"])).get("1");
    const first = await client.downloadImage(scene?.screenshotUrl ?? "");
    expect(first?.contentType).toBe("image/png");
    expect([...(first?.bytes.slice(0, 4) ?? [])]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    const update = "mutation($i: SceneUpdateInput!) { sceneUpdate(input: $i) { id } }";
    const cover = `data:image/jpeg;base64,${jpeg.toString("base64")}`;
    await gql(stash.url, update, { i: { id: "1", cover_image: cover } }, stash.loginCookie);
    const changed = (await client.scenesByIds(["1"])).get("1");
    expect(changed?.screenshotUrl).not.toBe(scene?.screenshotUrl);
    const second = await client.downloadImage(changed?.screenshotUrl ?? "");
    expect(second).toEqual({ bytes: new Uint8Array(jpeg), contentType: "image/jpeg" });
    const images = stash.requests.filter((r) => r.path === "/scene/1/screenshot");
    expect(images.map((r) => [r.hadCookie, r.status])).toEqual([
      [true, 200],
      [true, 200],
    ]);
  });

  it("answers null for a scene Stash has no image for", async () => {
    expect(await client.downloadImage(`${stash.url}/scene/999/screenshot`)).toBeNull();
  });

  it("refuses URLs off the Stash origin without sending anything", async () => {
    const before = stash.requests.length;
    for (const url of ["http://evil.example/steal.png", "file:///etc/passwd", "ftp://127.0.0.1/x"]) {
      const error = await client.downloadImage(url).catch((e: unknown) => e);
      expect(isStashError(error) && error.kind).toBe("refused_url");
    }
    expect(stash.requests.length).toBe(before);
  });

  it("fetches a Stash scene image built from external_host from the address it reaches Stash at", async () => {
    const image = await client.downloadImage("https://stash.example.com/proxy/scene/2/screenshot?t=5");
    expect(image?.contentType).toBe("image/png");
    expect(stash.requests.at(-1)?.path).toBe("/scene/2/screenshot");
  });

  it("reports a rejected cookie as an auth error", async () => {
    const stranger = createStashClient({
      baseUrl: stash.url,
      cookieHeader: "session=wrong",
      logger: createRecordingLogger(),
      timeoutMs: 5000,
    });
    const error = await stranger.downloadImage(`${stash.url}/scene/1/screenshot`).catch((e: unknown) => e);
    expect(isStashError(error) && [error.kind, error.status]).toEqual(["auth", 401]);
  });
});
