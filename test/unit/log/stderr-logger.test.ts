import { describe, expect, it } from "vitest";
import { createPathObfuscator } from "../../../plugin/log/obfuscate.js";
import { createStderrLogger } from "../../../plugin/log/stderr-logger.js";

function capture() {
  const chunks: string[] = [];
  const logger = createStderrLogger({ write: (t) => chunks.push(t) });
  return { logger, text: () => chunks.join("") };
}

describe("stderr logger", () => {
  it("writes Stash's levelled lines with the component", () => {
    const { logger, text } = capture();
    logger.child("Queue").info("hello");
    logger.warn("careful");
    expect(text()).toBe("\x01i\x02[Stash2Plex Queue] hello\n\x01w\x02[Stash2Plex] careful\n");
  });

  it("shows debug lines at info level with a [DEBUG] prefix when debug logging is on", () => {
    const { logger, text } = capture();
    logger.debug("hidden");
    logger.setDebugVisible(true);
    logger.debug("shown");
    expect(text()).toBe("\x01d\x02[Stash2Plex] hidden\n\x01i\x02[Stash2Plex] [DEBUG] shown\n");
  });

  it("splits multi-line messages, strips control characters and bounds line length", () => {
    const { logger, text } = capture();
    logger.error(`a\nb\x07c\n\n${"x".repeat(100_000)}`);
    const lines = text().split("\n").filter(Boolean);
    expect(lines[0]).toBe("\x01e\x02[Stash2Plex] a");
    expect(lines[1]).toBe("\x01e\x02[Stash2Plex] bc");
    expect(lines[2]!.length).toBeLessThan(64 * 1024);
  });

  it("bounds a line in UTF-8 bytes (what Stash reads), never splitting a character", () => {
    for (const unit of ["漢", "😀", "é"]) {
      const { logger, text } = capture();
      logger.error(unit.repeat(40_000)); // 80–160 KB of UTF-8 in 40,000–80,000 UTF-16 units
      const line = text().split("\n")[0]!;
      expect(Buffer.byteLength(line)).toBeLessThan(64 * 1024);
      expect(line).not.toContain("\ufffd");
      expect(line.endsWith(`${unit}…`)).toBe(true);
    }
  });

  it("clamps progress to 0..1", () => {
    const { logger, text } = capture();
    logger.progress(2);
    logger.progress(Number.NaN);
    logger.progress(0.5);
    expect(text()).toBe("\x01p\x021.0000\n\x01p\x020.0000\n\x01p\x020.5000\n");
  });

  it("redacts secrets added by any logger of the tree", () => {
    const { logger, text } = capture();
    const child = logger.child("Plex");
    child.addSecret("SECRET-TOKEN-123");
    logger.info("url http://x/?X-Plex-Token=SECRET-TOKEN-123 and SECRET-TOKEN-123");
    expect(text()).not.toContain("SECRET-TOKEN-123");
  });
});

describe("path obfuscation", () => {
  it("is deterministic within a run, keeps extensions and separators", () => {
    const ob = createPathObfuscator(true);
    const a = ob("/media/Studio A/scene one.mp4");
    expect(a).toMatch(/^\/\w+\/\w+\/\w+\.mp4$/);
    expect(ob("/media/Studio A/scene one.mp4")).toBe(a);
    expect(ob("C:\\media\\x.mkv")).toMatch(/^\w+\\\w+\\\w+\.mkv$/);
    expect(a).not.toContain("Studio");
  });

  it("gives different segments different words", () => {
    const ob = createPathObfuscator(true);
    const words = new Set(Array.from({ length: 200 }, (_, i) => ob(`/seg${i}`)));
    expect(words.size).toBe(200);
  });

  it("returns the path unchanged when off", () => {
    expect(createPathObfuscator(false)("/a/b.mp4")).toBe("/a/b.mp4");
  });
});
