import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { REPO_ROOT, startWorld, type World } from "./world.js";

let world: World | null = null;
afterEach(async () => {
  await world?.stop();
  world = null;
});

const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string };

describe("the version the bundled plugin gives itself", () => {
  it("is package.json's, in every Plex request of a Health Check", async () => {
    world = await startWorld({ scenes: 1 });
    const result = await world.runner.runTask("Health Check");
    expect(result.error, JSON.stringify(result.logs)).toBeNull();
    const versions = new Set(world.plex.requests.map((r) => r.headers["x-plex-version"]));
    expect([...versions]).toEqual([pkg.version]);
  });
});
