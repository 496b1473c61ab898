// @vitest-environment happy-dom
import "fake-indexeddb/auto";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import { afterEach, describe, expect, it } from "vitest";
import type { SceneStatus } from "../../plugin/ops/contracts";
import { SceneTab } from "../../ui/components/SceneTab";
import { MatchState } from "../../ui/components/SceneTab/MatchState";
import { openAnswerCache } from "../../ui/lib/cache";
import { sceneStatusFor, XSS_TITLE, XSS_URL } from "../fakes/stash/canned-answers";
import { RUNTIME_MISSING_TEXT } from "../fakes/stash/canned-plugin";
import { makeHarness, NOW, opCalls, renderWith, uiCalls } from "./helpers";
import { NEVER_SYNCED, status, visibleText } from "./scene-tab.fixtures";

afterEach(cleanup);

describe("SceneTab", () => {
  it("shows a loading state while the status is on its way", () => {
    const h = makeHarness();
    h.plugin.hold.add("scene.status");
    renderWith(h, <SceneTab sceneId="1" />);
    expect(screen.getByRole("status").textContent).toContain("Loading Plex status");
  });

  it("shows the match, a Plex link, the last sync in Stash's words and the field table with locks", async () => {
    const h = makeHarness();
    renderWith(h, <SceneTab sceneId="1" />);
    const link = await screen.findByRole("link", { name: "Morning Light" });
    expect(link.getAttribute("href")).toMatch(/^http:\/\/plex\.example:32400\/web\//);
    expect(link.getAttribute("rel")).toBe("noopener noreferrer");
    expect(screen.getByRole("link", { name: "Open in Plex" })).toBeTruthy();
    expect(screen.getByText("Found in Plex by its file path.")).toBeTruthy();
    expect(screen.getByText(/Last synced 3 h ago/).getAttribute("title")).toMatch(/^1 June 2025 \d/);
    const table = document.querySelector(".stash2plex-fields") as HTMLElement;
    const studioRow = within(table).getByText("Studio").closest("tr") as HTMLElement;
    expect(studioRow.dataset["differs"]).toBe("true");
    expect(within(table).getByText("Details").closest("th")?.textContent).toBe(
      "Detailslocked in PlexPlex: Summary",
    );
    expect(within(table).getAllByText("locked in Plex")).toHaveLength(3);
    expect(opCalls(h, "scene.status")[0]?.args).toEqual({ op: "scene.status", sceneId: "1" });
  });

  it("names every field in Stash's words, with Plex's name only as secondary text", async () => {
    const h = makeHarness();
    h.plugin.overrides.set("scene.status", status({}));
    renderWith(h, <SceneTab sceneId="9" />);
    await screen.findByText(/Last synced/);
    const rows = [...document.querySelectorAll(".stash2plex-fields tbody th")].map((th) => th.textContent);
    expect(rows).toEqual([
      "Titlelocked in Plex",
      "DetailsPlex: Summary",
      "CodePlex: Tagline",
      "Studio",
      "Date",
      "TagsPlex: Genres",
      "PerformersPlex: Actors",
      "Studio collectionPlex: Collections",
      "Rating",
    ]);
    expect(document.querySelector(".stash2plex-changed-fields")?.textContent).toBe(
      " — updated Title, Date and Performers.",
    );
    // The lock mark shares a no-wrap box with the last word of the name.
    const lock = document.querySelector(".stash2plex-lock");
    expect(lock?.parentElement?.className).toBe("text-nowrap");
    expect(lock?.parentElement?.textContent).toBe("Titlelocked in Plex");
  });

  it("shows the plugin's error text with a retry that asks again", async () => {
    const h = makeHarness();
    h.plugin.failures.set("scene.status", "Stash2Plex store is locked by another version");
    renderWith(h, <SceneTab sceneId="1" />);
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Stash2Plex store is locked by another version");
    h.plugin.failures.clear();
    fireEvent.click(within(alert).getByRole("button", { name: "Try again" }));
    await screen.findByRole("link", { name: "Morning Light" });
    expect(opCalls(h, "scene.status")).toHaveLength(2);
  });

  it("lists ambiguous candidates, pins the chosen one, shows it queued at once and moves focus to the status", async () => {
    const h = makeHarness();
    renderWith(h, <SceneTab sceneId="2" />);
    await screen.findByText(/Several Plex items could hold this file/);
    expect(screen.getByText("/media/b/clip.mp4 · size unknown")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Pin Clip (B) (/media/b/clip.mp4)" }));
    await waitFor(() => expect(opCalls(h, "scene.pin")).toHaveLength(1));
    expect(opCalls(h, "scene.pin")[0]?.args).toEqual({ op: "scene.pin", sceneId: "2", ratingKey: "202" });
    await waitFor(() => expect(h.toasts).toEqual([{ kind: "success", message: "Pinned" }]));
    const live = document.querySelector('[aria-live="polite"]') as HTMLElement;
    expect(within(live).getByText("Queued")).toBeTruthy();
    await waitFor(() => expect(document.activeElement?.className).toBe("stash2plex-status-region"));
  });

  it("an ambiguous dead job does not repeat the Pin advice the candidates above already give", async () => {
    const h = makeHarness();
    h.plugin.overrides.set(
      "scene.status",
      status({
        match: {
          state: "ambiguous",
          candidates: [{ ratingKey: "1", file: "/a/b.mp4", size: 1, title: "B" }],
        },
        job: {
          state: "dead",
          attempts: 1,
          nextAttemptAt: null,
          error: { class: "ambiguous", message: "2 items [ambiguous]" },
        },
      }),
    );
    renderWith(h, <SceneTab sceneId="2" />);
    await screen.findByText("Not synced: several Plex items could hold this file.");
    expect(screen.getByText("Several Plex items could hold this file. Pin the right one:")).toBeTruthy();
    expect(document.querySelector(".stash2plex-next-step")).toBeNull();
  });

  it("words a not-found retry with when, the next step and the raw message only in the details", async () => {
    const h = makeHarness();
    h.plugin.overrides.set(
      "scene.status",
      status({
        match: { state: "not_found", triedPaths: ["/media/new/scene_3.mp4"] },
        job: {
          state: "retrying",
          attempts: 2,
          nextAttemptAt: NOW + 5 * 60_000,
          error: {
            class: "not_found",
            message: "not_found: no Plex item for /media/new/scene_3.mp4 [not_found]",
          },
        },
      }),
    );
    renderWith(h, <SceneTab sceneId="3" />);
    await screen.findByText("Plex has no item for this scene's file yet; looking again in 5 min.");
    expect(screen.getByText(/check the path map/)).toBeTruthy();
    expect(screen.getByRole("button", { name: "Plugin settings" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Plugin settings" }));
    expect(h.navigations).toEqual(["/settings?tab=plugins"]);
    expect(visibleText()).not.toMatch(/not_found|\[|scene_3/);
    expect(document.querySelector(".stash2plex-details")?.textContent).toContain("[not_found]");
  });

  it("shows a dead letter, and Retry now queues the scene and shows it queued at once", async () => {
    const h = makeHarness();
    h.plugin.overrides.set(
      "scene.status",
      status({
        job: {
          state: "dead",
          attempts: 5,
          nextAttemptAt: null,
          error: {
            class: "server_error",
            message: "Plex PUT /library/sections/1/all answered 500 [server_error]",
          },
        },
      }),
    );
    renderWith(h, <SceneTab sceneId="4" />);
    await screen.findByText("Not synced: Plex answered with an error. Gave up after trying 5 times.");
    const button = screen.getByRole("button", { name: "Retry now" });
    button.focus();
    fireEvent.click(button);
    await waitFor(() => expect(h.toasts).toEqual([{ kind: "success", message: "Sync queued" }]));
    expect(opCalls(h, "scene.sync")[0]?.args).toEqual({ op: "scene.sync", sceneId: "4" });
    await screen.findByText("Queued; syncs shortly.");
    expect(document.activeElement).toBe(screen.getByRole("button", { name: /Sync now|Retry now/ }));
  });

  it("Re-match forgets the pin, then queues a sync", async () => {
    const h = makeHarness();
    renderWith(h, <SceneTab sceneId="1" />);
    fireEvent.click(await screen.findByRole("button", { name: "Re-match" }));
    await waitFor(() => expect(opCalls(h, "scene.sync")).toHaveLength(1));
    const order = uiCalls(h)
      .map((c) => c.op)
      .filter((op) => op === "scene.unpin" || op === "scene.sync");
    expect(order).toEqual(["scene.unpin", "scene.sync"]);
  });

  it("tells an unconfigured user where the settings are", async () => {
    const h = makeHarness();
    h.plugin.overrides.set("scene.status", {
      ...NEVER_SYNCED,
      configured: false,
      match: { state: "unknown", reason: "not_configured" },
    });
    renderWith(h, <SceneTab sceneId="5" />);
    await screen.findByText(/Plex is not set up yet: enter its address/);
    expect(screen.getByText("Not checked: Plex is not set up yet.")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Read Plex library" })).toBeNull();
  });

  it("before any library read: says so and reads the library on request, then shows the match", async () => {
    const h = makeHarness();
    h.plugin.overrides.set("scene.status", {
      ...NEVER_SYNCED,
      match: { state: "unknown", reason: "no_index" },
    });
    renderWith(h, <SceneTab sceneId="6" />);
    await screen.findByText("Not checked yet: Stash2Plex has not read your Plex library.");
    expect(screen.getByText("Not synced yet.")).toBeTruthy();
    h.plugin.overrides.set("library.read", {
      accepted: true,
      affected: 12,
      message: "Read 12 files in 1 Plex library.",
    });
    h.plugin.overrides.set("scene.status", NEVER_SYNCED);
    fireEvent.click(screen.getByRole("button", { name: "Read Plex library" }));
    await screen.findByText("Found in Plex by its file path.");
    expect(h.toasts).toEqual([{ kind: "success", message: "Read 12 files in 1 Plex library." }]);
    expect(screen.getByText("Not synced yet.")).toBeTruthy();
  });

  it("shows each image slot's state: uploaded when, unchanged since, off, failed with why", async () => {
    const h = makeHarness();
    h.plugin.overrides.set(
      "scene.status",
      status({
        images: {
          poster: { state: "failed", at: NOW - 60_000, problem: "Plex refused the image: 400 Bad Request" },
          background: { state: "unchanged", at: Date.UTC(2025, 4, 2, 9, 30), problem: null },
        },
      }),
    );
    renderWith(h, <SceneTab sceneId="7" />);
    await screen.findByText("Poster");
    const rows = [...document.querySelectorAll(".stash2plex-image-row")];
    expect(rows[0]?.querySelector("dd")?.firstChild?.textContent).toBe(
      "Not uploaded: the last sync could not send it.",
    );
    expect(rows[0]?.querySelector("details")?.textContent).toContain(
      "Plex refused the image: 400 Bad Request",
    );
    expect(rows[1]?.textContent).toMatch(/^BackgroundUnchanged since it was uploaded 2 May 2025 \d/);

    cleanup();
    h.plugin.overrides.set(
      "scene.status",
      status({
        images: {
          poster: { state: "uploaded", at: NOW - 3 * 3_600_000, problem: null },
          background: { state: "off", at: null, problem: null },
        },
      }),
    );
    renderWith(h, <SceneTab sceneId="7" />);
    await screen.findByText("Uploaded 3 h ago.");
    expect(screen.getByText("Off in the plugin settings.")).toBeTruthy();

    cleanup();
    h.plugin.overrides.set(
      "scene.status",
      status({
        images: {
          poster: { state: "no_cover", at: null, problem: null },
          background: { state: "not_yet", at: null, problem: null },
        },
      }),
    );
    renderWith(h, <SceneTab sceneId="7" />);
    await screen.findByText("The scene has no cover in Stash.");
    expect(screen.getByText("Not uploaded yet.")).toBeTruthy();
  });

  it("shows no code, bracketed class or raw internals across not-in-Plex, ambiguous, Plex down and dead letter", async () => {
    const cases: Partial<SceneStatus>[] = [
      { match: { state: "not_found", triedPaths: ["/x/scene_1.mp4"] }, fields: null },
      {
        match: {
          state: "ambiguous",
          candidates: [{ ratingKey: "1", file: "/a/b.mp4", size: 1, title: "B" }],
        },
        job: {
          state: "dead",
          attempts: 1,
          nextAttemptAt: null,
          error: { class: "ambiguous", message: "ambiguous: 2 items [ambiguous]" },
        },
      },
      {
        job: {
          state: "retrying",
          attempts: 0,
          nextAttemptAt: NOW - 7_000,
          error: {
            class: "server_down",
            message: "server_down: Plex GET /library/sections (ECONNREFUSED) [server_down]",
          },
        },
        fields: null,
      },
      {
        job: {
          state: "dead",
          attempts: 5,
          nextAttemptAt: null,
          error: { class: "timeout", message: "timeout [timeout]" },
        },
      },
    ];
    for (const partial of cases) {
      const h = makeHarness();
      h.plugin.overrides.set("scene.status", status(partial));
      renderWith(h, <SceneTab sceneId="8" />);
      await screen.findByText(/Last synced/);
      const text = visibleText();
      expect(text).not.toMatch(/\b[a-z]+_[a-z_]+\b|\[|ECONNREFUSED|\/library\//);
      expect(text).not.toMatch(/\b0 attempts|\bago\b.*next|next attempt .*ago|Failed 0/);
      cleanup();
    }
  });

  it("shows the Node install notice instead of a broken panel when node is missing", async () => {
    const h = makeHarness();
    h.plugin.runtimeMissing = true;
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
        { ...item, ratingKey: "7", title: "Guess 7", lowConfidence: true },
        { ...item, ratingKey: "8" },
      ],
      how: "basename" as const,
    };
    render(<MatchState match={match} busy={false} onPin={() => {}} onReadLibrary={() => {}} />);
    const notes = document.querySelectorAll(".stash2plex-low-confidence");
    expect(notes).toHaveLength(1);
    expect(notes[0]?.closest("li")?.textContent).toContain("Guess 7");
    expect(notes[0]?.textContent).toMatch(/Low confidence/);
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

function firstItem(s: ReturnType<typeof sceneStatusFor>) {
  if (s.match.state !== "matched" || !s.match.items[0]) throw new Error("fixture 1 must be matched");
  return s.match.items[0];
}
