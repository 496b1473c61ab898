// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { afterEach, describe, expect, it } from "vitest";
import { SceneTab } from "../../ui/components/SceneTab";
import { DepsContext } from "../../ui/lib/deps";
import { makeHarness, NOW, opCalls, renderWith } from "./helpers";
import { NEVER_SYNCED, status } from "./scene-tab.fixtures";

/**
 * Real timers: the tab's own follow-up polling (about 1 s) runs as in a browser. Waiting is a plain timer,
 * not `act` (which would hold every effect until its scope ends).
 */
afterEach(cleanup);

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe("SceneTab follows what it started", () => {
  it("Sync now: queued at once from the action's answer, then syncing, then the result; then it stops polling", async () => {
    const h = makeHarness();
    h.plugin.overrides.set("scene.status", NEVER_SYNCED);
    renderWith(h, <SceneTab sceneId="1" />);
    fireEvent.click(await screen.findByRole("button", { name: "Sync now" }));
    // The store has not taken the command yet: the status still says "not synced", the tab says queued.
    await screen.findByText("Queued; syncs shortly.");
    await sleep(1_200);
    expect(opCalls(h, "scene.status").length).toBeGreaterThanOrEqual(2);
    expect(screen.getByText("Queued; syncs shortly.")).toBeTruthy();

    h.plugin.overrides.set("scene.status", {
      ...NEVER_SYNCED,
      job: { id: "j1", state: "running", attempts: 1, nextAttemptAt: null, error: null },
    });
    await screen.findByText("Syncing with Plex now…", {}, { timeout: 3_000 });

    h.plugin.overrides.set(
      "scene.status",
      status({ lastSync: { at: NOW, changes: [{ field: "title", from: null, to: null }] } }),
    );
    await waitFor(
      () =>
        expect(document.querySelector(".stash2plex-sync-status")?.textContent).toBe(
          "Last synced just now — updated Title.",
        ),
      { timeout: 3_000 },
    );
    const settledCalls = opCalls(h, "scene.status").length;
    await sleep(2_500);
    expect(opCalls(h, "scene.status")).toHaveLength(settledCalls);
  });

  it("a failure that never showed as running still ends the follow with the error", async () => {
    const h = makeHarness();
    h.plugin.overrides.set("scene.status", NEVER_SYNCED);
    renderWith(h, <SceneTab sceneId="1" />);
    fireEvent.click(await screen.findByRole("button", { name: "Sync now" }));
    await screen.findByText("Queued; syncs shortly.");
    h.plugin.overrides.set("scene.status", {
      ...NEVER_SYNCED,
      job: {
        id: "d1",
        state: "dead",
        attempts: 1,
        nextAttemptAt: null,
        failedAt: NOW,
        error: { class: "ambiguous", message: "2 items [ambiguous]" },
      },
    });
    await screen.findByText("Not synced: several Plex items could hold this file.", {}, { timeout: 3_000 });
    expect(screen.queryByText("Queued; syncs shortly.")).toBeNull();
  });
});

describe("SceneTab costs nothing while its pane is closed", () => {
  it("reads once when mounted in a closed pane, polls only while the pane is open", async () => {
    const h = makeHarness({ pollMs: 300 });
    h.plugin.overrides.set(
      "scene.status",
      status({
        job: {
          state: "retrying",
          attempts: 1,
          nextAttemptAt: NOW + 60_000,
          error: { class: "timeout", message: "t" },
        },
      }),
    );
    const pane = document.createElement("div");
    pane.className = "tab-pane";
    document.body.append(pane);
    const before = opCalls(h, "scene.status").length;
    render(
      <DepsContext.Provider value={h.deps}>
        <SceneTab sceneId="1" />
      </DepsContext.Provider>,
      { container: pane },
    );
    await sleep(1_000);
    expect(opCalls(h, "scene.status").length - before).toBe(1);

    pane.classList.add("active");
    await waitFor(() => expect(opCalls(h, "scene.status").length - before).toBe(2));
    await sleep(1_000);
    const open = opCalls(h, "scene.status").length - before;
    expect(open).toBeGreaterThanOrEqual(4);

    pane.classList.remove("active");
    await sleep(100);
    const closed = opCalls(h, "scene.status").length;
    await sleep(1_000);
    expect(opCalls(h, "scene.status")).toHaveLength(closed);
    pane.remove();
  });
});
