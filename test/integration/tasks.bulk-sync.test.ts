import { afterEach, describe, expect, it } from "vitest";
import { PLEX_TOKEN, startWorld, type World } from "./world.js";

let world: World | null = null;
afterEach(async () => {
  await world?.stop();
  world = null;
});

const ratingKeyOf = (sceneId: string) => String(1000 + Number(sceneId));

function output(result: { output: unknown }): Record<string, unknown> {
  return result.output as Record<string, unknown>;
}

describe("Sync All / Sync Recent through the fake Stash runner", () => {
  it("Sync All queues every scene, drains, writes Plex, reports progress; a second run queues nothing", async () => {
    world = await startWorld({ scenes: 12 });
    const first = await world.runner.runTask("Sync All Scenes to Plex");
    expect(first.error, JSON.stringify(first.logs.slice(-10))).toBeNull();
    const out = output(first);
    expect(out).toMatchObject({ checked: 12, queued: 12, unchanged: 0, processed: 12 });
    for (const scene of world.stash.state.scenes.values()) {
      expect(world.plex.item(ratingKeyOf(scene.id)).values.title).toBe(scene.title);
    }
    expect(first.progress.length).toBeGreaterThan(2);
    expect(first.progress.some((p) => p > 0 && p <= 0.4)).toBe(true);
    expect(first.progress.at(-1)).toBe(1);
    expect([...first.progress].every((p, i, all) => i === 0 || p >= (all[i - 1] ?? 0))).toBe(true);

    const requestsBefore = world.plex.requests.length;
    const second = await world.runner.runTask("Sync All Scenes to Plex");
    expect(output(second)).toMatchObject({ checked: 12, queued: 0, unchanged: 12, processed: 0 });
    // An idle re-sync asks Plex nothing at all (not even the health probe: there is nothing to drain).
    expect(world.plex.requests.slice(requestsBefore).map((r) => `${r.method} ${r.path}`)).toEqual([]);
    expect(world.plex.tokenLeaks()).toEqual([]);
    expect(world.dataFilesText()).not.toContain(PLEX_TOKEN);
  });

  it("a scene edited after its last sync is re-synced by Sync All even though it synced minutes ago", async () => {
    world = await startWorld({ scenes: 4 });
    await world.runner.runTask("Sync All Scenes to Plex");
    // Edited without any hook (e.g. another tool): only the desired-state hash can tell.
    world.stash.state.updateScene("3", { details: "Rewritten details" });
    const again = await world.runner.runTask("Sync All Scenes to Plex");
    expect(output(again)).toMatchObject({ queued: 1, unchanged: 3, processed: 1 });
    expect(world.plex.item(ratingKeyOf("3")).values.summary).toBe("Rewritten details");
  });

  it("Sync Recent only looks at scenes updated in the last 24 hours", async () => {
    world = await startWorld({ scenes: 6 });
    const old = new Date(Date.now() - 3 * 86_400_000).toISOString().replace(/\.\d+Z$/, "Z");
    for (const id of ["1", "2", "3", "4"]) world.stash.state.scenes.get(id)!.updatedAt = old;
    const result = await world.runner.runTask("Sync Recent Scenes to Plex");
    expect(result.error).toBeNull();
    expect(output(result)).toMatchObject({ checked: 2, queued: 2, processed: 2 });
    expect(world.plex.item(ratingKeyOf("5")).values.title).toBe(world.stash.state.scenes.get("5")!.title);
    expect(world.plex.item(ratingKeyOf("1")).values.title).not.toBe(world.stash.state.scenes.get("1")!.title);
  });

  it("on an empty library both tasks finish at once with progress 1", async () => {
    world = await startWorld({ scenes: 0 });
    for (const name of ["Sync All Scenes to Plex", "Sync Recent Scenes to Plex"]) {
      const result = await world.runner.runTask(name);
      expect(result.error).toBeNull();
      expect(output(result)).toMatchObject({ checked: 0, queued: 0, processed: 0 });
      expect(result.progress.at(-1)).toBe(1);
    }
  });

  it("with Plex down the scenes stay queued (nothing lost) and the task says so", async () => {
    world = await startWorld({ scenes: 3 });
    await world.plex.down();
    const result = await world.runner.runTask("Sync All Scenes to Plex");
    expect(result.error, JSON.stringify(result.logs.slice(-5))).toBeNull();
    expect(output(result)).toMatchObject({ queued: 3, processed: 0, plexDown: true });
    expect(JSON.stringify(output(result).lines)).toContain("Plex is unreachable");
    expect(result.progress.at(-1)).toBe(1);
    const status = await world.runner.run({ op: "queue.summary" });
    const counts = (status.output as { counts: Record<string, number> }).counts;
    expect((counts.pending ?? 0) + (counts.retrying ?? 0) + (counts.running ?? 0)).toBe(3);
  });
});
