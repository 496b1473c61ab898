import { resolve } from "node:path";
import type { Page } from "playwright-core";
import { BREAKER_STATES, IMAGE_STATES, MATCH_HOW, MATCH_UNKNOWN_REASONS } from "../../plugin/ops/contracts";
import { ERROR_CLASSES } from "../../plugin/queue/failure-table";

export const DOCS_IMAGES = resolve(import.meta.dirname, "../../docs/images");

/** The contracts' and the failure table's snake_case names (plain words such as "dead" are left out). */
const CODES = [
  ...ERROR_CLASSES,
  ...BREAKER_STATES,
  ...IMAGE_STATES,
  ...MATCH_HOW,
  ...MATCH_UNKNOWN_REASONS,
].filter((name) => name.includes("_"));

/** What a user must never read: an internal code, or a bracketed class such as "[server_down]". */
export const CODES_OR_CLASSES = new RegExp(`\\b(${CODES.join("|")})\\b|\\[[a-z_]+\\]`);

/** Screenshot of the scene page squeezed to the ~410 px column Stash gives its tabs. */
export async function shootColumn(page: Page, path: string): Promise<void> {
  await page.evaluate(() => {
    const scenePage = document.querySelector(".scene-page") as HTMLElement | null;
    if (scenePage) scenePage.style.maxWidth = "410px";
  });
  await page.locator(".scene-page").screenshot({ path });
  await page.evaluate(() => {
    const scenePage = document.querySelector(".scene-page") as HTMLElement | null;
    if (scenePage) scenePage.style.maxWidth = "";
  });
}
