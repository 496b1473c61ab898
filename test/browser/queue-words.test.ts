import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { queueList } from "../fakes/stash/canned-answers";
import type { CannedPlugin } from "../fakes/stash/canned-plugin";
import { type FakeStash, startFakeStash } from "../fakes/stash/server";
import { buildHostScript } from "../host/build";
import { type HostServer, serveHost } from "../host/server";
import { BASE, launchChromium, SHOTS } from "./live-stack";

/**
 * The queue page's visible words in Chromium, against the canned plugin's states in the fake Stash (the real stack cannot
 * hold all of them at once): Plex down (open breaker, ongoing outage), scenes not in Plex, an ambiguous match
 * and dead letters whose raw messages carry HTTP paths, errno codes and bracketed classes. Whatever a user can
 * read must be words: no snake_case codes, no [bracketed] classes, no errno names, dates in Stash's format.
 */
let browser: Browser;
let stash: FakeStash;
let plugin: CannedPlugin;
let host: HostServer;
let page: Page;
const errors: string[] = [];

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

afterEach(async () => {
  await page?.close();
  expect(errors).toEqual([]);
});

const CODE = /\b[a-z]+_[a-z_]+\b|\[[^\]]*\]|ECONNREFUSED|\/library\//;
/** Stash's date-time (en-GB, its default language): "3 December 2026 07:29"; never "12/3/2026, 7:29:25 AM". */
const STASH_DATE_TIME = /\b\d{1,2} [A-Z][a-z]+ \d{4} \d{2}:\d{2}\b/;
const BROWSER_LOCALE_DATE = /\d{1,2}\/\d{1,2}\/\d{4}/;

async function visibleText(p: Page): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the point (closed Details excluded)
  return p.locator(".stash2plex-queue-page").innerText();
}

/** The README's queue page: the same Plex-down state with friendly scene titles (not the hostile ones). */
async function readmeShot(p: Page): Promise<void> {
  const list = queueList({ state: "dead", page: 1, perPage: 25 }, Date.now());
  const titles = ["Morning Light", "Glass Road", "Harbour at Dusk", "Clip"];
  plugin.overrides.set("queue.list", {
    ...list,
    jobs: list.jobs.map((j, i) => ({ ...j, title: titles[i] ?? j.title })),
  });
  try {
    await p.getByRole("tab", { name: "Will retry (2)" }).click();
    await p.getByRole("tab", { name: "Not synced (4)" }).click();
    await p.getByText("Morning Light").waitFor();
    await p.evaluate(() => window.scrollTo(0, 0));
    await p.screenshot({ path: `${SHOTS}/readme-queue-page.png`, fullPage: true });
  } finally {
    plugin.overrides.delete("queue.list");
  }
}

describe("queue page words in a real browser", () => {
  it("shows no codes in any tab while Plex is down, for scenes not in Plex, ambiguous and dead", async () => {
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${host.url}plugins/stash2plex`);
    await page.getByText("Plex is down", { exact: true }).waitFor();

    const texts: Record<string, string> = {};
    for (const [tab, expected] of [
      ["Queued (3)", "Queued; syncs"],
      ["Will retry (2)", "Plex has no item for this scene's file yet"],
      ["Not synced (4)", "several Plex items could hold this file"],
    ] as const) {
      await page.getByRole("tab", { name: tab }).click();
      await page.locator(".stash2plex-jobs", { hasText: expected }).waitFor();
      texts[tab] = await visibleText(page);
      await page.screenshot({
        path: `${SHOTS}/queue-words-${tab.split(" ")[0]?.toLowerCase()}.png`,
        fullPage: true,
      });
    }
    for (const [tab, text] of Object.entries(texts)) {
      expect({ tab, code: text.match(CODE)?.[0] ?? null }).toEqual({ tab, code: null });
      expect(text).not.toMatch(BROWSER_LOCALE_DATE);
    }
    await readmeShot(page);
    const all = Object.values(texts).join("\n");
    expect(all).toContain("Waiting for Plex: 6 scenes will sync when Plex answers again.");
    expect(all).toContain("Plex cannot be reached; trying again");
    expect(all).toMatch(new RegExp(`Going on now, since ${STASH_DATE_TIME.source}`));

    // The raw message is one click away, behind Details.
    await page.locator("details summary").first().click();
    expect(await page.locator("details[open] code").first().textContent()).toMatch(
      /\[(server_error|ambiguous)\]/,
    );

    // The error-class filter lists human labels.
    const options = await page.getByLabel("Problem").locator("option").allInnerTexts();
    expect(options).toEqual(["Any", "Plex error (3)", "Several Plex matches (1)"]);
  });

  it("keeps the filter the same width on every tab", async () => {
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${host.url}plugins/stash2plex`);
    const widths: number[] = [];
    for (const tab of ["Queued (3)", "Will retry (2)", "Not synced (4)"]) {
      await page.getByRole("tab", { name: tab }).click();
      await page.locator(".stash2plex-jobs").waitFor();
      const box = await page.getByLabel("Problem").boundingBox();
      widths.push(Math.round(box?.width ?? 0));
    }
    expect(new Set(widths).size).toBe(1);
    expect(widths[0]).toBeGreaterThan(100);
  });

  it("fits a phone: the page never scrolls sideways", async () => {
    page = await browser.newPage({ viewport: { width: 360, height: 800 } });
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${host.url}plugins/stash2plex`);
    await page.getByRole("tab", { name: "Not synced (4)" }).click();
    await page.locator(".stash2plex-jobs", { hasText: "several Plex items" }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await page.screenshot({ path: `${SHOTS}/queue-page-phone.png`, fullPage: true });
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
