import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorld, type World } from "../integration/world.js";

let world: World;
beforeAll(async () => {
  world = await startWorld({ scenes: 2, settings: { path_map: "/data/videos => /plex/videos" } });
});
afterAll(() => world.stop());

describe("UI operations accept only their schema (bundled script through the fake Stash)", () => {
  it.each([
    ["../../etc/passwd", "../../etc/passwd"],
    ["/data/videos/../../../etc/passwd", "/plex/videos/../../../etc/passwd"],
    ["file:///etc/shadow", "file:///etc/shadow"],
  ])("paths.preview %j only maps the string (→ %j), reads nothing", async (input, mapped) => {
    const result = await world.runner.run({ op: "paths.preview", path: input });
    expect(result.error).toBeNull();
    expect(result.output).toMatchObject({ mapped });
    expect(result.stdoutRaw).not.toMatch(/root:|daemon:/);
  });

  it.each([
    ["scene.status", { sceneId: "1 OR 1=1" }, /sceneId: must be a Stash scene id/],
    ["scene.status", { sceneId: "../../1" }, /sceneId: must be a Stash scene id/],
    ["scene.sync", { sceneId: 7 }, /sceneId/],
    ["queue.list", { state: "dead", page: 1, perPage: 100_000 }, /perPage/],
    ["queue.retry", { ids: ["1"], all: true }, /exactly one of ids, all or errorClass/],
    ["paths.preview", { path: { $ne: 1 } }, /path/],
  ])("%s %j is refused with a usage error and nothing queued", async (op, args, reason) => {
    const before = world.stash.requests.length;
    const result = await world.runner.run({ op, ...args });
    expect(result.exitCode).toBe(1);
    expect(result.error).toMatch(new RegExp(`Operation ${op.replace(".", "\\.")} got invalid arguments`));
    expect(result.error).toMatch(reason);
    expect(world.stash.requests.length).toBe(before);
  });
});
