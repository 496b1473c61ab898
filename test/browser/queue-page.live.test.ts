import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../integration/world";
import { BASE, type LiveStack, refreshUntilVisible, SCENE_UPDATE, SHOTS, startLiveStack } from "./live-stack";

/** The queue page (`/plugins/stash2plex`) and the navbar button against the real stack. */
let stack: LiveStack;

beforeAll(async () => {
  stack = await startLiveStack({ scenes: 6 });
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

afterEach(() => {
  expect(stack.errors).toEqual([]);
});

describe("queue page on the real stack", () => {
  it("retries a dead letter from the Failed tab and the retry succeeds", async () => {
    const { world } = stack;
    // Plex refuses the metadata edit (PUT …/all?id=1002, only scene 2 is edited here) with a 400: a permanent
    // error, straight to dead letters.
    const release = world.plex.faults.set("PUT /library/sections/1/all", { type: "status", status: 400 });
    await stack.graphql(SCENE_UPDATE, { input: { id: "2", title: "Glass Road Revisited" } });

    const page = await stack.open("");
    const nav = page.locator("a.stash2plex-nav");
    await nav.waitFor();
    expect(await nav.getAttribute("href")).toBe(`${BASE}plugins/stash2plex`);
    await nav.click();
    expect(new URL(page.url()).pathname).toBe(`${BASE}plugins/stash2plex`);
    const failedTab = page.getByRole("tab", { name: /Failed \(dead letters\)/ });
    await refreshUntilVisible(page, page.getByRole("tab", { name: "Failed (dead letters) (1)" }));
    await failedTab.click();
    const row = page.locator(".stash2plex-jobs tbody tr", { hasText: "Glass Road Revisited" });
    await row.waitFor();
    await page.screenshot({ path: `${SHOTS}/live-queue-dead-letter.png`, fullPage: true });

    release();
    await page.getByRole("button", { name: "Retry all" }).click();
    await page.getByRole("alertdialog", { name: "Confirm" }).getByRole("button", { name: "Retry" }).click();
    await page.getByText(/✓ Retry queued/).waitFor();
    await eventually(
      () => world.plex.item("1002").values.title === "Glass Road Revisited",
      20_000,
      "retried edit",
    );
    await refreshUntilVisible(page, page.getByRole("tab", { name: "Failed (dead letters) (0)" }));
    await refreshUntilVisible(page, page.getByText("No dead jobs."));
    await page.screenshot({ path: `${SHOTS}/live-queue-retried.png`, fullPage: true });
  });
});
