import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { TASKS } from "../../plugin/tasks/registry.js";
import { REPO_ROOT } from "./world.js";

describe("Stash2Plex.yml tasks", () => {
  it("every task mode in the manifest has a handler, and every handler a task", () => {
    const manifest = parse(readFileSync(path.join(REPO_ROOT, "Stash2Plex.yml"), "utf8")) as {
      tasks: Array<{ name: string; defaultArgs?: { mode?: string } }>;
    };
    const modes = manifest.tasks.map((t) => t.defaultArgs?.mode);
    expect(modes.every((m) => typeof m === "string")).toBe(true);
    expect([...modes].sort()).toEqual(Object.keys(TASKS).sort());
    expect(new Set(modes).size).toBe(modes.length);
  });
});
