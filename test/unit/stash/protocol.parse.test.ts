import { describe, expect, it } from "vitest";
import { decodeStdout, parseStderrLine } from "../../fakes/stash/index.js";
import { defaultLevel, exitError, lineSplitter } from "../../fakes/stash/protocol.js";

describe("parseStderrLine", () => {
  it("reads the level prefix and trims the message", () => {
    expect(parseStderrLine("\x01w\x02  careful  ", "error")).toEqual({
      type: "log",
      level: "warning",
      message: "careful",
    });
    expect(parseStderrLine("\x01t\x02x", "error")).toEqual({ type: "log", level: "trace", message: "x" });
  });

  it("logs unprefixed lines at the errLog level, untrimmed; 'none' drops them; empty lines are skipped", () => {
    expect(parseStderrLine(" plain ", "error")).toEqual({ type: "log", level: "error", message: " plain " });
    expect(parseStderrLine("plain", defaultLevel("info"))).toEqual({
      type: "log",
      level: "info",
      message: "plain",
    });
    expect(parseStderrLine("plain", defaultLevel("none"))).toEqual({ type: "ignored" });
    expect(defaultLevel("loud")).toBe("error");
    expect(parseStderrLine("", "error")).toEqual({ type: "ignored" });
    expect(parseStderrLine("\x01z\x02odd", "info")).toEqual({
      type: "log",
      level: "info",
      message: "\x01z\x02odd",
    });
  });

  it("parses progress as a float clamped to 0..1, and logs a value that is not a number as an error", () => {
    expect(parseStderrLine("\x01p\x020.42", "error")).toEqual({ type: "progress", value: 0.42 });
    expect(parseStderrLine("\x01p\x02-3", "error")).toEqual({ type: "progress", value: 0 });
    expect(parseStderrLine("\x01p\x0242%", "error")).toEqual({
      type: "log",
      level: "error",
      message: "Error parsing progress value '42%'",
    });
  });
});

describe("decodeStdout", () => {
  it("takes output and error from one JSON object", () => {
    expect(decodeStdout('{"output":{"a":1}}')).toEqual({ output: { a: 1 }, error: null, violation: null });
    expect(decodeStdout('{"error":"bad"}')).toEqual({ output: null, error: "bad", violation: null });
  });

  it("uses the raw text as output when stdout is not a JSON object, and says why", () => {
    expect(decodeStdout("")).toMatchObject({ output: "", violation: expect.stringMatching(/empty/) });
    expect(decodeStdout("[1]")).toMatchObject({
      output: "[1]",
      violation: expect.stringMatching(/not an object/),
    });
    expect(decodeStdout('{"error":5}')).toMatchObject({ output: '{"error":5}', error: null });
  });
});

describe("exitError and lineSplitter", () => {
  it("words exits like Go", () => {
    expect([exitError(0, null), exitError(2, null), exitError(null, "SIGKILL")]).toEqual([
      null,
      "exit status 2",
      "signal: killed",
    ]);
  });

  it("splits chunks into lines, dropping a CR before LF and flushing the last line", () => {
    const lines: string[] = [];
    const splitter = lineSplitter((l) => lines.push(l));
    splitter.push("a\r\nb");
    splitter.push("c\n\nd");
    splitter.end();
    expect(lines).toEqual(["a", "bc", "", "d"]);
  });
});
