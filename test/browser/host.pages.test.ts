import { existsSync, mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildHostScript, buildUiBundle } from "../host/build";
import { type HostServer, serveHost } from "../host/server";
import { createStubBackend, type StubBackend, startStubServer } from "../host/stub-backend";

/**
 * The built UI bundle in a real Chromium, inside the React 17 host page, against the stub operation backend
 * (later: the fake Stash running the bundled plugin). Never skipped: without Chromium this file fails.
 */
const CHROMIUM = "/usr/bin/chromium";
const SHOTS = resolve(import.meta.dirname, "../../test-results/screenshots");
const BASE = "/stash/";

let browser: Browser;
let backend: StubBackend;
let stub: { url: string; close(): Promise<void> };
let host: HostServer;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}. The browser tests need it: run \`apt-get update && apt-get install -y chromium\` (as root). These tests are never skipped.`,
    );
  }
  mkdirSync(SHOTS, { recursive: true });
  await Promise.all([buildUiBundle(), buildHostScript()]);
  backend = createStubBackend();
  stub = await startStubServer(backend);
  host = await serveHost({ stashUrl: stub.url, basePath: BASE });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await stub?.close();
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
  it("adds a Plex tab to the scene page showing match, sync and the field table", async () => {
    const p = await open("scenes/1");
    await p.getByRole("tab", { name: "Plex" }).click();
    await p.getByRole("link", { name: "Morning Light" }).waitFor();
    expect(await p.locator(".stash2plex-fields tbody tr").count()).toBe(5);
    expect(await p.getByText("Found in Plex by its mapped path.").isVisible()).toBe(true);
    const ops = backend.calls.filter((c) => c.op === "scene.status").map((c) => c.args?.["sceneId"]);
    expect(ops).toContain("1");
    await p.screenshot({ path: `${SHOTS}/scene-tab.png`, fullPage: true });
  });

  it("pins an ambiguous candidate and shows the host's toast", async () => {
    const p = await open("scenes/2");
    await p.getByRole("tab", { name: "Plex" }).click();
    await p.getByRole("button", { name: "Pin Clip (A) (/media/a/clip.mp4)" }).click();
    await p.getByText("✓ Pinned").waitFor();
    await p.screenshot({ path: `${SHOTS}/scene-ambiguous.png`, fullPage: true });
  });

  it("navbar button opens the queue route through the host router (base href kept)", async () => {
    const p = await open("");
    const nav = p.locator("a.stash2plex-nav");
    await nav.locator(".stash2plex-nav-count").waitFor();
    expect(await nav.getAttribute("href")).toBe(`${BASE}plugins/stash2plex`);
    expect(await nav.locator("[data-down]").count()).toBe(1);
    await nav.click();
    await p.getByText("Open (Plex down — jobs wait)").waitFor();
    expect(new URL(p.url()).pathname).toBe(`${BASE}plugins/stash2plex`);
    await p.getByRole("link", { name: "Scene 2" }).waitFor();
    await p.screenshot({ path: `${SHOTS}/queue-page.png`, fullPage: true });
  });

  it("replaces only Stash2Plex's plugin settings and keeps the token hidden", async () => {
    const p = await open("settings");
    await p.getByRole("group", { name: "Plex connection" }).waitFor();
    expect(await p.getByText("Generic settings for OtherPlugin").isVisible()).toBe(true);
    expect(await p.getByText("Generic settings for Stash2Plex").count()).toBe(0);
    expect(await p.content()).not.toContain(backend.settings["plex_token"] as string);
    await p.getByRole("button", { name: "Test connection" }).click();
    await p.getByText(/Connected to Plex 1\.41/).waitFor();
    await p.screenshot({ path: `${SHOTS}/settings.png`, fullPage: true });
  });

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
    backend.runtimeMissing = true;
    try {
      const p = await open("scenes/1");
      await p.getByRole("tab", { name: "Plex" }).click();
      await p.getByText("Stash2Plex needs Node.js").waitFor();
      await p.screenshot({ path: `${SHOTS}/runtime-missing.png`, fullPage: true });
    } finally {
      backend.runtimeMissing = false;
    }
  });
});
