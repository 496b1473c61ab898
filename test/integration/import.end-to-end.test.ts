import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { queueSummarySchema, sceneStatusSchema } from "../../plugin/ops/contracts.js";
import {
  FRIEND_PLAY,
  IMPORT_TASK,
  OWNER_PLAYS,
  out,
  plexWrites,
  rk,
  seedPlays,
  stashPlays,
  stashWrites,
} from "./import.helpers.js";
import { startWorld, type World } from "./world.js";

const readdirSafe = (dir: string) => (existsSync(dir) ? readdirSync(dir) : []);

let world: World | null = null;
afterEach(async () => {
  await world?.stop();
  world = null;
});

describe("Import Plays and Ratings from Plex (bundled script, fake Stash runner, fake Plex)", () => {
  it("3 plays of one item → play_count +3 with those times; again → +0; all accounts → the friend's too", async () => {
    world = await startWorld({ scenes: 3, settings: { import_plays: true } });
    const w = world;
    seedPlays(w);
    const first = await w.runner.runTask(IMPORT_TASK);
    expect(first.error, JSON.stringify(first.logs.slice(-5))).toBeNull();
    expect(stashPlays(w, "1")).toEqual(OWNER_PLAYS);
    expect(out(first).report).toMatchObject({ playsAdded: 3, playsSkipped: 0 });
    expect(out(first).lines.join("\n")).toContain("Plays: 3 added");
    expect(first.progress.at(-1)).toBe(1);

    const again = await w.runner.runTask(IMPORT_TASK);
    expect(again.error).toBeNull();
    expect(stashPlays(w, "1")).toEqual(OWNER_PLAYS);
    expect(out(again).report).toMatchObject({ playsAdded: 0, playsSkipped: 3 });
    expect(stashWrites(w)).toEqual(["Stash2PlexAddPlays"]);

    // What the UI shows: both sides on the scene's Plex tab, the last import on the queue page.
    const status = sceneStatusSchema.parse(await w.runner.operation({ op: "scene.status", sceneId: "1" }));
    expect(status.activity).toEqual({
      plex: { viewCount: 3, lastViewedAt: OWNER_PLAYS[2]! * 1000, resumeSeconds: null },
      stash: { playCount: 3, lastPlayedAt: OWNER_PLAYS[2]! * 1000, resumeSeconds: null },
    });
    const summary = queueSummarySchema.parse(await w.runner.operation({ op: "queue.summary" }));
    expect(summary.lastImport).toMatchObject({ playsAdded: 0, playsSkipped: 3, playsUnmatched: 0 });
    const status2 = await w.runner.runTask("View Queue Status");
    const lines = (status2.output as { lines: string[] }).lines;
    expect(lines).toContain("=== Import from Plex ===");
    expect(lines.find((l) => l.startsWith("Last run "))).toMatch(
      /: 0 plays added, 3 skipped, 0 unmatched; 0 resume points, 0 ratings$/,
    );

    w.settings({ import_all_accounts: true });
    await w.runner.runTask(IMPORT_TASK);
    expect(stashPlays(w, "1")).toEqual([...OWNER_PLAYS, FRIEND_PLAY]);
    expect(plexWrites(w)).toEqual([]);
  });

  it("runs after a scheduled reconcile when an import setting is on, reusing the reconcile's library sweep", async () => {
    world = await startWorld({ scenes: 2, settings: { import_plays: true } });
    const w = world;
    seedPlays(w);
    const result = await w.runner.runTask("Reconcile Library (All)", { trigger: "schedule" });
    expect(result.error, JSON.stringify(result.logs.slice(-5))).toBeNull();
    expect(stashPlays(w, "1")).toEqual(OWNER_PLAYS);
    expect((result.output as { lines: string[] }).lines.join("\n")).toContain("Plays: 3 added");
    // The import read the history but swept no library of its own.
    const paths = w.plex.requests.map((r) => r.path);
    const firstHistory = paths.indexOf("/status/sessions/history/all");
    expect(firstHistory).toBeGreaterThan(0);
    expect(paths.slice(firstHistory).filter((p) => p.endsWith("/all") && p.startsWith("/library"))).toEqual(
      [],
    );
  });

  it("plays of items that hold no scene are counted as unmatched, never guessed", async () => {
    world = await startWorld({ scenes: 2, settings: { import_plays: true } });
    const w = world;
    w.plex.addItem({ ratingKey: "7777", file: "/data/videos/not-in-stash.mp4" });
    const { addPlay } = await import("../fakes/plex/index.js");
    addPlay(w.plex.state, { ratingKey: "7777", viewedAt: 1_717_243_200 });
    const result = await w.runner.runTask(IMPORT_TASK);
    expect(out(result).report).toMatchObject({ playsAdded: 0, playsUnmatched: 1 });
    expect(stashWrites(w)).toEqual([]);
  });

  for (const phase of ["before", "after"] as const) {
    it(`SIGKILL while Stash ${phase === "after" ? "has applied" : "has not yet applied"} the plays → the next run ends at exactly +3`, async () => {
      world = await startWorld({ scenes: 2, settings: { import_plays: true } });
      const w = world;
      seedPlays(w);
      let killed = false;
      w.stash.intercept(async (operation, at) => {
        if (killed || operation !== "Stash2PlexAddPlays" || at !== phase) return;
        killed = true;
        w.runner.killAll();
        await new Promise((r) => setTimeout(r, 300));
        if (phase === "before") throw new Error("the plugin is gone");
      });
      const cut = await w.runner.runTask(IMPORT_TASK);
      expect(killed).toBe(true);
      expect(cut.signal).toBe("SIGKILL");
      expect(stashPlays(w, "1")).toEqual(phase === "after" ? OWNER_PLAYS : []);
      w.stash.intercept(null);

      const rerun = await w.runner.runTask(IMPORT_TASK);
      expect(rerun.error, JSON.stringify(rerun.logs.slice(-5))).toBeNull();
      expect(stashPlays(w, "1")).toEqual(OWNER_PLAYS);
      const report = out(rerun).report;
      if (phase === "after") expect(report).toMatchObject({ playsRecovered: 3, playsAdded: 0 });
      else expect(report?.playsAdded).toBe(3);
      await w.runner.runTask(IMPORT_TASK);
      expect(stashPlays(w, "1")).toEqual(OWNER_PLAYS);
    });
  }

  it("resume point and rating imported once, and the rating's hook never reaches the queue or Plex", async () => {
    world = await startWorld({
      scenes: 2,
      settings: { import_resume: true, import_ratings: true, sync_rating: true },
    });
    const w = world;
    w.stash.state.updateScene("1", { rating100: null });
    w.stash.state.updateScene("2", { rating100: 40 });
    w.plex.setItem(rk("1"), (item) => {
      item.values.userRating = "8";
      item.viewOffset = 61_500;
      item.lastViewedAt = 1_717_243_200;
    });
    // Scene 2 has a Stash rating that sync_rating writes to Plex: Plex's differing value is not imported.
    w.plex.setItem(rk("2"), (item) => {
      item.values.userRating = "6";
    });
    const result = await w.runner.runTask(IMPORT_TASK);
    expect(result.error, JSON.stringify(result.logs.slice(-5))).toBeNull();
    const scene1 = w.stash.state.scenes.get("1");
    expect(scene1).toMatchObject({ rating100: 80, resumeTime: 61.5 });
    expect(w.stash.state.scenes.get("2")?.rating100).toBe(40);
    expect(out(result).report).toMatchObject({ resumeUpdated: 1, ratingsUpdated: 1, ratingsKept: 1 });

    // Stash fired Scene.Update.Post for our rating write; the hook recorded nothing and started no worker.
    const hooks = w.runner.hookRuns.filter((h) => h.trigger === "Scene.Update.Post");
    expect(hooks).toHaveLength(1);
    expect(hooks[0]?.result?.error).toBeNull();
    const summary = (await w.runner.operation({ op: "queue.summary" })) as { counts: Record<string, number> };
    expect(summary.counts).toMatchObject({ pending: 0, retrying: 0, running: 0 });
    // No event reached the inbox, so no background worker was ever started.
    expect(existsSync(path.join(w.dataDir, "logs", "drainer.log"))).toBe(false);
    expect(readdirSafe(path.join(w.dataDir, "inbox"))).toEqual([]);
    const plexRequests = w.plex.requests.length;
    await new Promise((r) => setTimeout(r, 1500));
    expect(plexWrites(w)).toEqual([]);
    expect(w.plex.requests.length).toBe(plexRequests);

    const writesBefore = stashWrites(w).length;
    await w.runner.runTask(IMPORT_TASK);
    expect(stashWrites(w).length).toBe(writesBefore);
  });

  it("every import setting off → zero Stash writes", async () => {
    world = await startWorld({ scenes: 2 });
    const w = world;
    seedPlays(w);
    w.plex.setItem(rk("1"), (item) => {
      item.values.userRating = "8";
      item.viewOffset = 61_500;
    });
    const result = await w.runner.runTask(IMPORT_TASK);
    expect(result.error).toBeNull();
    expect(out(result).outcome).toBe("off");
    expect(out(result).lines[0]).toContain("Nothing to import");
    expect(stashWrites(w)).toEqual([]);
    expect(stashPlays(w, "1")).toEqual([]);
    expect(w.plex.requests.filter((r) => r.path.startsWith("/status"))).toEqual([]);
  });

  it("group collections: each Stash group becomes a Plex collection; the user's own stays", async () => {
    world = await startWorld({ scenes: 1, settings: { sync_group_collections: true } });
    const w = world;
    const group = w.stash.state.groupNamed("Series One");
    w.stash.state.updateScene("1", { groupIds: [group.id] });
    w.plex.setItem(rk("1"), (item) => {
      item.tags.collection = ["My Favourites"];
    });
    const synced = await w.runner.runTask("Sync All Scenes to Plex");
    expect(synced.error, JSON.stringify(synced.logs.slice(-5))).toBeNull();
    const collections = w.plex.item(rk("1")).tags.collection;
    expect(collections).toContain("My Favourites");
    expect(collections).toContain("Series One");
  });
});
