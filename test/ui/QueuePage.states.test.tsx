// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/preact";
import { afterEach, describe, expect, it } from "vitest";
import { QueuePage } from "../../ui/components/QueuePage";
import { queueSummary, XSS_TITLE } from "../fakes/stash/canned-answers";
import { makeHarness, NOW, opCalls, renderWith, uiCalls } from "./helpers";

afterEach(cleanup);

describe("QueuePage", () => {
  it("shows loading, then breaker, health, drain progress, charts and the reconcile report", async () => {
    const h = makeHarness();
    h.plugin.hold.add("queue.summary");
    renderWith(h, <QueuePage />);
    expect(screen.getByText(/Loading queue status/)).toBeTruthy();
    cleanup();

    const ready = makeHarness();
    renderWith(ready, <QueuePage />);
    await screen.findByText("Plex is down");
    expect(
      screen.getByText(/3 scenes queued · 1 scene syncing now · 2 scenes will retry · 4 scenes not synced/),
    ).toBeTruthy();
    expect(screen.getByText(/Plex has not been answering for 4 min/)).toBeTruthy();
    // Plex is down: the progress says the scenes wait, no busy bar.
    expect(screen.getByText(/Waiting for Plex: 6 scenes will sync when Plex answers again/)).toBeTruthy();
    const bar = screen.getByRole("progressbar", { name: "Queue progress: waiting for Plex" });
    expect(bar.className).not.toContain("progress-bar-animated");
    // The ongoing outage shows on the 7-day strip, and the caption says so.
    expect(screen.getByRole("img", { name: /^Plex is down now, since / })).toBeTruthy();
    expect(document.querySelectorAll(".stash2plex-down")).toHaveLength(2);
    expect(document.querySelector('.stash2plex-down[data-ongoing="true"]')?.getAttribute("width")).toBe("6");
    expect(screen.getByRole("img", { name: /scene syncs, 8 failed attempts/ })).toBeTruthy();
    expect(screen.getByText("3 scenes missing in Plex")).toBeTruthy();
  });

  it("never says Plex is reachable next to an unchecked health line", async () => {
    const h = makeHarness();
    const calm = queueSummary(NOW);
    calm.breaker = { state: "closed", openedAt: null, failures: 0 };
    calm.health = { lastCheckAt: null, ok: null, latencyMs: null };
    calm.lastOutage = null;
    calm.outages = [];
    h.plugin.overrides.set("queue.summary", calm);
    renderWith(h, <QueuePage />);
    await screen.findByText("No problems seen");
    expect(document.body.textContent).not.toMatch(/reachable|Not checked/i);
    expect(screen.getByText(/Syncing: 12 of 30 scenes done/)).toBeTruthy();
    expect(screen.getByRole("progressbar", { name: "Queue progress" }).getAttribute("aria-valuenow")).toBe(
      "40",
    );
    expect(screen.getByRole("img", { name: "No Plex outage in the last 7 days" })).toBeTruthy();
  });

  it("draws an empty throughput chart with its axis and says nothing was synced", async () => {
    const h = makeHarness();
    const quiet = queueSummary(NOW);
    quiet.throughput = quiet.throughput.map((b) => ({ ...b, ok: 0, failed: 0 }));
    h.plugin.overrides.set("queue.summary", quiet);
    renderWith(h, <QueuePage />);
    await screen.findByRole("img", { name: "No syncs in the last 24 hours" });
    expect(screen.getByText("No scene was synced or failed in the last 24 hours.")).toBeTruthy();
    expect(document.querySelectorAll(".stash2plex-throughput .stash2plex-axis text").length).toBeGreaterThan(
      3,
    );
  });

  it("counts in words (one failed attempt, not 1 failed attempts) and keeps the last hour label inside the chart", async () => {
    const h = makeHarness();
    const one = queueSummary(NOW);
    // The last hour ends at noon: the noon label sits on the chart's right edge.
    one.throughput = one.throughput.map((b, i, all) => ({
      t: b.t,
      ok: 0,
      failed: i === all.length - 1 ? 1 : 0,
    }));
    h.plugin.overrides.set("queue.summary", one);
    renderWith(h, <QueuePage />);
    await screen.findByRole("img", { name: "Last 24 hours: 0 scene syncs, 1 failed attempt" });
    expect(screen.getByText("1 failed attempt")).toBeTruthy();
    const labels = [...document.querySelectorAll(".stash2plex-throughput .stash2plex-axis text")];
    const edge = labels.filter((t) => Number(t.getAttribute("x")) > 600 - 24);
    expect(edge.map((t) => t.getAttribute("text-anchor"))).toEqual(["end"]);
    expect(labels.filter((t) => t.getAttribute("text-anchor") === "middle").length).toBeGreaterThan(2);
  });

  it("opens on the first tab with scenes in it, once; a tab the user picks stays", async () => {
    const h = makeHarness();
    const waiting = queueSummary(NOW);
    waiting.counts = { pending: 0, running: 0, retrying: 2, dead: 4 };
    h.plugin.overrides.set("queue.summary", waiting);
    renderWith(h, <QueuePage />);
    const retry = await screen.findByRole("tab", { name: "Will retry (2)" });
    await waitFor(() => expect(retry.getAttribute("aria-selected")).toBe("true"));
    fireEvent.click(screen.getByRole("tab", { name: "Queued (0)" }));
    expect(screen.getByRole("tab", { name: "Queued (0)" }).getAttribute("aria-selected")).toBe("true");
  });

  it("queues all reconcile gaps", async () => {
    const h = makeHarness();
    renderWith(h, <QueuePage />);
    fireEvent.click(await screen.findByRole("button", { name: "Queue all 12 gaps" }));
    await waitFor(() => expect(opCalls(h, "reconcile.queueGaps")).toHaveLength(1));
  });

  it("switches tabs, filters by problem with human labels and words every reason", async () => {
    const h = makeHarness();
    renderWith(h, <QueuePage />);
    await screen.findByText("Scene 2");
    fireEvent.click(screen.getByRole("tab", { name: "Not synced (4)" }));
    await screen.findAllByText(/Not synced: several Plex items could hold this file/);
    expect(screen.getAllByText(/Not synced: Plex answered with an error/)).toHaveLength(3);
    const filter = screen.getByLabelText("Problem") as HTMLSelectElement;
    expect([...filter.options].map((o) => o.textContent)).toEqual([
      "Any",
      "Plex error (3)",
      "Several Plex matches (1)",
    ]);
    fireEvent.change(filter, { target: { value: "ambiguous" } });
    await waitFor(() => expect(screen.queryByText(/Plex answered with an error/)).toBeNull());
    const last = opCalls(h, "queue.list").at(-1);
    expect(last?.args).toMatchObject({ state: "dead", errorClass: "ambiguous", page: 1, perPage: 25 });
  });

  it("keeps raw messages and class codes behind Details", async () => {
    const h = makeHarness();
    renderWith(h, <QueuePage />);
    fireEvent.click(await screen.findByRole("tab", { name: /Will retry/ }));
    await screen.findAllByText(/Plex cannot be reached; trying again in 1 min/);
    for (const details of document.querySelectorAll("details")) expect(details.open).toBe(false);
    const visible = [...document.querySelectorAll(".stash2plex-queue-page *")]
      .filter((el) => !el.closest("details") || el.tagName === "SUMMARY")
      .flatMap((el) => [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent ?? ""))
      .join(" ");
    expect(visible).not.toMatch(/\b[a-z]+_[a-z_]+\b|\[[^\]]*\]|ECONNREFUSED/);
  });

  it("asks before a bulk retry, does nothing on Cancel, and retries all on confirm", async () => {
    const h = makeHarness();
    renderWith(h, <QueuePage />);
    fireEvent.click(await screen.findByRole("tab", { name: /Will retry/ }));
    fireEvent.click(await screen.findByRole("button", { name: "Retry all" }));
    const dialog = screen.getByRole("alertdialog");
    expect(dialog.textContent).toContain("Retry all 2 scenes?");
    await waitFor(() => expect(document.activeElement).toBe(dialog));
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(opCalls(h, "queue.retry")).toHaveLength(0);

    fireEvent.click(screen.getByRole("button", { name: "Retry all" }));
    fireEvent.click(within(screen.getByRole("alertdialog")).getByRole("button", { name: "Retry" }));
    await waitFor(() => expect(opCalls(h, "queue.retry")).toHaveLength(1));
    // "Retry all" on the Will retry tab means the scenes waiting there, not the unsynced ones.
    expect(opCalls(h, "queue.retry")[0]?.args).toEqual({ op: "queue.retry", all: true, state: "retrying" });
  });

  it("marks retried rows at once and follows the queue until they are gone", async () => {
    const h = makeHarness({ pollMs: 15_000 });
    renderWith(h, <QueuePage />);
    fireEvent.click(await screen.findByRole("tab", { name: "Not synced (4)" }));
    await screen.findAllByText(/Plex answered with an error/);
    fireEvent.click(screen.getByRole("button", { name: "Retry all" }));
    fireEvent.click(within(screen.getByRole("alertdialog")).getByRole("button", { name: "Retry" }));
    await waitFor(() => expect(document.querySelectorAll("[data-acted]")).toHaveLength(4));
    const summariesBefore = opCalls(h, "queue.summary").length;
    // The worker applies the retry and the scenes sync: the next reads show an empty list and lower counts.
    const settled = queueSummary(NOW);
    settled.counts = { ...settled.counts, dead: 0 };
    h.plugin.overrides.set("queue.summary", settled);
    h.plugin.overrides.set("queue.list", { total: 0, jobs: [], errorClasses: [] });
    // Followed about every second (not at the 15 s interval).
    await waitFor(() => expect(opCalls(h, "queue.summary").length).toBeGreaterThan(summariesBefore), {
      timeout: 2_500,
    });
    await screen.findByText("No scene is left unsynced.");
    expect(screen.getByRole("tab", { name: "Not synced (0)" })).toBeTruthy();
  });

  it("deletes only the selected jobs after confirmation", async () => {
    const h = makeHarness();
    renderWith(h, <QueuePage />);
    fireEvent.click(await screen.findByRole("checkbox", { name: "Select Scene 2" }));
    fireEvent.click(screen.getByRole("checkbox", { name: "Select Scene 3" }));
    fireEvent.click(screen.getByRole("button", { name: "Delete selected (2)" }));
    fireEvent.click(within(screen.getByRole("alertdialog")).getByRole("button", { name: "Delete" }));
    await waitFor(() => expect(opCalls(h, "queue.delete")).toHaveLength(1));
    expect(opCalls(h, "queue.delete")[0]?.args).toEqual({
      op: "queue.delete",
      ids: ["pending-2", "pending-3"],
    });
  });

  it("opens a job's scene through the host router", async () => {
    const h = makeHarness();
    renderWith(h, <QueuePage />);
    fireEvent.click(await screen.findByRole("link", { name: "Scene 2" }));
    expect(h.navigations).toEqual(["/scenes/2"]);
  });

  it("renders a hostile scene title as text", async () => {
    const h = makeHarness();
    renderWith(h, <QueuePage />);
    await screen.findByRole("link", { name: XSS_TITLE });
    expect(document.querySelector(".stash2plex-joblist img")).toBeNull();
  });

  it("starts a task as a Stash job and shows its progress", async () => {
    const h = makeHarness();
    renderWith(h, <QueuePage />);
    fireEvent.click(await screen.findByRole("button", { name: "Sync All" }));
    await waitFor(() => expect(uiCalls(h).some((c) => c.kind === "task")).toBe(true));
    expect(uiCalls(h).find((c) => c.kind === "task")?.args).toEqual({ name: "Sync All Scenes to Plex" });
    await waitFor(() => expect(h.toasts).toContainEqual({ kind: "success", message: "Sync All started" }));
    await screen.findByText(/Sync All: waiting to start/);
  });

  it("shows an empty tab plainly", async () => {
    const h = makeHarness();
    h.plugin.overrides.set("queue.list", { total: 0, jobs: [], errorClasses: [] });
    renderWith(h, <QueuePage />);
    await screen.findByText("No scene is queued.");
    expect(screen.queryByRole("table")).toBeNull();
  });

  it("shows the plugin's error and the Node notice when node is missing", async () => {
    const failing = makeHarness();
    failing.plugin.failures.set("queue.summary", "journal is corrupt at line 3");
    renderWith(failing, <QueuePage />);
    expect((await screen.findAllByRole("alert"))[0]?.textContent).toContain("journal is corrupt at line 3");
    cleanup();

    const missing = makeHarness();
    missing.plugin.runtimeMissing = true;
    renderWith(missing, <QueuePage />);
    await screen.findByText("Stash2Plex needs Node.js 22.13 or newer");
  });

  it("warns on Stash older than v0.28", async () => {
    const h = makeHarness();
    h.stash.state.version = { ...h.stash.state.version, version: "v0.27.2" };
    renderWith(h, <QueuePage />);
    await screen.findByText(/Stash v0.27.2 is older than v0.28.0/);
  });
});
