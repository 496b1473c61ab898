import { describe, expect, it } from "vitest";
import { parsePluginInput } from "../../../plugin/protocol/input.js";
import { serializeResult } from "../../../plugin/protocol/stdio.js";

const connection = { Scheme: "http", Host: "0.0.0.0", Port: 9999, PluginDir: "/p", Dir: "/c" };

describe("parsePluginInput", () => {
  it("accepts Stash's PascalCase input and lower-case variants", () => {
    const a = parsePluginInput(JSON.stringify({ server_connection: connection, args: { mode: "all" } }));
    expect(a.args.mode).toBe("all");
    const b = parsePluginInput(
      JSON.stringify({ server_connection: { pluginDir: "/p", port: "9999" }, args: {} }),
    );
    expect(b.server_connection.Port).toBe(9999);
    expect(b.server_connection.PluginDir).toBe("/p");
  });

  it("treats missing args as empty", () => {
    expect(parsePluginInput(JSON.stringify({ server_connection: connection })).args).toEqual({});
  });

  it("explains empty, non-JSON and wrongly shaped input", () => {
    expect(() => parsePluginInput("")).toThrow(/no input on stdin/);
    expect(() => parsePluginInput("{not json")).toThrow(/could not parse its input as JSON/);
    expect(() => parsePluginInput(JSON.stringify({ args: {} }))).toThrow(/server_connection/);
    expect(() =>
      parsePluginInput(JSON.stringify({ server_connection: connection, args: { hookContext: { id: "x" } } })),
    ).toThrow(/hookContext/);
  });
});

describe("one-line error results", () => {
  it("keeps control characters echoed from bad input out of the message", () => {
    const bad = "\u0004\n\u0003Q@\u0017\b";
    let message = "";
    try {
      parsePluginInput(bad);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/could not parse its input as JSON/);
    expect(message).not.toMatch(/[\u0000-\u001f]/);
  });

  it("serializes any error result on one line without control characters", () => {
    const text = serializeResult({ error: "first line\nsecond\r\n\u2028third\u0000" }, (t) => t);
    const parsed = JSON.parse(text) as { error: string };
    expect(parsed.error).toBe("first line second third ");
    expect(serializeResult({ output: "a\nb" }, (t) => t)).toBe(JSON.stringify({ output: "a\nb" }));
  });
});
