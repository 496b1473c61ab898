import { describe, expect, it } from "vitest";
import { fakePlexPerTest } from "./helpers.js";

const start = fakePlexPerTest();
const items = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ title: `Item ${i}`, file: `/data/scenes/f${i}.mp4` }));

async function collect(generator: AsyncGenerator<{ items: Array<{ title: string }> }>) {
  const titles: string[] = [];
  for await (const page of generator) titles.push(...page.items.map((i) => i.title));
  return titles;
}

describe("pagination", () => {
  it("a server that returns fewer items than asked is still walked completely", async () => {
    const { client } = await start({ items: items(10), maxPageSize: 4 });
    const titles = await collect(client.sectionItems("1", 100));
    expect(titles).toHaveLength(10);
    expect(new Set(titles).size).toBe(10);
    expect(client.requestCount()).toBe(3);
  });

  it("without totalSize the walk stops at the first short page", async () => {
    const { client } = await start({ items: items(5), omitTotalSize: true });
    expect(await collect(client.sectionItems("1", 2))).toHaveLength(5);
    expect(client.requestCount()).toBe(3);
  });

  it("an empty section is one request", async () => {
    const { client } = await start();
    expect(await collect(client.sectionItems("1"))).toEqual([]);
    expect(client.requestCount()).toBe(1);
  });

  it("the fake also pages by query parameters and answers the container headers", async () => {
    const { fake } = await start({ items: items(5) });
    const response = await fetch(
      `${fake.url}/library/sections/1/all?type=1&X-Plex-Container-Start=3&X-Plex-Container-Size=10`,
      { headers: { "X-Plex-Token": fake.token, Accept: "application/json" } },
    );
    expect(response.headers.get("x-plex-container-total-size")).toBe("5");
    const body = await response.json();
    expect(body.MediaContainer).toMatchObject({ offset: 3, size: 2, totalSize: 5 });
  });

  it("title (contains, case-insensitive) and file (substring) filters narrow a listing", async () => {
    const { fake } = await start({ items: items(12) });
    const get = async (q: string) => {
      const r = await fetch(`${fake.url}/library/sections/1/all?type=1&${q}`, {
        headers: { "X-Plex-Token": fake.token, Accept: "application/json" },
      });
      return ((await r.json()).MediaContainer.Metadata ?? []).map((m: { title: string }) => m.title);
    };
    expect(await get("title=item%201")).toEqual(["Item 1", "Item 10", "Item 11"]);
    expect(await get(`file=${encodeURIComponent("f2.mp4")}`)).toEqual(["Item 2"]);
  });
});

describe("partial scans", () => {
  it("pending files under the scanned folder appear once the scan delay has passed (fake clock)", async () => {
    let now = 1_700_000_000_000;
    const { client, fake } = await start({ clock: { now: () => now }, scanDelayMs: 10_000 });
    fake.addPendingFile({ file: "/data/scenes/new/one.mp4" });
    fake.addPendingFile({ file: "/data/scenes/newer/two.mp4" });
    await client.scanPath("1", "/data/scenes/new");
    expect((await client.sectionPage("1", 0, 10)).items).toEqual([]);
    now += 10_000;
    const page = await client.sectionPage("1", 0, 10);
    expect(page.items.map((i) => i.parts[0]?.file)).toEqual(["/data/scenes/new/one.mp4"]);
    expect((await client.sections())[0]?.refreshing).toBe(false);
    const created = await client.metadata(page.items[0]?.ratingKey ?? "");
    expect(created.title).toBe("one");
  });

  it("with no delay the scan completes on the next request", async () => {
    const { client, fake } = await start();
    fake.addPendingFile({ file: "/data/scenes/x.mp4" });
    await client.scanPath("1", "/data/scenes");
    expect((await client.sectionPage("1", 0, 10)).items).toHaveLength(1);
  });

  it("a scan of an unknown section is not_found", async () => {
    const { client } = await start();
    await expect(client.scanPath("9", "/x")).rejects.toMatchObject({ kind: "not_found" });
  });
});

describe("bench knobs", () => {
  it("the concurrency cap queues requests; the counters see the peak", async () => {
    const { client, fake } = await start({ maxConcurrent: 2, latencyMs: 30 });
    await Promise.all(Array.from({ length: 6 }, () => client.identity()));
    expect(fake.stats()).toMatchObject({ handled: 6, inFlight: 0, peakInFlight: 2 });
  });
});
