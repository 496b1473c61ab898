import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Demo, startDemo } from "../../scripts/demo";
import { eventually, PLEX_TOKEN } from "../integration/world";
import { launchChromium, refreshUntilVisible, SHOTS } from "./live-stack";

/**
 * `npm start`'s demo, started in-process on free ports, driven like a visitor would: take Plex down, edit a
 * scene from the control panel, see it wait, bring Plex back, see it synced; start Sync All and Reconcile from
 * the queue page and watch their progress. Needs `npm run build` first.
 */
let demo: Demo;
let browser: Browser;

beforeAll(async () => {
  [demo, browser] = await Promise.all([startDemo({ port: 0, scenes: 30 }), launchChromium()]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

describe("demo page", () => {
  it("rides out a Plex outage, then runs Sync All and Reconcile with progress", async () => {
    const errors: string[] = [];
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(demo.url);
    await page.getByRole("link", { name: /^1 · / }).waitFor();
    const panel = page.getByRole("complementary", { name: "Demo controls" });

    await panel.getByRole("button", { name: "Take Plex down" }).click();
    await panel.getByText("Plex is down").waitFor();
    await panel.getByLabel("Scene id").fill("3");
    await panel.getByLabel("New title").fill("Edited while Plex was down");
    await panel.getByRole("button", { name: /Save title/ }).click();
    await panel.getByText("Saved scene 3: Edited while Plex was down").waitFor();

    await page.getByRole("link", { name: /^3 · / }).click();
    await page.getByRole("tab", { name: "Plex" }).click();
    await refreshUntilVisible(page, page.locator(".stash2plex-job"));
    await page.screenshot({ path: `${SHOTS}/demo-scene-waiting.png`, fullPage: true });

    await panel.getByRole("button", { name: "Bring Plex up" }).click();
    await panel.getByText("Plex is up").waitFor();
    await eventually(
      () => demo.world.plex.item("1003").values.title === "Edited while Plex was down",
      30_000,
      "the edit to reach Plex after the outage",
    );
    await refreshUntilVisible(page, page.getByText(/Last synced/), 30_000);

    await page.locator("a.stash2plex-nav:visible").click(); // Stash mounts it twice; one copy shows
    await page.getByRole("button", { name: "Sync All" }).click();
    await page.locator(".stash2plex-task-progress").waitFor();
    await page.screenshot({ path: `${SHOTS}/demo-sync-all.png`, fullPage: true });
    await page.getByText(/Sync All: finished/).waitFor({ timeout: 60_000 });
    await page.getByRole("button", { name: "Reconcile" }).click();
    await page.getByText(/Reconcile: finished/).waitFor({ timeout: 60_000 });
    await refreshUntilVisible(page, page.getByText(/\d+ scenes checked/), 30_000);
    await page.screenshot({ path: `${SHOTS}/demo-reconciled.png`, fullPage: true });

    expect(await page.content()).not.toContain(PLEX_TOKEN);
    expect(demo.world.plex.tokenLeaks()).toEqual([]);
    expect(errors).toEqual([]);
  }, 150_000);
});
