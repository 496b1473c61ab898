import { afterEach, describe, expect, it } from "vitest";
import { eventually, PLEX_TOKEN, startWorld, type World } from "./world.js";

let world: World | null = null;
afterEach(async () => {
  await world?.stop();
  world = null;
});

describe("bundled plugin, end to end through the fake Stash runner", () => {
  it("Process Queue after Sync All writes every scene's metadata to its Plex item", async () => {
    world = await startWorld({ scenes: 5 });
    const scene = world.stash.state.scenes.get("1")!;
    const result = await world.runner.runTask("Process Queue");
    expect(result.error, JSON.stringify(result.logs)).toBeNull();
    // nothing queued yet: process queue is a no-op
    expect(result.exitCode).toBe(0);
    const hook = await world.runner.run({
      hookContext: {
        id: 1,
        type: "Scene.Update.Post",
        input: { id: "1", title: "New title" },
        inputFields: ["id", "title"],
      },
    });
    expect(hook.output).toBe("ok");
    world.stash.state.updateScene("1", { title: "New title" });
    const item = await eventually(
      () => {
        const it = world!.plex.item(String(1000 + Number(scene.id)));
        return it.values.title === "New title" ? it : null;
      },
      20_000,
      "Plex title to change",
    );
    expect(item?.values.title).toBe("New title");
    expect(world.plex.tokenLeaks()).toEqual([]);
    expect(world.dataFilesText()).not.toContain(PLEX_TOKEN);
  });
});
