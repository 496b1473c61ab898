import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { eventually, PLEX_TOKEN } from "../integration/world";
import {
  type LiveStack,
  refreshUntilGone,
  refreshUntilVisible,
  SCENE_UPDATE,
  SHOTS,
  startLiveStack,
} from "./live-stack";

/**
 * The scene page's Plex tab in Chromium against the real stack: fake Stash running the bundled plugin (hooks,
 * background drainer, operations) and fake Plex. Needs `npm run build` first.
 */
let stack: LiveStack;
const AMBIGUOUS_SCENE = "7";

beforeAll(async () => {
  stack = await startLiveStack({
    scenes: 8,
    // Scene 7's file is not in Plex under its own path; two items elsewhere share its file name.
    inPlex: (id) => id !== AMBIGUOUS_SCENE,
    settings: { strict_matching: true },
  });
  const file = stack.world.stash.state.files.get(
    stack.world.stash.state.scenes.get(AMBIGUOUS_SCENE)?.fileIds[0] ?? "",
  );
  if (!file) throw new Error("seeded scene 7 has no file");
  for (const [rk, folder] of [
    ["5001", "Copies A"],
    ["5002", "Copies B"],
  ] as const) {
    stack.world.plex.addItem({
      ratingKey: rk,
      title: `${folder} take`,
      file: `/data/videos/${folder}/${file.basename}`,
    });
  }
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

afterEach(() => {
  expect(stack.errors).toEqual([]);
  expect(stack.world.plex.tokenLeaks()).toEqual([]);
});

describe("Plex tab on the real stack", () => {
  it("shows an edited scene pending, then synced with the new values", async () => {
    const { world } = stack;
    const page = await stack.open("scenes/1");
    await page.getByRole("tab", { name: "Plex" }).click();
    await page.locator(".stash2plex-scene-tab").waitFor();

    await stack.graphql(SCENE_UPDATE, { input: { id: "1", title: "Harbor Lights at Dawn" } });
    // The hook's edit waits out a short debounce before the worker takes it: the tab shows it pending.
    await refreshUntilVisible(page, page.locator(".stash2plex-job"));
    const jobText = await page.locator(".stash2plex-job").textContent();
    expect(jobText).toMatch(/Waiting to sync|Syncing now/);
    await page.screenshot({ path: `${SHOTS}/live-scene-pending.png`, fullPage: true });

    await refreshUntilVisible(page, page.getByText(/Last synced/));
    await eventually(
      () => world.plex.item("1001").values.title === "Harbor Lights at Dawn",
      20_000,
      "Plex title",
    );
    await refreshUntilVisible(
      page,
      page.locator(".stash2plex-fields td", { hasText: "Harbor Lights at Dawn" }),
    );
    const titleRow = page.locator(".stash2plex-fields tbody tr", { hasText: "title" }).first();
    expect(await titleRow.textContent()).toContain("Harbor Lights at Dawn");
    // Plex shows the edit as soon as the PUT lands; the job settles after the image step.
    await refreshUntilGone(page, page.locator(".stash2plex-job"));
    expect(await page.locator(".stash2plex-changed-fields").textContent()).toMatch(/updated title\b/);
    expect(await page.getByText("Found in Plex by its mapped path.").isVisible()).toBe(true);
    expect(await page.content()).not.toContain(PLEX_TOKEN);
    await page.screenshot({ path: `${SHOTS}/live-scene-synced.png`, fullPage: true });
  });

  it("resolves an ambiguous scene by pinning one candidate", async () => {
    const page = await stack.open(`scenes/${AMBIGUOUS_SCENE}`);
    await page.getByRole("tab", { name: "Plex" }).click();
    // Sync now makes the worker look the scene up: two items share its file name, strict matching refuses both.
    await page.getByRole("button", { name: "Sync now" }).click();
    const pinB = page.getByRole("button", { name: /^Pin Copies B take/ });
    await refreshUntilVisible(page, pinB);
    expect(await page.locator(".stash2plex-candidates tbody tr").count()).toBe(2);
    await page.screenshot({ path: `${SHOTS}/live-scene-ambiguous.png`, fullPage: true });

    await pinB.click();
    await page.getByText(/✓ Pinned to Plex item 5002/).waitFor();
    await refreshUntilVisible(page, page.getByText("Found in Plex pinned by you."));
    const scene = stack.world.stash.state.scenes.get(AMBIGUOUS_SCENE);
    await eventually(
      () => stack.world.plex.item("5002").values.title === scene?.title,
      20_000,
      "the pinned item to get the scene's title",
    );
    expect(stack.world.plex.item("5001").values.title).toBe("Copies A take");
    await page.screenshot({ path: `${SHOTS}/live-scene-pinned.png`, fullPage: true });
  });

  it("paints the Plex tab soon after the UI script loads (performance.now() marks)", async () => {
    const page = await stack.open("");
    await page.addInitScript(() => {
      const marks: Record<string, number> = {};
      (window as Window & { __s2pMarks?: Record<string, number> }).__s2pMarks = marks;
      const painted = (name: string) => requestAnimationFrame(() => (marks[name] ??= performance.now()));
      document.addEventListener(
        "load",
        (e) => {
          const src = (e.target as HTMLScriptElement).src ?? "";
          if (src.endsWith("stash2plex-ui.js")) marks["scriptLoaded"] = performance.now();
        },
        true,
      );
      document.addEventListener("click", () => (marks["click"] ??= performance.now()), true);
      new MutationObserver(() => {
        const tab = [...document.querySelectorAll('a[role="tab"]')].some((a) => a.textContent === "Plex");
        if (tab && marks["tab"] === undefined) painted("tab");
        if (document.querySelector(".stash2plex-match") && marks["status"] === undefined) painted("status");
      }).observe(document, { subtree: true, childList: true });
    });
    await page.goto(`${stack.host.url}scenes/1`);
    await page.getByRole("tab", { name: "Plex" }).click();
    await page.locator(".stash2plex-match").waitFor();
    await page.waitForFunction(
      () => (window as Window & { __s2pMarks?: Record<string, number> }).__s2pMarks?.["status"],
    );
    const marks = (await page.evaluate(
      () => (window as Window & { __s2pMarks?: Record<string, number> }).__s2pMarks,
    )) as Record<string, number>;
    const tabAfterScript = (marks["tab"] ?? Number.NaN) - (marks["scriptLoaded"] ?? Number.NaN);
    const statusAfterClick = (marks["status"] ?? Number.NaN) - (marks["click"] ?? Number.NaN);
    console.log(
      `Plex tab painted ${tabAfterScript.toFixed(1)} ms after the UI script loaded; scene status painted ${statusAfterClick.toFixed(1)} ms after the click (fresh plugin operation, no cached answer)`,
    );
    expect(tabAfterScript).toBeGreaterThanOrEqual(0);
    expect(tabAfterScript).toBeLessThan(500);
    expect(statusAfterClick).toBeLessThan(5_000);
  });
});
