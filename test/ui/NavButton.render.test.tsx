// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/preact";
import { afterEach, describe, expect, it } from "vitest";
import { NavButton } from "../../ui/components/NavButton";
import { queueSummary } from "../host/canned";
import { makeHarness, NOW, renderWith } from "./helpers";

afterEach(cleanup);

describe("NavButton", () => {
  it("shows the waiting count and a red dot while Plex is down, and opens the queue page", async () => {
    const h = makeHarness();
    renderWith(h, <NavButton />);
    const link = await screen.findByRole("link", { name: "Stash2Plex: 6 waiting, 4 failed, Plex is down" });
    expect(link.querySelector(".stash2plex-nav-count")?.textContent).toBe("6");
    expect(link.querySelector("[data-down]")).not.toBeNull();
    expect(link.getAttribute("href")).toBe("/plugins/stash2plex");
    fireEvent.click(link);
    expect(h.navigations).toEqual(["/plugins/stash2plex"]);
  });

  it("has no dot and no count when Plex is up and the queue is empty", async () => {
    const h = makeHarness();
    const calm = queueSummary(NOW);
    calm.counts = { pending: 0, retrying: 0, running: 0, dead: 0 };
    calm.breaker = { state: "closed", openedAt: null, failures: 0 };
    calm.health = { lastCheckAt: NOW, ok: true, latencyMs: 12 };
    h.backend.overrides.set("queue.summary", calm);
    renderWith(h, <NavButton />);
    const link = await screen.findByRole("link", { name: "Stash2Plex: 0 waiting, 0 failed" });
    expect(link.querySelector("[data-down]")).toBeNull();
    expect(link.querySelector(".stash2plex-nav-count")).toBeNull();
  });

  it("says when node is missing", async () => {
    const h = makeHarness();
    h.backend.runtimeMissing = true;
    renderWith(h, <NavButton />);
    await waitFor(() =>
      expect(screen.getByRole("link").getAttribute("title")).toBe("Stash2Plex needs Node.js 22.13 or newer"),
    );
  });
});
