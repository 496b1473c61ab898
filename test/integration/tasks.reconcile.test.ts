import { afterEach, describe, expect, it } from "vitest";
import { reconcileReportSchema } from "../../plugin/ops/contracts.js";
import { eventually, startWorld, type World } from "./world.js";

let world: World | null = null;
afterEach(async () => {
  await world?.stop();
  world = null;
});

const rk = (sceneId: string) => String(1000 + Number(sceneId));
type Out = { report: Record<string, unknown>; lines: string[]; processed: number; plexDown: boolean };
const out = (r: { output: unknown }) => r.output as Out;

function fileOf(w: World, sceneId: string) {
  const scene = w.stash.state.scenes.get(sceneId)!;
  return w.stash.state.files.get(scene.fileIds[0]!)!;
}

describe("Reconcile tasks through the fake Stash runner", () => {
  it("finds every kind of disagreement between Stash and Plex, queues the gaps and the fixes land", async () => {
    world = await startWorld({
      scenes: 8,
      inPlex: (id) => id !== "2",
      settings: { trigger_plex_scan: true },
    });
    const w = world;
    // Plex has not scanned scene 2's file yet.
    w.plex.addPendingFile({ file: fileOf(w, "2").path, size: fileOf(w, "2").size });
    const synced = await w.runner.runTask("Sync All Scenes to Plex");
    expect(synced.error).toBeNull();
    const title1 = w.plex.item(rk("1")).values.title;
    // 1: someone emptied the item in Plex (no hook fires for that).
    w.plex.setItem(rk("1"), (item) => {
      for (const f of ["summary", "studio", "originallyAvailableAt", "year"] as const) delete item.values[f];
      item.tags.genre = [];
      item.tags.actor = [];
    });
    // 3: two Plex items hold a file of that name and size, in other folders: ambiguous.
    const f3 = fileOf(w, "3");
    w.plex.removeItem(rk("3"));
    w.plex.addItem({ ratingKey: "5003", file: `/mnt/a/${f3.basename}`, size: f3.size });
    w.plex.addItem({ ratingKey: "5004", file: `/mnt/b/${f3.basename}`, size: f3.size });
    // 5: edited in Stash without any hook.
    w.stash.state.updateScene("5", { title: "Changed quietly", details: "New details, no hook" });
    // 7: lost its metadata in Stash (back to "just a file"): reported, not pushed.
    w.stash.state.updateScene("7", {
      studioId: null,
      performerIds: [],
      tagIds: [],
      details: null,
      date: null,
    });

    const result = await w.runner.runTask("Reconcile Library (All)");
    expect(result.error, JSON.stringify(result.logs.slice(-8))).toBeNull();
    const report = out(result).report;
    expect(report).toMatchObject({ scope: "all", trigger: "manual", scenesChecked: 8, queued: true });
    expect(report.emptyMetadata).toBe(1);
    expect(report.missing).toBe(1);
    expect(report.ambiguous).toBe(1);
    expect(report.stale).toBe(1);
    expect(report.noMetadata).toBe(1);
    expect(report.foldersScanned).toBe(1);
    const lines = out(result).lines.join("\n");
    expect(lines).toContain("No Stash metadata yet: 1");
    expect(lines).toMatch(/Queued 4 scene\(s\)/);
    expect(lines).toContain("Draining the queue now");
    for (const line of out(result).lines) expect(line.length).toBeLessThan(200);
    expect(result.progress.some((p) => p > 0 && p < 0.5)).toBe(true);
    expect(result.progress.at(-1)).toBe(1);

    // The report is in the store, in the shape the UI parses, with its gaps.
    const summary = await w.runner.operation({ op: "queue.summary" });
    const last = reconcileReportSchema.parse((summary as { lastReconcile: unknown }).lastReconcile);
    expect(last).toMatchObject({ scenesChecked: 8, missing: 1, stale: 1, emptyMetadata: 1, queued: true });

    // Fixes: 1 refilled, 2 scanned into Plex and synced, 5 updated, 3 dead-lettered with its candidates.
    const scene1 = w.stash.state.scenes.get("1")!;
    expect(w.plex.item(rk("1")).values.title).toBe(title1);
    expect(w.plex.item(rk("1")).values.summary).toBe(scene1.details ?? undefined);
    const item2 = [...w.plex.state.items.values()].find((i) =>
      i.parts.some((p) => p.file === fileOf(w, "2").path),
    );
    expect(item2?.values.title).toBe(w.stash.state.scenes.get("2")!.title);
    expect(w.plex.item(rk("5")).values.title).toBe("Changed quietly");
    const status3 = (await w.runner.operation({ op: "scene.status", sceneId: "3" })) as {
      match: { state: string; candidates: Array<{ ratingKey: string }> };
    };
    expect(status3.match.state).toBe("ambiguous");
    expect(status3.match.candidates.map((c) => c.ratingKey).sort()).toEqual(["5003", "5004"]);
    const dead = (await w.runner.operation({ op: "queue.summary" })) as { counts: { dead: number } };
    expect(dead.counts.dead).toBe(1);
    // Neither candidate was written (a sync locks the fields it sets).
    expect([...w.plex.item("5003").locks, ...w.plex.item("5004").locks]).toEqual([]);

    // A second reconcile finds only what needs a person (the ambiguous pair) and the bare scene.
    const again = out(await w.runner.runTask("Reconcile Library (All)")).report;
    expect(again).toMatchObject({
      emptyMetadata: 0,
      stale: 0,
      missing: 0,
      unsynced: 0,
      ambiguous: 1,
      noMetadata: 1,
    });
    expect(w.plex.tokenLeaks()).toEqual([]);
  });

  it("right after Sync All, a reconcile finds no gaps in the scenes just synced", async () => {
    world = await startWorld({ scenes: 122 });
    const w = world;
    const synced = await w.runner.runTask("Sync All Scenes to Plex");
    expect(synced.error).toBeNull();
    const result = await w.runner.runTask("Reconcile Library (All)");
    expect(result.error, JSON.stringify(result.logs.slice(-8))).toBeNull();
    const report = out(result).report;
    expect(report).toMatchObject({
      scenesChecked: 122,
      emptyMetadata: 0,
      stale: 0,
      unsynced: 0,
      missing: 0,
      ambiguous: 0,
      queuedCount: 0,
    });
  });

  it("Missing Metadata Only queues only empty items; reconcile_missing=false hides scenes Plex lacks", async () => {
    world = await startWorld({
      scenes: 5,
      inPlex: (id) => id !== "4",
      settings: { reconcile_missing: false },
    });
    const w = world;
    await w.runner.runTask("Sync All Scenes to Plex");
    w.plex.setItem(rk("2"), (item) => {
      for (const f of ["summary", "studio", "originallyAvailableAt", "year"] as const) delete item.values[f];
      item.tags.genre = [];
      item.tags.actor = [];
    });
    w.stash.state.updateScene("3", { details: "edited quietly" });
    const only = out(await w.runner.runTask("Reconcile Missing Metadata Only"));
    expect(only.report).toMatchObject({
      scope: "missing_metadata",
      emptyMetadata: 1,
      stale: 0,
      missing: 0,
      queuedCount: 1,
    });
    expect(w.plex.item(rk("2")).values.summary).toBe(w.stash.state.scenes.get("2")!.details ?? undefined);
    const all = out(await w.runner.runTask("Reconcile Library (All)"));
    expect(all.report).toMatchObject({ missing: 0, missingIgnored: 1, stale: 1, emptyMetadata: 0 });
    expect(all.lines.join("\n")).toContain("reconcile_missing is off");
  });

  it("Recent and Last 7 Days select by date added; an empty library reports zero", async () => {
    world = await startWorld({ scenes: 4 });
    const w = world;
    const old = new Date(Date.now() - 3 * 86_400_000).toISOString().replace(/\.\d+Z$/, "Z");
    const ancient = new Date(Date.now() - 30 * 86_400_000).toISOString().replace(/\.\d+Z$/, "Z");
    w.stash.state.scenes.get("1")!.createdAt = old;
    w.stash.state.scenes.get("2")!.createdAt = ancient;
    const recent = out(await w.runner.runTask("Reconcile Library (Recent)"));
    // Fresh Plex items carry no metadata: never-synced scenes show up as empty-metadata gaps.
    expect(recent.report).toMatchObject({ scope: "24h", scenesChecked: 2, emptyMetadata: 2 });
    const week = out(await w.runner.runTask("Reconcile Library (Last 7 Days)"));
    expect(week.report).toMatchObject({ scope: "7days", scenesChecked: 3, emptyMetadata: 1 });
    await world.stop();
    world = await startWorld({ scenes: 0 });
    const empty = await world.runner.runTask("Reconcile Library (All)");
    expect(empty.error).toBeNull();
    expect(out(empty).report).toMatchObject({ scenesChecked: 0, queued: false });
    expect(out(empty).lines.join("\n")).toContain("Nothing to queue");
    expect(empty.progress.at(-1)).toBe(1);
  });

  it("with Plex down the run stops with a clear error and queues nothing", async () => {
    world = await startWorld({ scenes: 3 });
    await world.plex.down();
    const result = await world.runner.runTask("Reconcile Library (All)");
    expect(result.error).toMatch(/Plex|reach|refused/i);
    const summary = (await world.runner.operation({ op: "queue.summary" })) as {
      counts: Record<string, number>;
      lastReconcile: unknown;
    };
    expect(summary.counts.pending).toBe(0);
    expect(summary.lastReconcile).toBeNull();
  });

  it('reason "reconcile" refills an item emptied in Plex although Stash did not change (queue all gaps)', async () => {
    world = await startWorld({ scenes: 2 });
    const w = world;
    await w.runner.runTask("Sync All Scenes to Plex");
    const empty = () =>
      w.plex.setItem(rk("1"), (item) => {
        for (const f of ["summary", "studio", "originallyAvailableAt", "year"] as const)
          delete item.values[f];
        item.tags.genre = [];
        item.tags.actor = [];
      });
    empty();
    const first = out(await w.runner.runTask("Reconcile Library (All)"));
    expect(first.report).toMatchObject({ emptyMetadata: 1, queuedCount: 1 });
    const studio = w.plex.item(rk("1")).values.studio;
    expect(studio).toBeTruthy();
    // Emptied again: the desired hash is still the one last written, and the op's job must not be skipped.
    empty();
    const ack = (await w.runner.operation({ op: "reconcile.queueGaps" })) as { affected: number };
    expect(ack.affected).toBe(1);
    await w.runner.runTask("Process Queue");
    await eventually(() => w.plex.item(rk("1")).values.studio === studio, 20_000, "the item to be refilled");
  });

  it('"queue all gaps" re-queues the last report\'s gaps with reason reconcile', async () => {
    world = await startWorld({ scenes: 3, inPlex: (id) => id !== "3" });
    const none = (await world.runner.operation({ op: "reconcile.queueGaps" })) as { accepted: boolean };
    expect(none.accepted).toBe(false);
    await world.runner.runTask("Reconcile Library (All)");
    const ack = (await world.runner.operation({ op: "reconcile.queueGaps" })) as {
      accepted: boolean;
      affected: number;
    };
    expect(ack).toMatchObject({ accepted: true, affected: 3 });
    await eventually(async () => {
      const s = (await world!.runner.operation({ op: "scene.status", sceneId: "3" })) as { job: unknown };
      return s.job !== null;
    });
  });
});
