// @vitest-environment happy-dom
import "fake-indexeddb/auto";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import { afterEach, describe, expect, it } from "vitest";
import { SceneTab } from "../../ui/components/SceneTab";
import { MatchState } from "../../ui/components/SceneTab/MatchState";
import { openAnswerCache } from "../../ui/lib/cache";
import { sceneStatusFor, XSS_TITLE, XSS_URL } from "../host/canned";
import { RUNTIME_MISSING_TEXT } from "../host/stub-backend";
import { makeHarness, NOW, opCalls, renderWith } from "./helpers";

afterEach(cleanup);

describe("SceneTab", () => {
  it("shows a loading state while the status is on its way", () => {
    const h = makeHarness();
    h.backend.hold.add("scene.status");
    renderWith(h, <SceneTab sceneId="1" />);
    expect(screen.getByRole("status").textContent).toContain("Loading Plex status");
  });

  it("shows the match, a Plex link, last sync with changes and the field table with locks", async () => {
    const h = makeHarness();
    renderWith(h, <SceneTab sceneId="1" />);
    const link = await screen.findByRole("link", { name: "Morning Light" });
    expect(link.getAttribute("href")).toMatch(/^http:\/\/plex\.example:32400\/web\//);
    expect(link.getAttribute("rel")).toBe("noopener noreferrer");
    expect(screen.getByRole("link", { name: "Open in Plex" })).toBeTruthy();
    expect(screen.getByText(/Found in Plex by its mapped path/)).toBeTruthy();
    expect(screen.getByText(/Last synced 3 h ago/)).toBeTruthy();
    expect(screen.getByText("morning_light_final.mp4")).toBeTruthy();
    const table = document.querySelector(".stash2plex-fields") as HTMLElement;
    const studioRow = within(table).getByText("studio").closest("tr") as HTMLElement;
    expect(studioRow.dataset["differs"]).toBe("true");
    expect(within(table).getAllByText("locked")).toHaveLength(3);
    expect(opCalls(h, "scene.status")[0]?.args).toEqual({ op: "scene.status", sceneId: "1" });
  });

  it("shows the plugin's error text with a retry that asks again", async () => {
    const h = makeHarness();
    h.backend.failures.set("scene.status", "Stash2Plex store is locked by another version");
    renderWith(h, <SceneTab sceneId="1" />);
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Stash2Plex store is locked by another version");
    h.backend.failures.clear();
    fireEvent.click(within(alert).getByRole("button", { name: "Try again" }));
    await screen.findByRole("link", { name: "Morning Light" });
    expect(opCalls(h, "scene.status")).toHaveLength(2);
  });

  it("lists ambiguous candidates and pins the chosen one", async () => {
    const h = makeHarness();
    renderWith(h, <SceneTab sceneId="2" />);
    await screen.findByText(/Several Plex items could hold this file/);
    expect(screen.getByText("1.4 GB")).toBeTruthy();
    expect(screen.getByText("size unknown")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Pin Clip (B) (/media/b/clip.mp4)" }));
    await waitFor(() => expect(opCalls(h, "scene.pin")).toHaveLength(1));
    expect(opCalls(h, "scene.pin")[0]?.args).toEqual({ op: "scene.pin", sceneId: "2", ratingKey: "202" });
    await waitFor(() => expect(h.toasts).toEqual([{ kind: "success", message: "Pinned" }]));
    await waitFor(() => expect(opCalls(h, "scene.status")).toHaveLength(2));
  });

  it("shows a retrying job with its reason and next attempt, and a not-found match with tried paths", async () => {
    const h = makeHarness();
    renderWith(h, <SceneTab sceneId="3" />);
    await screen.findByText(/Failed 2 attempts; next attempt in 5 min/);
    expect(screen.getByText("Plex has not scanned /media/new/scene3.mp4 yet")).toBeTruthy();
    expect(screen.getByText("/media/new/scene3.mp4")).toBeTruthy();
    expect(screen.queryByRole("link", { name: "Open in Plex" })).toBeNull();
  });

  it("shows a dead letter, and Sync now queues the scene and says so", async () => {
    const h = makeHarness();
    renderWith(h, <SceneTab sceneId="4" />);
    await screen.findByText(/Gave up after 5 attempts/);
    fireEvent.click(screen.getByRole("button", { name: "Sync now" }));
    await waitFor(() => expect(h.toasts).toEqual([{ kind: "success", message: "Queued for sync" }]));
    expect(opCalls(h, "scene.sync")[0]?.args).toEqual({ op: "scene.sync", sceneId: "4" });
  });

  it("Re-match forgets the pin, then queues a sync", async () => {
    const h = makeHarness();
    renderWith(h, <SceneTab sceneId="1" />);
    fireEvent.click(await screen.findByRole("button", { name: "Re-match" }));
    await waitFor(() => expect(opCalls(h, "scene.sync")).toHaveLength(1));
    const order = h.backend.calls
      .map((c) => c.op)
      .filter((op) => op === "scene.unpin" || op === "scene.sync");
    expect(order).toEqual(["scene.unpin", "scene.sync"]);
  });

  it("tells an unconfigured user where the settings are", async () => {
    const h = makeHarness();
    renderWith(h, <SceneTab sceneId="5" />);
    await screen.findByText(/Plex is not set up yet/);
    expect(screen.getByText(/Not matched yet/)).toBeTruthy();
  });

  it("shows the Node install notice instead of a broken panel when node is missing", async () => {
    const h = makeHarness();
    h.backend.runtimeMissing = true;
    renderWith(h, <SceneTab sceneId="1" />);
    await screen.findByText("Stash2Plex needs Node.js 22.13 or newer");
    expect(document.body.textContent).toContain("apk add --no-cache nodejs");
    expect(document.body.textContent).not.toContain(RUNTIME_MISSING_TEXT);
  });

  it("paints the saved answer at once, marked as saved, then replaces it with the fresh one", async () => {
    const cache = openAnswerCache();
    const saved = sceneStatusFor("1", NOW);
    saved.match = {
      state: "matched",
      ratingKeys: ["9"],
      items: [{ ...firstItem(saved), title: "Old Title" }],
      how: "path",
    };
    await cache.put("scene:1", saved, NOW - 120_000);
    const h = makeHarness({ cache });
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const realFetchApi = h.deps.api;
    h.deps.api = {
      ...realFetchApi,
      runOperation: (op, args) => gate.then(() => realFetchApi.runOperation(op, args)),
    };
    renderWith(h, <SceneTab sceneId="1" />);
    await screen.findByRole("link", { name: "Old Title" });
    expect(screen.getByText(/Saved answer from 2 min ago/)).toBeTruthy();
    release();
    await screen.findByRole("link", { name: "Morning Light" });
    expect(screen.queryByText(/Saved answer/)).toBeNull();
    await waitFor(async () => expect((await cache.get<typeof saved>("scene:1"))?.at).toBe(NOW));
  });

  it("notes a low-confidence match next to that item only", () => {
    const item = { title: "Guess", sectionId: "1", plexWebUrl: null };
    const match = {
      state: "matched" as const,
      ratingKeys: ["7", "8"],
      items: [
        { ...item, ratingKey: "7", lowConfidence: true },
        { ...item, ratingKey: "8" },
      ],
      how: "basename" as const,
    };
    render(<MatchState match={match} busy={false} onPin={() => {}} />);
    const notes = document.querySelectorAll(".stash2plex-low-confidence");
    expect(notes).toHaveLength(1);
    expect(notes[0]?.closest("li")?.textContent).toContain("item 7");
    expect(notes[0]?.textContent).toMatch(/low confidence/);
  });

  it("renders hostile Plex and Stash strings as inert text and never links a javascript: URL", async () => {
    const h = makeHarness();
    renderWith(h, <SceneTab sceneId="666" />);
    await screen.findAllByText(XSS_TITLE);
    expect(document.querySelector("img")).toBeNull();
    expect(document.querySelector("script")).toBeNull();
    for (const a of document.querySelectorAll("a"))
      expect(a.getAttribute("href")).not.toContain("javascript:");
    expect(document.body.innerHTML).not.toContain(`href="${XSS_URL}"`);
    expect((window as Window & { __stash2plexXss?: number }).__stash2plexXss).toBeUndefined();
  });
});

function firstItem(status: ReturnType<typeof sceneStatusFor>) {
  if (status.match.state !== "matched" || !status.match.items[0])
    throw new Error("fixture 1 must be matched");
  return status.match.items[0];
}
