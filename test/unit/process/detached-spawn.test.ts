import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { spawnDetached } from "../../../plugin/process/detached-spawn.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function until<T>(read: () => T | null, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== null) return value;
    if (Date.now() > end) throw new Error("the child did not answer in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("spawnDetached", () => {
  it("hands the input to a detached child on its stdin and returns its pid", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "s2p-spawn-"));
    dirs.push(dir);
    const out = path.join(dir, "seen.json");
    const script = path.join(dir, "child.cjs");
    // The child records what it got on stdin, its pid and its arguments.
    writeFileSync(
      script,
      `const fs = require("node:fs");
let text = "";
process.stdin.on("data", (c) => (text += c));
process.stdin.on("end", () => {
  const seen = { input: JSON.parse(text), pid: process.pid, argv: process.argv.slice(2) };
  fs.writeFileSync(${JSON.stringify(out)}, JSON.stringify(seen));
});
`,
    );
    const input = { server_connection: { Port: 9999 }, args: { mode: "reconcile_all", trigger: "schedule" } };
    const pid = await spawnDetached(script, input);
    expect(typeof pid).toBe("number");
    const seen = await until(() => {
      try {
        return JSON.parse(readFileSync(out, "utf8")) as { input: unknown; pid: number; argv: string[] };
      } catch {
        return null;
      }
    }, 10_000);
    expect(seen).toEqual({ input, pid, argv: [] });
  });
});
