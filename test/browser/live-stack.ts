import { existsSync, mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from "playwright-core";
import { buildHostScript } from "../host/build";
import { type HostServer, serveHost } from "../host/server";
import { eventually, startWorld, type World, type WorldOptions } from "../integration/world";

/**
 * The real stack for browser tests: fake Stash running the BUNDLED plugin (run `npm run build` first), fake
 * Plex, the React 17 host page proxying /graphql to the fake Stash, and Chromium carrying the Stash session
 * cookie the way a logged-in browser does.
 */
export const CHROMIUM = "/usr/bin/chromium";
export const SHOTS = resolve(import.meta.dirname, "../../test-results/screenshots");
export const BASE = "/stash/";

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}. The browser tests need it: run \`apt-get update && apt-get install -y chromium\` (as root). These tests are never skipped.`,
    );
  }
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export interface LiveStack {
  world: World;
  host: HostServer;
  browser: Browser;
  /**
   * Opens `path` (relative to the base) in a fresh page; page errors are collected in `errors`. With `clock`, the
   * page runs on Playwright's fake clock from its first script on (advance it with `runClock`).
   */
  open(path: string, options?: { clock?: boolean }): Promise<Page>;
  errors: string[];
  /** A GraphQL call to the fake Stash as the logged-in user (mutations fire the plugin's hooks). */
  graphql<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
  stop(): Promise<void>;
}

export async function startLiveStack(options: WorldOptions = {}): Promise<LiveStack> {
  const [world, browser] = await Promise.all([startWorld(options), launchChromium(), buildHostScript()]);
  const host = await serveHost({ stashUrl: world.stash.url, basePath: BASE });
  const errors: string[] = [];
  const contexts: BrowserContext[] = [];
  const cookieValue = world.stash.loginCookie.slice(world.stash.loginCookie.indexOf("=") + 1);
  return {
    world,
    host,
    browser,
    errors,
    async open(path, options = {}) {
      const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
      contexts.push(context);
      await context.addCookies([{ name: "session", value: cookieValue, url: host.url }]);
      const page = await context.newPage();
      page.on("pageerror", (e) => errors.push(e.message));
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(m.text());
      });
      if (options.clock) await page.clock.install();
      await page.goto(`${host.url}${path}`);
      return page;
    },
    async graphql<T>(query: string, variables: Record<string, unknown> = {}) {
      const response = await fetch(`${world.stash.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie: world.stash.loginCookie },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: T; errors?: Array<{ message: string }> };
      if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join("; "));
      return body.data as T;
    },
    async stop() {
      for (const context of contexts) await context.close().catch(() => {});
      await browser.close();
      await host.close();
      await world.stop();
    },
  };
}

/**
 * Advances a page's fake clock by `ms` a step at a time, letting every request a step started finish (in real time)
 * before the next step: timers the answers schedule fire in order, so a poll is never skipped nor merged.
 */
export async function runClock(page: Page, ms: number, stepMs = 500): Promise<void> {
  const pending = new Set<unknown>();
  const started = (r: unknown) => {
    pending.add(r);
  };
  const ended = (r: unknown) => {
    pending.delete(r);
  };
  page.on("request", started);
  page.on("requestfinished", ended);
  page.on("requestfailed", ended);
  try {
    for (let elapsed = 0; elapsed < ms; elapsed += stepMs) {
      await page.clock.runFor(stepMs);
      await eventually(
        async () => pending.size === 0,
        5_000,
        `the page's requests to finish: ${[...pending].map((r) => (r as { url(): string }).url()).join(", ")}`,
      );
      // Answers resolve promises that may start the next request: give them a moment of real time.
      await new Promise((resolve) => setTimeout(resolve, 20));
      await eventually(
        async () => pending.size === 0,
        5_000,
        `the page's requests to finish: ${[...pending].map((r) => (r as { url(): string }).url()).join(", ")}`,
      );
    }
  } finally {
    page.off("request", started);
    page.off("requestfinished", ended);
    page.off("requestfailed", ended);
  }
}

/**
 * Waits for `locator` while nudging the UI to refetch: a `visibilitychange` (the page is visible) makes every
 * live view poll at once, as when the user comes back to the tab — instead of waiting out the 15 s poll.
 */
export async function refreshUntilVisible(page: Page, locator: Locator, timeoutMs = 20_000): Promise<void> {
  await eventually(
    async () => {
      await page.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));
      return locator
        .first()
        .waitFor({ state: "visible", timeout: 400 })
        .then(() => true);
    },
    timeoutMs,
    `${locator} to show`,
  );
}

/** Refreshes the views until `locator` matches nothing (e.g. a job that settles after Plex already shows the edit). */
export async function refreshUntilGone(page: Page, locator: Locator, timeoutMs = 20_000): Promise<void> {
  await eventually(
    async () => {
      await page.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));
      await new Promise((r) => setTimeout(r, 300));
      return (await locator.count()) === 0;
    },
    timeoutMs,
    `${locator} to disappear`,
  );
}

export const SCENE_UPDATE = `mutation Edit($input: SceneUpdateInput!) { sceneUpdate(input: $input) { id title } }`;
