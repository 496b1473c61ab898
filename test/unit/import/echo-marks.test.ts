import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  ECHO_DIR,
  ECHO_TTL_MS,
  isImportEcho,
  pruneEchoMarks,
  readEchoMark,
  writeEchoMark,
} from "../../../plugin/import/echo-marks.js";

const hook = (inputFields: string[], rating100: unknown) => ({
  type: "Scene.Update.Post",
  id: 7,
  input: { id: "7", rating100 },
  inputFields,
});

describe("isImportEcho", () => {
  const mark = { rating100: 80, at: 1_000_000 };

  it("drops the hook of our own rating write: only rating100 changed, to the marked value, recently", () => {
    expect(isImportEcho(hook(["id", "rating100"], 80), mark, 1_000_500)).toBe(true);
  });

  it("keeps a user's edit: another value, another field, no mark, or an old mark", () => {
    expect(isImportEcho(hook(["id", "rating100"], 60), mark, 1_000_500)).toBe(false);
    expect(isImportEcho(hook(["id", "rating100", "title"], 80), mark, 1_000_500)).toBe(false);
    expect(isImportEcho(hook(["id", "rating100"], 80), null, 1_000_500)).toBe(false);
    expect(isImportEcho(hook(["id", "rating100"], 80), mark, 1_000_000 + ECHO_TTL_MS + 1)).toBe(false);
    expect(isImportEcho({ ...hook(["rating100"], 80), type: "Scene.Create.Post" }, mark, 1_000_500)).toBe(
      false,
    );
  });
});

describe("echo mark files", () => {
  it("are written and read back; marks whose hook never came are pruned, fresh ones kept", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "s2p-echo-"));
    try {
      writeEchoMark(dir, "7", { rating100: 80, at: 1_000 });
      writeEchoMark(dir, "8", { rating100: 60, at: 1_000 + ECHO_TTL_MS });
      expect(readEchoMark(dir, "7")).toEqual({ rating100: 80, at: 1_000 });
      expect(pruneEchoMarks(dir, 2_000 + ECHO_TTL_MS)).toBe(1);
      expect(readdirSync(path.join(dir, ECHO_DIR))).toEqual(["8.json"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
