import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type LiveStack, runClock, SHOTS, startLiveStack } from "./live-stack";

/**
 * What the UI costs the Stash server while nobody looks at it: every plugin operation is a Node process there.
 * The host page renders the navbar utility items twice and keeps closed tab panes mounted, as Stash does.
 * Operations are counted from the browser's own GraphQL requests. The pages run on Playwright's fake clock, advanced
 * step by step with every request answered in between, so "35 s" takes a few seconds and still fires every timer.
 */
let stack: LiveStack;

beforeAll(async () => {
  stack = await startLiveStack({ scenes: 3 });
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

afterEach(() => {
  expect(stack.errors).toEqual([]);
});

/** Counts `runPluginOperation` calls by operation name from the moment it is called. */
function countOperations(page: Page): Map<string, number> {
  const counts = new Map<string, number>();
  page.on("request", (request) => {
    const body = request.postData();
    if (!body?.includes("runPluginOperation")) return;
    const op = String((JSON.parse(body) as { variables?: { args?: { op?: unknown } } }).variables?.args?.op);
    counts.set(op, (counts.get(op) ?? 0) + 1);
  });
  return counts;
}

describe("operations per page on the real stack", () => {
  it("a scene page with the Plex tab closed reads the scene at most once and the summary at most twice in 35 s", async () => {
    const page = await stack.open("", { clock: true });
    const counts = countOperations(page);
    await page.goto(`${stack.host.url}scenes/1`);
    await page.getByRole("tab", { name: "Details" }).waitFor();
    // Stash's navbar mounts the utility items twice; only one copy is visible at a desktop width.
    await page.locator("a.stash2plex-nav").first().waitFor({ state: "attached" });
    expect(await page.locator("a.stash2plex-nav").count()).toBe(2);
    expect(await page.locator("a.stash2plex-nav:visible").count()).toBe(1);
    // The Plex pane is mounted but hidden.
    expect(await page.locator(".tab-pane:not(.active) .stash2plex-island").count()).toBe(1);
    await runClock(page, 35_000);
    const status = counts.get("scene.status") ?? 0;
    const summary = counts.get("queue.summary") ?? 0;
    await page.close();
    console.info(`scene page, Plex tab closed, 35 s: ${JSON.stringify(Object.fromEntries(counts))}`);
    expect(status).toBeLessThanOrEqual(1);
    expect(summary).toBeLessThanOrEqual(2);
    expect(summary).toBeGreaterThanOrEqual(1);
  }, 60_000);

  it("on a phone the navbar copy stays hidden and the menu copy shows once the menu is opened", async () => {
    const page = await stack.open("");
    await page.setViewportSize({ width: 400, height: 800 });
    await page.locator("a.stash2plex-nav").first().waitFor({ state: "attached" });
    expect(await page.locator("a.stash2plex-nav:visible").count()).toBe(0);
    await page.getByRole("button", { name: "Toggle navigation" }).click();
    await page.locator("a.stash2plex-nav:visible").waitFor();
    expect(await page.locator("a.stash2plex-nav:visible").count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/navbar-phone-menu.png` });
    await page.close();
  });

  it("the queue page costs a bounded number of operations per minute while nothing happens", async () => {
    const page = await stack.open("plugins/stash2plex", { clock: true });
    await page.getByRole("tab", { name: /Queued/ }).waitFor();
    await page.locator(".stash2plex-health").waitFor();
    const counts = countOperations(page);
    await runClock(page, 60_000);
    const perMinute = [...counts.values()].reduce((a, b) => a + b, 0);
    await page.close();
    console.info(`queue page, idle, 60 s: ${JSON.stringify(Object.fromEntries(counts))}`);
    // An idle queue: the shared summary every 30 s (2), the job list's slow poll every 60 s (1).
    expect(Object.fromEntries(counts)).toEqual(
      Object.fromEntries([...counts].filter(([op]) => op === "queue.summary" || op === "queue.list")),
    );
    expect(perMinute).toBeLessThanOrEqual(4);
  }, 90_000);
});
