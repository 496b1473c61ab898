import { describe, expect, it } from "vitest";
import { handleHook } from "../../../plugin/hooks/handle.js";
import { scanUpdateAnswer, scanUpdateOf } from "../../../plugin/hooks/scan-update.js";
import { createRecordingLogger } from "../../../plugin/log/recording-logger.js";
import { parsePluginInput } from "../../../plugin/protocol/input.js";

const connection = { Scheme: "http", Host: "localhost", Port: 9999, PluginDir: "/plugins/Stash2Plex" };
const doc = (hookContext: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ server_connection: connection, args: { hookContext, ...extra } });
const SCAN = { id: 12, type: "Scene.Update.Post", input: null };

describe("the launcher's scan-update answer (hooks/scan-update.ts)", () => {
  it("recognises exactly a well-formed scan update, in either key case", () => {
    expect(scanUpdateOf(doc(SCAN))).toEqual({ sceneId: 12, pluginDir: "/plugins/Stash2Plex" });
    const lower = JSON.stringify({
      server_connection: { pluginDir: "/p", port: 80 },
      args: { hookContext: SCAN },
    });
    expect(scanUpdateOf(lower)).toEqual({ sceneId: 12, pluginDir: "/p" });
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

  it("what it accepts, the core accepts too, and answers with the same output and debug line", async () => {
    for (const enabled of [true, false]) {
      const text = doc(SCAN);
      const update = scanUpdateOf(text);
      if (update === null) throw new Error("not recognised");
      const context = parsePluginInput(text).args.hookContext;
      if (!context) throw new Error("no hook context");
      const logger = createRecordingLogger();
      const output = await handleHook(context, {
        clock: { now: () => 0 },
        logger,
        enabled,
        recordEvent: () => Promise.reject(new Error("must not record")),
        ensureDrainer: () => Promise.reject(new Error("must not start a drainer")),
      });
      const answer = scanUpdateAnswer(update, enabled);
      expect(output).toBe(answer.output);
      expect(logger.lines).toEqual([{ level: "debug", component: "Hook", message: answer.debug }]);
    }
  });
});
