import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { SceneStatus } from "../../plugin/ops/contracts";
import { eventually, PLEX_TOKEN } from "../integration/world";
import { type LiveStack, SHOTS, startLiveStack } from "./live-stack";
import { CODES_OR_CLASSES, DOCS_IMAGES, shootColumn } from "./scene-tab.helpers";

/**
 * The scene page's Plex tab in Chromium against the real stack: fake Stash running the bundled plugin (hooks,
 * background drainer, operations) and fake Plex. Needs `npm run build` first. The tests never nudge the page
 * to refetch: what the tab shows after an action is its own follow-up. They run in order (one stack).
 */
let stack: LiveStack;
const AMBIGUOUS_SCENE = "7";
const NOT_IN_PLEX_SCENE = "8";

beforeAll(async () => {
  stack = await startLiveStack({
    scenes: 8,
    // Scene 7's file is not in Plex under its own path; two items elsewhere share its file name. Scene 8 is
    // not in Plex at all.
    inPlex: (id) => id !== AMBIGUOUS_SCENE && id !== NOT_IN_PLEX_SCENE,
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

async function openTab(sceneId: string, width = 1200): Promise<Page> {
  const page = await stack.open(`scenes/${sceneId}`);
  await page.setViewportSize({ width, height: 900 });
  await page.getByRole("tab", { name: "Plex" }).click();
  await page.locator(".stash2plex-scene-tab .stash2plex-match").waitFor();
  return page;
}

const syncStatus = (page: Page, text: string | RegExp) =>
  page.locator(".stash2plex-sync-status", { hasText: text });

/** The tab's text as a user sees it: without the body of closed "Details" disclosures. */
async function visibleTabText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const copy = document.querySelector(".stash2plex-scene-tab")?.cloneNode(true) as HTMLElement | undefined;
    if (!copy) return "";
    for (const details of copy.querySelectorAll("details:not([open])")) {
      for (const child of [...details.children]) if (child.tagName !== "SUMMARY") child.remove();
    }
    return copy.textContent ?? "";
  });
}

async function status(sceneId: string): Promise<SceneStatus> {
  return (await stack.world.runner.operation({ op: "scene.status", sceneId })) as SceneStatus;
}

describe("Plex tab on the real stack", () => {
  it("a never-synced scene: says the library was not read, reads it on request, then shows its match", async () => {
    const page = await openTab("2");
    await page.getByText("Not checked yet: Stash2Plex has not read your Plex library.").waitFor();
    await page.getByRole("button", { name: "Read Plex library" }).click();
    await page.getByText("Found in Plex by its file path.").waitFor();
    expect(await page.locator(".stash2plex-last-sync").textContent()).toBe("Not synced yet.");
    // Rows in Stash's words; Plex's own names only as secondary text.
    await page.locator(".stash2plex-fields").waitFor();
    const rows = await page.locator(".stash2plex-fields tbody th .stash2plex-field-name").allTextContents();
    expect(rows).toEqual([
      "Title",
      "Details",
      "Code",
      "Studio",
      "Date",
      "Tags",
      "Performers",
      "Studio collection",
      "Rating",
    ]);
    expect(await page.locator(".stash2plex-fields").textContent()).not.toMatch(
      /originallyAvailableAt|userRating|\bactor\b|\bgenre\b/,
    );
    await page.screenshot({ path: `${SHOTS}/live-scene-never-synced.png`, fullPage: true });
  });

  it("Sync now: queued or syncing at once, then the result, without any nudge", async () => {
    const page = await openTab("3");
    await page.getByRole("button", { name: "Sync now" }).click();
    await syncStatus(page, /Queued|Syncing/).waitFor({ timeout: 1_000 });
    const shownAt = await page.waitForFunction(
      () => {
        const text = document.querySelector(".stash2plex-last-sync")?.textContent ?? "";
        return text.startsWith("Last synced") ? Date.now() : null;
      },
      undefined,
      { timeout: 20_000, polling: "raf" },
    );
    const syncedAt = (await status("3")).lastSync?.at ?? Number.NaN;
    console.log(
      `Sync now: the result showed ${Number(await shownAt.jsonValue()) - syncedAt} ms after the sync finished`,
    );
    expect(await page.locator(".stash2plex-last-sync").textContent()).toMatch(
      /^Last synced (just now|\d+ s ago) — updated [A-Z][a-z]+( [a-z]+)?(, [A-Z][a-z]+( [a-z]+)?)*( and [A-Z][a-z]+( [a-z]+)?)?\.$/,
    );
    await syncStatus(page, /Queued|Syncing/).waitFor({ state: "detached", timeout: 5_000 });
    expect(await page.locator(".stash2plex-image-row").first().textContent()).toMatch(
      /^PosterUploaded just now\.$/,
    );
    expect(await page.content()).not.toContain(PLEX_TOKEN);
    await page.screenshot({ path: `${SHOTS}/live-scene-synced.png`, fullPage: true });
    await shootColumn(page, `${DOCS_IMAGES}/scene-tab.png`);
  });

  it("fits a 360 px column: no horizontal overflow, lock marks on their name's line, row borders aligned", async () => {
    const page = await openTab("3", 360);
    await page.locator(".stash2plex-fields").waitFor();
    const layout = await page.evaluate(() => {
      const tab = document.querySelector(".stash2plex-scene-tab") as HTMLElement;
      const lineHeight = (el: Element) => Number.parseFloat(getComputedStyle(el).lineHeight) || 20;
      const glued = [...document.querySelectorAll(".stash2plex-lock")].map((lock) => {
        const box = (lock.parentElement as HTMLElement).getBoundingClientRect();
        return box.height <= lineHeight(lock.parentElement as Element) * 1.5;
      });
      const borders = [...document.querySelectorAll(".stash2plex-fields tbody tr")].map((tr) => {
        const [th, ...tds] = [...tr.children].map((cell) => {
          const style = getComputedStyle(cell);
          const box = cell.getBoundingClientRect();
          return `${style.borderTopWidth} ${style.borderTopColor} ${box.top} ${box.bottom}`;
        });
        return tds.every((td) => td === th);
      });
      return {
        pageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        tabOverflow: tab.scrollWidth - tab.clientWidth,
        tabWidth: tab.clientWidth,
        glued,
        borders,
      };
    });
    expect(layout.tabWidth).toBeLessThanOrEqual(360);
    expect(layout.pageOverflow).toBeLessThanOrEqual(0);
    expect(layout.tabOverflow).toBeLessThanOrEqual(0);
    expect(layout.glued.length).toBeGreaterThan(0);
    expect(layout.glued.every(Boolean)).toBe(true);
    expect(layout.borders.every(Boolean)).toBe(true);
    await page.screenshot({ path: `${SHOTS}/live-scene-360px.png`, fullPage: true });
  });

  it("an ambiguous scene shows its candidates before any sync; Pin queues, then shows the pinned match synced", async () => {
    const page = await openTab(AMBIGUOUS_SCENE);
    const pinB = page.getByRole("button", { name: /^Pin Copies B take/ });
    await pinB.waitFor();
    expect(await page.locator(".stash2plex-candidate").count()).toBe(2);
    expect(await visibleTabText(page)).not.toMatch(CODES_OR_CLASSES);
    await page.screenshot({ path: `${SHOTS}/live-scene-ambiguous.png`, fullPage: true });
    await shootColumn(page, `${DOCS_IMAGES}/scene-ambiguous.png`);

    await pinB.click();
    await syncStatus(page, /Queued|Syncing/).waitFor({ timeout: 1_000 });
    // Focus moved from the vanished Pin button to the status.
    expect(await page.evaluate(() => document.activeElement?.className)).toBe("stash2plex-status-region");
    await page.getByText("Found in Plex pinned by you.").waitFor({ timeout: 20_000 });
    await page.locator(".stash2plex-last-sync", { hasText: /^Last synced/ }).waitFor({ timeout: 20_000 });
    const scene = stack.world.stash.state.scenes.get(AMBIGUOUS_SCENE);
    await eventually(
      () => stack.world.plex.item("5002").values.title === scene?.title,
      20_000,
      "the pinned item to get the scene's title",
    );
    expect(stack.world.plex.item("5001").values.title).toBe("Copies A take");
    await page.screenshot({ path: `${SHOTS}/live-scene-pinned.png`, fullPage: true });
  });

  it("not in Plex, and a dead letter: plain words, the next step, no codes", async () => {
    const notInPlex = await openTab(NOT_IN_PLEX_SCENE);
    await notInPlex
      .locator(".stash2plex-match", { hasText: "Plex has no item for this scene's file" })
      .waitFor();
    await notInPlex.getByRole("button", { name: "Sync now" }).click();
    await syncStatus(notInPlex, /looking again in \d+ s/).waitFor({ timeout: 20_000 });
    expect(await visibleTabText(notInPlex)).not.toMatch(CODES_OR_CLASSES);
    await notInPlex.screenshot({ path: `${SHOTS}/live-scene-not-in-plex.png`, fullPage: true });

    const removeFault = stack.world.plex.faults.set("GET /library/metadata/1005", {
      type: "status",
      status: 400,
    });
    try {
      const dead = await openTab("5");
      await dead.getByRole("button", { name: "Sync now" }).click();
      await syncStatus(dead, "Not synced: Plex refused the change.").waitFor({ timeout: 20_000 });
      const text = await visibleTabText(dead);
      expect(text).not.toMatch(CODES_OR_CLASSES);
      expect(text).toContain("Retry now");
      await dead.locator(".stash2plex-details summary").first().click();
      expect(await dead.locator(".stash2plex-details").first().textContent()).toMatch(/bad_request/);
      await dead.screenshot({ path: `${SHOTS}/live-scene-dead-letter.png`, fullPage: true });
    } finally {
      removeFault();
    }
  });

  it("Plex down: says Plex cannot be reached and when it tries again, no codes", async () => {
    const removeFault = stack.world.plex.faults.set(() => true, { type: "refuse" });
    try {
      const page = await openTab("4");
      await page.getByRole("button", { name: "Sync now" }).click();
      await syncStatus(page, /Plex cannot be reached; trying again (in|at)/).waitFor({ timeout: 20_000 });
      const text = await visibleTabText(page);
      expect(text).not.toMatch(CODES_OR_CLASSES);
      expect(text).not.toMatch(/\bago\b.*again|again .*\bago\b|0 attempts|ECONN/);
      await page.screenshot({ path: `${SHOTS}/live-scene-plex-down.png`, fullPage: true });
    } finally {
      removeFault();
    }
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
