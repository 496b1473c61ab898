import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFailed, onTestFinished } from "vitest";
import { TEST_KNOB_ENV } from "../../plugin/config/test-knobs.js";
import type { OperationResult } from "../../plugin/ops/contracts";
import { drainerLog, editTitle } from "../integration/queue.helpers";
import { eventually } from "../integration/world";
import {
  BASE,
  type LiveStack,
  refreshUntilGone,
  refreshUntilVisible,
  SCENE_UPDATE,
  SHOTS,
  startLiveStack,
} from "./live-stack";

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
  it("retries a scene from the Not synced tab: marked at once, then followed until it synced", async () => {
    const { world } = stack;
    // Twice in full runs (never alone) this test hit the 30 s test timeout without saying where: its own waits
    // are shorter than the test's timeout now, so the step that stalls names itself; the worker's log comes too.
    onTestFailed(async () => {
      const summary = await world.runner
        .operation({ op: "queue.summary" })
        .then((r) => {
          const { counts, breaker, drain } = r as OperationResult<"queue.summary">;
          return { counts, breaker, drain };
        })
        .catch((e: Error) => e.message);
      console.error(
        `queue.summary: ${JSON.stringify(summary)}\ndrainer log tail:\n${drainerLog(world).slice(-4000)}`,
      );
    });
    // Plex refuses the metadata edit (PUT …/all?id=1002, only scene 2 is edited here) with a 400: a permanent
    // error, straight to dead letters.
    const release = world.plex.faults.set("PUT /library/sections/1/all", { type: "status", status: 400 });
    onTestFinished(release); // a failure before the release below must not fail the next test's edits too
    await stack.graphql(SCENE_UPDATE, { input: { id: "2", title: "Glass Road Revisited" } });

    const page = await stack.open("");
    // Stash mounts the navbar item twice (menu and navbar buttons); the visible one opens the queue page.
    const nav = page.locator("a.stash2plex-nav:visible");
    await nav.waitFor();
    expect(await nav.getAttribute("href")).toBe(`${BASE}plugins/stash2plex`);
    await nav.click();
    expect(new URL(page.url()).pathname).toBe(`${BASE}plugins/stash2plex`);
    await refreshUntilVisible(page, page.getByRole("tab", { name: "Not synced (1)" }));
    await page.getByRole("tab", { name: "Not synced (1)" }).click();
    const row = page.locator(".stash2plex-jobs tbody tr", { hasText: "Glass Road Revisited" });
    await row.waitFor();
    await expect.poll(() => row.textContent()).toContain("Refused by Plex");
    await page.screenshot({ path: `${SHOTS}/live-queue-dead-letter.png`, fullPage: true });

    release();
    // The mark lasts until the list's next answer, which no longer lists the retried scene: often less than the
    // 500 ms between Playwright's later visibility checks (that is what failed under load). A MutationObserver in
    // the page sees every render, however short.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { actedRows: string[] }).actedRows = seen;
      new MutationObserver(() => {
        for (const mark of document.querySelectorAll(".stash2plex-jobs tbody tr [data-acted]"))
          seen.push(mark.closest("tr")?.textContent ?? "");
      }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    await page.getByRole("button", { name: "Retry all" }).click();
    await page.getByRole("alertdialog", { name: "Confirm" }).getByRole("button", { name: "Retry" }).click();
    // New state at once: the row is marked before any poll came back...
    await page.waitForFunction(() =>
      (window as unknown as { actedRows: string[] }).actedRows.some(
        (text) => text.includes("Glass Road Revisited") && text.includes("Retry queued"),
      ),
    );
    await page.getByText(/✓ Retry queued/).waitFor();
    // ...and the page follows the queue by itself (no nudging) until the retried sync is through.
    await eventually(
      () => world.plex.item("1002").values.title === "Glass Road Revisited",
      20_000,
      "retried edit",
    );
    await page.getByRole("tab", { name: "Not synced (0)" }).waitFor({ timeout: 10_000 });
    await page.getByText("No scene is left unsynced.").waitFor({ timeout: 10_000 });
    await page.screenshot({ path: `${SHOTS}/live-queue-retried.png`, fullPage: true });
  }, 90_000);

  it("while Plex is down: one verdict, an ongoing outage on the strip, a waiting bar, the navbar dot", async () => {
    const { world } = stack;
    world.runner.setEnv({ [TEST_KNOB_ENV.timeScale]: "0.01" }); // breaker timings scaled, as in the outage tests
    await world.plex.down();
    await Promise.all(["3", "4", "5"].map((id) => editTitle(world, id, `Edited while down ${id}`)));
    await eventually(
      async () => {
        const summary = (await world.runner.operation({
          op: "queue.summary",
        })) as OperationResult<"queue.summary">;
        return summary.breaker.state === "open";
      },
      20_000,
      "the breaker to open",
    );
    const page = await stack.open("plugins/stash2plex");
    await page.locator('[data-plex="down"]', { hasText: "Plex is down" }).waitFor();
    await page.getByText(/^Waiting for Plex: \d+ scenes? will sync when Plex answers again\.$/).waitFor();
    expect(await page.locator(".stash2plex-drain .progress-bar-animated").count()).toBe(0);
    await page.getByText(/^Plex is down now, since \d{1,2} [A-Z][a-z]+ \d{4} \d{2}:\d{2}\.$/).waitFor();
    expect(await page.locator('.stash2plex-down[data-ongoing="true"]').count()).toBe(1);
    expect(await page.locator("a.stash2plex-nav:visible [data-down]").count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/live-queue-plex-down.png`, fullPage: true });

    await world.plex.up();
    await eventually(
      () => world.plex.item("1005").values.title === "Edited while down 5",
      30_000,
      "the edits after the outage",
    );
    await refreshUntilGone(page, page.locator('[data-plex="down"]'), 30_000);
    await refreshUntilGone(page, page.locator('[data-drain="waiting"]'), 30_000);
    expect(await page.locator('.stash2plex-down[data-ongoing="true"]').count()).toBe(0);
    world.runner.setEnv({ [TEST_KNOB_ENV.timeScale]: "1" });
  }, 90_000);
});
