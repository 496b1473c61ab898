// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/preact";
import { afterEach, describe, expect, it } from "vitest";
import { QueuePage } from "../../ui/components/QueuePage";
import { XSS_TITLE } from "../host/canned";
import { makeHarness, opCalls, renderWith } from "./helpers";

afterEach(cleanup);

describe("QueuePage", () => {
  it("shows loading, then breaker, health, drain progress, charts and the reconcile report", async () => {
    const h = makeHarness();
    h.backend.hold.add("queue.summary");
    renderWith(h, <QueuePage />);
    expect(screen.getByText(/Loading queue status/)).toBeTruthy();
    cleanup();

    const ready = makeHarness();
    renderWith(ready, <QueuePage />);
    await screen.findByText("Open (Plex down — jobs wait)");
    expect(screen.getByText(/3 pending · 2 retrying · 1 running · 4 failed/)).toBeTruthy();
    expect(screen.getByText(/Unreachable \(checked 20 s ago\)/)).toBeTruthy();
    expect(screen.getByText(/Working the queue: 12 of 30 done/)).toBeTruthy();
    expect(
      screen.getByRole("progressbar", { name: "Queue drain progress" }).getAttribute("aria-valuenow"),
    ).toBe("40");
    expect(screen.getByRole("img", { name: "2 Plex outages in this period" })).toBeTruthy();
    expect(document.querySelectorAll(".stash2plex-down")).toHaveLength(2);
    expect(screen.getByRole("img", { name: /synced, 8 failed/ })).toBeTruthy();
    expect(screen.getByText("3 missing in Plex")).toBeTruthy();
  });

  it("queues all reconcile gaps", async () => {
    const h = makeHarness();
    renderWith(h, <QueuePage />);
    fireEvent.click(await screen.findByRole("button", { name: "Queue all 12 gaps" }));
    await waitFor(() => expect(opCalls(h, "reconcile.queueGaps")).toHaveLength(1));
  });

  it("switches tabs, filters by error class and pages through jobs with their reasons", async () => {
    const h = makeHarness();
    renderWith(h, <QueuePage />);
    await screen.findByText("Scene 2");
    fireEvent.click(screen.getByRole("tab", { name: /Failed \(dead letters\) \(4\)/ }));
    await screen.findByText("2 items");
    expect(screen.getAllByText("HTTP 500 from Plex")).toHaveLength(3);
    fireEvent.change(screen.getByLabelText("Error class"), { target: { value: "PlexAmbiguousMatch" } });
    await waitFor(() => expect(screen.queryByText("HTTP 500 from Plex")).toBeNull());
    const last = opCalls(h, "queue.list").at(-1);
    expect(last?.args).toMatchObject({
      state: "dead",
      errorClass: "PlexAmbiguousMatch",
      page: 1,
      perPage: 25,
    });
  });

  it("asks before a bulk retry, does nothing on Cancel, and retries all on confirm", async () => {
    const h = makeHarness();
    renderWith(h, <QueuePage />);
    fireEvent.click(await screen.findByRole("tab", { name: /Retrying/ }));
    fireEvent.click(await screen.findByRole("button", { name: "Retry all" }));
    const dialog = screen.getByRole("alertdialog");
    expect(dialog.textContent).toContain("Retry all 2 job(s)?");
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(opCalls(h, "queue.retry")).toHaveLength(0);

    fireEvent.click(screen.getByRole("button", { name: "Retry all" }));
    fireEvent.click(within(screen.getByRole("alertdialog")).getByRole("button", { name: "Retry" }));
    await waitFor(() => expect(opCalls(h, "queue.retry")).toHaveLength(1));
    expect(opCalls(h, "queue.retry")[0]?.args).toEqual({ op: "queue.retry", all: true });
  });

  it("deletes only the selected jobs after confirmation", async () => {
    const h = makeHarness();
    renderWith(h, <QueuePage />);
    fireEvent.click(await screen.findByRole("checkbox", { name: "Select job pending-2" }));
    fireEvent.click(screen.getByRole("checkbox", { name: "Select job pending-3" }));
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
    await waitFor(() => expect(h.backend.calls.some((c) => c.kind === "task")).toBe(true));
    expect(h.backend.calls.find((c) => c.kind === "task")?.args).toEqual({ name: "Sync All Scenes to Plex" });
    await waitFor(() => expect(h.toasts).toContainEqual({ kind: "success", message: "Sync All started" }));
    await screen.findByText(/Sync All: ready/);
  });

  it("shows an empty tab plainly", async () => {
    const h = makeHarness();
    h.backend.overrides.set("queue.list", { total: 0, jobs: [], errorClasses: [] });
    renderWith(h, <QueuePage />);
    await screen.findByText("No pending jobs.");
    expect(screen.queryByRole("table")).toBeNull();
  });

  it("shows the plugin's error and the Node notice when node is missing", async () => {
    const failing = makeHarness();
    failing.backend.failures.set("queue.summary", "journal is corrupt at line 3");
    renderWith(failing, <QueuePage />);
    expect((await screen.findAllByRole("alert"))[0]?.textContent).toContain("journal is corrupt at line 3");
    cleanup();

    const missing = makeHarness();
    missing.backend.runtimeMissing = true;
    renderWith(missing, <QueuePage />);
    await screen.findByText("Stash2Plex needs Node.js 22.13 or newer");
  });

  it("warns on Stash older than v0.28", async () => {
    const h = makeHarness();
    h.backend.version = "v0.27.2";
    renderWith(h, <QueuePage />);
    await screen.findByText(/Stash v0.27.2 is older than v0.28.0/);
  });
});
