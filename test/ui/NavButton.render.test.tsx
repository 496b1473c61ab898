// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/preact";
import { afterEach, describe, expect, it } from "vitest";
import { NavButton } from "../../ui/components/NavButton";
import { queueSummary } from "../fakes/stash/canned-answers";
import { makeHarness, NOW, opCalls, renderWith } from "./helpers";

afterEach(cleanup);

describe("NavButton", () => {
  it("is an icon button with the count of scenes waiting and a red dot while Plex is down", async () => {
    const h = makeHarness();
    renderWith(h, <NavButton />);
    const link = await screen.findByRole("link", {
      name: "Stash2Plex: 6 scenes waiting, 4 scenes not synced; Plex is down",
    });
    expect(link.querySelector("svg.fa-icon")).not.toBeNull();
    expect(link.querySelector(".stash2plex-nav-count")?.textContent).toBe("6");
    expect(link.querySelector("[data-down]")).not.toBeNull();
    expect(link.getAttribute("href")).toBe("/plugins/stash2plex");
    fireEvent.click(link);
    expect(h.navigations).toEqual(["/plugins/stash2plex"]);
  });

  it("carries no display class on the utility item itself, so Stash's phone rule can hide it", async () => {
    const h = makeHarness();
    renderWith(h, <NavButton />);
    const link = await screen.findByRole("link", { name: /Stash2Plex/ });
    expect([...link.classList].sort()).toEqual(["nav-utility", "stash2plex-nav"]);
  });

  it("has no dot and no count when Plex is up and the queue is empty", async () => {
    const h = makeHarness();
    const calm = queueSummary(NOW);
    calm.counts = { pending: 0, retrying: 0, running: 0, dead: 0 };
    calm.breaker = { state: "closed", openedAt: null, failures: 0 };
    calm.health = { lastCheckAt: NOW, ok: true, latencyMs: 12 };
    h.plugin.overrides.set("queue.summary", calm);
    renderWith(h, <NavButton />);
    const link = await screen.findByRole("link", {
      name: "Stash2Plex: 0 scenes waiting, 0 scenes not synced",
    });
    expect(link.querySelector("[data-down]")).toBeNull();
    expect(link.querySelector(".stash2plex-nav-count")).toBeNull();
  });

  it("shares one summary read between the two copies Stash renders", async () => {
    const h = makeHarness();
    renderWith(
      h,
      <>
        <NavButton />
        <NavButton />
      </>,
    );
    await waitFor(() => expect(screen.getAllByRole("link", { name: /6 scenes waiting/ })).toHaveLength(2));
    expect(opCalls(h, "queue.summary")).toHaveLength(1);
  });

  it("asks half as often while nothing is queued and Plex is fine", async () => {
    const busy = makeHarness({ pollMs: 1_000 });
    renderWith(busy, <NavButton />);
    await new Promise((r) => setTimeout(r, 2_500));
    expect(opCalls(busy, "queue.summary")).toHaveLength(2); // at once, then every 2 s
    cleanup();

    const quiet = makeHarness({ pollMs: 1_000 });
    const calm = queueSummary(NOW);
    calm.counts = { pending: 0, retrying: 0, running: 0, dead: 2 };
    calm.breaker = { state: "closed", openedAt: null, failures: 0 };
    calm.health = { lastCheckAt: NOW, ok: true, latencyMs: 12 };
    quiet.plugin.overrides.set("queue.summary", calm);
    renderWith(quiet, <NavButton />);
    await new Promise((r) => setTimeout(r, 2_500));
    expect(opCalls(quiet, "queue.summary")).toHaveLength(1); // next one only after 4 s
  });

  it("says when node is missing", async () => {
    const h = makeHarness();
    h.plugin.runtimeMissing = true;
    renderWith(h, <NavButton />);
    await waitFor(() =>
      expect(screen.getByRole("link").getAttribute("title")).toBe("Stash2Plex needs Node.js 22.13 or newer"),
    );
  });
});
