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

const SAVED_SETTINGS = `query { configuration { plugins(include: ["Stash2Plex"]) } }`;

async function savedSettings(): Promise<Record<string, unknown>> {
  const data = await stack.graphql<{ configuration: { plugins: Record<string, Record<string, unknown>> } }>(
    SAVED_SETTINGS,
  );
  return data.configuration.plugins["Stash2Plex"] ?? {};
}

describe("settings panel on the real stack", () => {
  it("saves a change on its own, like Stash's settings, and keeps the token", async () => {
    const page = await stack.open("settings");
    await page.getByRole("group", { name: "Plex connection" }).waitFor();
    expect(await page.getByRole("button", { name: "Save", exact: true }).count()).toBe(0);
    // Labels and help are the manifest's, as Stash's plugin list serves them; the bundle does not carry them.
    await page.getByText("Most Stash tags written as Plex genres per item (10–500, default 100).").waitFor();
    expect(await savedSettings()).not.toHaveProperty("max_tags", 42);
    await page.getByLabel("Max tags").fill("42");
    await page.getByLabel("Debug logging").check();
    await page.getByText("✓ Stash2Plex settings saved").waitFor();
    const saved = await savedSettings();
    expect(saved).toMatchObject({ max_tags: 42, debug_logging: true, plex_token: PLEX_TOKEN });
    // A value that does not fit is not saved, and the field says why.
    await page.getByLabel("Max tags").fill("-5");
    await page.getByText(/Enter a number from/).waitFor();
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await savedSettings()).toMatchObject({ max_tags: 42 });
    await page.screenshot({ path: `${SHOTS}/live-settings-saved.png`, fullPage: true });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${SHOTS}/readme-settings.png` });
  });

  it("replaces only Stash2Plex's settings, never shows the saved token, and the saved token connects", async () => {
    const page = await stack.open("settings");
    await page.getByRole("group", { name: "Plex connection" }).waitFor();
    expect(await page.getByText("Generic settings for OtherPlugin").isVisible()).toBe(true);
    expect(await page.getByText("Generic settings for Stash2Plex").count()).toBe(0);
    await page.getByRole("button", { name: "Test connection" }).click();
    // The answer comes in Stash's toast, not in a result box on the card.
    await page.getByText(/✓ Connected to Plex 1\.41.*Libraries: Scenes\./).waitFor();
    expect(await page.locator(".stash2plex-settings .alert").count()).toBe(0);
    expect(await page.content()).not.toContain(PLEX_TOKEN);
    await page.screenshot({ path: `${SHOTS}/live-settings-connected.png`, fullPage: true });
  });

  it("says the token was rejected when Test connection runs with a wrong one", async () => {
    const page = await stack.open("settings");
    await page.getByRole("group", { name: "Plex connection" }).waitFor();
    await page.getByLabel(/Plex token/).fill("wrong-token-000000000000");
    await page.getByRole("button", { name: "Test connection" }).click();
    await page.getByText(/✗ Could not connect to Plex: Plex rejected the token \(401\)/).waitFor();
    expect(await page.content()).not.toContain(PLEX_TOKEN);
    await page.screenshot({ path: `${SHOTS}/live-settings-wrong-token.png`, fullPage: true });
  });
});
