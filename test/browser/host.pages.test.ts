import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { CannedPlugin } from "../fakes/stash/canned-plugin";
import { type FakeStash, startFakeStash } from "../fakes/stash/server";
import { buildHostScript } from "../host/build";
import { type HostServer, serveHost } from "../host/server";
import { BASE, launchChromium, SHOTS } from "./live-stack";

/**
 * The built UI bundle in Chromium against the fake Stash with the canned plugin in its slot, only for states the real stack cannot
 * produce on demand: hostile strings in every field (incl. a javascript: Plex URL) and Stash failing to start
 * node. Every other flow runs against the real plugin in *.live.test.ts. Never skipped without Chromium.
 */

let browser: Browser;
let stash: FakeStash;
let plugin: CannedPlugin;
let host: HostServer;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  await buildHostScript(); // the UI bundle comes from `npm run build`
  stash = await startFakeStash({ canned: true });
  plugin = stash.canned as CannedPlugin;
  host = await serveHost({ stashUrl: stash.url, basePath: BASE });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await stash?.stop();
});

async function open(path: string): Promise<Page> {
  page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  pageErrors = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") pageErrors.push(m.text());
  });
  await page.goto(`${host.url}${path}`);
  return page;
}

afterEach(async () => {
  await page?.close();
  expect(pageErrors).toEqual([]);
});

describe("UI bundle in the React 17 host page", () => {
  it("keeps hostile strings inert in a real browser", async () => {
    const p = await open("scenes/666");
    await p.getByRole("tab", { name: "Plex" }).click();
    await p.locator(".stash2plex-fields").waitFor();
    expect(
      await p.evaluate(() => (window as Window & { __stash2plexXss?: number }).__stash2plexXss),
    ).toBeUndefined();
    expect(await p.locator(".stash2plex-island img").count()).toBe(0);
    expect(await p.locator('.stash2plex-island a[href^="javascript:"]').count()).toBe(0);
    await p.screenshot({ path: `${SHOTS}/scene-hostile.png`, fullPage: true });
  });

  it("shows the Node notice when Stash cannot start node", async () => {
    plugin.runtimeMissing = true;
    try {
      const p = await open("scenes/1");
      await p.getByRole("tab", { name: "Plex" }).click();
      await p.getByText("Stash2Plex needs Node.js 22.13 or newer").waitFor();
      await p.screenshot({ path: `${SHOTS}/runtime-missing.png`, fullPage: true });
    } finally {
      plugin.runtimeMissing = false;
    }
  });
});
