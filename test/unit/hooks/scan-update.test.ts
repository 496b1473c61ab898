import { describe, expect, it } from "vitest";
import { scanUpdateOf } from "../../../plugin/hooks/scan-update.js";
import { parsePluginInput } from "../../../plugin/protocol/input.js";

const connection = { Scheme: "http", Host: "localhost", Port: 9999, PluginDir: "/plugins/Stash2Plex" };
const doc = (hookContext: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ server_connection: connection, args: { hookContext, ...extra } });
const SCAN = { id: 12, type: "Scene.Update.Post", input: null };

describe("the launcher's scan-update recogniser (hooks/scan-update.ts)", () => {
  it("recognises exactly a well-formed scan update, in either key case", () => {
    expect(scanUpdateOf(doc(SCAN))).toEqual({ context: SCAN, pluginDir: "/plugins/Stash2Plex" });
    const lower = JSON.stringify({
      server_connection: { pluginDir: "/p", port: 80 },
      args: { hookContext: SCAN },
    });
    expect(scanUpdateOf(lower)).toEqual({ context: SCAN, pluginDir: "/p" });
  });

  it("leaves everything else to the core", () => {
    const others = [
      "not json",
      doc({ ...SCAN, input: {} }),
      doc({ ...SCAN, input: undefined }),
      doc({ ...SCAN, type: "Scene.Create.Post" }),
      doc({ ...SCAN, id: 0 }),
      doc({ ...SCAN, id: "12" }),
      doc({ ...SCAN, inputFields: ["rating100"] }),
      doc(SCAN, { mode: "Sync All" }),
      JSON.stringify({ server_connection: { ...connection, Port: 70000 }, args: { hookContext: SCAN } }),
      JSON.stringify({ server_connection: { ...connection, PluginDir: "" }, args: { hookContext: SCAN } }),
      JSON.stringify({
        server_connection: { ...connection, SessionCookie: "x" },
        args: { hookContext: SCAN },
      }),
      JSON.stringify({ args: { hookContext: SCAN } }),
    ];
    expect(others.map(scanUpdateOf)).toEqual(others.map(() => null));
  });

  it("what it accepts, the core's input schema accepts too, with the same hook context and plugin dir", () => {
    const text = doc(SCAN);
    const parsed = parsePluginInput(text);
    expect(scanUpdateOf(text)).toEqual({
      context: parsed.args.hookContext,
      pluginDir: parsed.server_connection.PluginDir,
    });
  });
});
