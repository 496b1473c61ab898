import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { PLEX_TOKEN } from "../integration/world";
import { type LiveStack, SHOTS, startLiveStack } from "./live-stack";

/** The Stash2Plex settings panel against the real stack: Test connection runs the plugin's plex.test. */
let stack: LiveStack;

beforeAll(async () => {
  stack = await startLiveStack({ scenes: 2 });
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

afterEach(() => {
  expect(stack.errors).toEqual([]);
});

describe("settings panel on the real stack", () => {
  it("replaces only Stash2Plex's settings, never shows the saved token, and the saved token connects", async () => {
    const page = await stack.open("settings");
    await page.getByRole("group", { name: "Plex connection" }).waitFor();
    expect(await page.getByText("Generic settings for OtherPlugin").isVisible()).toBe(true);
    expect(await page.getByText("Generic settings for Stash2Plex").count()).toBe(0);
    await page.getByRole("button", { name: "Test connection" }).click();
    await page.getByText(/Connected to Plex 1\.41.*Libraries: Scenes\./).waitFor();
    expect(await page.content()).not.toContain(PLEX_TOKEN);
    await page.screenshot({ path: `${SHOTS}/live-settings-connected.png`, fullPage: true });
  });

  it("says the token was rejected when Test connection runs with a wrong one", async () => {
    const page = await stack.open("settings");
    await page.getByRole("group", { name: "Plex connection" }).waitFor();
    await page.getByLabel(/Plex token/).fill("wrong-token-000000000000");
    await page.getByRole("button", { name: "Test connection" }).click();
    await page.getByText(/Could not connect: Plex rejected the token \(401\)/).waitFor();
    expect(await page.content()).not.toContain(PLEX_TOKEN);
    await page.screenshot({ path: `${SHOTS}/live-settings-wrong-token.png`, fullPage: true });
  });
});
