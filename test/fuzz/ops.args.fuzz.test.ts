import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable, Writable } from "node:stream";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseTestKnobs } from "../../plugin/config/test-knobs.js";
import { systemClock } from "../../plugin/core/clock.js";
import { Redactor } from "../../plugin/log/redact.js";
import { createStderrLogger } from "../../plugin/log/stderr-logger.js";
import { OPERATIONS } from "../../plugin/ops/contract-args.js";
import { OPERATION_NAMES, type OperationName } from "../../plugin/ops/contracts.js";
import { OPERATION_HANDLERS } from "../../plugin/ops/registry.js";
import { pluginInputSchema } from "../../plugin/protocol/input.js";
import type { InvocationDeps } from "../../plugin/runtime/dispatch.js";
import { UsageError } from "../../plugin/runtime/errors.js";
import { connection, nastyString } from "./arbitraries.js";
import { closedPort } from "./bundled.js";

let root = "";
let port = 0;
beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), "s2p-fuzz-ops-"));
  port = await closedPort();
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function deps(): InvocationDeps {
  return {
    stdin: Readable.from([]),
    stdout: new Writable({ write: (_c, _e, cb) => cb() }),
    writeStderr: () => {},
    env: { STASH_PLUGIN_DATA: path.join(root, "data") },
    clock: systemClock,
    knobs: parseTestKnobs({}),
    scriptPath: "/nonexistent/stash2plex.mjs",
    logger: createStderrLogger({ write: () => {}, redactor: new Redactor() }),
  };
}

/** Runs one operation in-process; Stash is unreachable, so valid args end at the runtime with a StashError. */
async function invoke(op: OperationName, args: Record<string, unknown>): Promise<unknown> {
  const input = pluginInputSchema.parse({ server_connection: connection(port, root), args: { ...args, op } });
  try {
    await (await OPERATION_HANDLERS[op]())(input, deps());
    return null;
  } catch (error) {
    return error;
  }
}

const argValue = fc.oneof(
  nastyString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(nastyString, { maxLength: 3 }),
  fc.anything(),
  fc.constantFrom("1", "42", "../../etc/passwd", "file:///etc/passwd", "http://169.254.169.254/", "C:\\x"),
);
const argKeys = fc.constantFrom(
  "sceneId",
  "ratingKey",
  "path",
  "ids",
  "all",
  "errorClass",
  "state",
  "page",
  "perPage",
  "__proto__",
  "constructor",
);
const randomArgs = fc.dictionary(argKeys, argValue, { maxKeys: 4 });

describe("UI operation arguments", () => {
  it("args that break the contract are refused with a usage error naming the operation, before any I/O", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...OPERATION_NAMES), randomArgs, async (op, args) => {
        const valid = OPERATIONS[op].args.safeParse(args).success;
        const error = await invoke(op, args);
        if (!valid) {
          expect(error).toBeInstanceOf(UsageError);
          expect(String((error as Error).message)).toMatch(
            new RegExp(`^Operation ${op.replace(".", "\\.")} got invalid arguments — `),
          );
        } else {
          expect(error).not.toBeInstanceOf(UsageError);
        }
      }),
      { numRuns: 300 },
    );
    // Refused args never reach the runtime, so the data folder of an unreachable Stash is never created.
    expect(existsSync(path.join(root, "data", "store"))).toBe(false);
  });

  it.each([
    ["scene.status", { sceneId: "../../etc/passwd" }],
    ["scene.status", { sceneId: 12 }],
    ["scene.status", { sceneId: "1 OR 1=1" }],
    ["scene.sync", { sceneId: "" }],
    ["scene.pin", { sceneId: "1", ratingKey: "" }],
    ["queue.list", { state: "all", page: 1, perPage: 50 }],
    ["queue.list", { state: "dead", page: 1, perPage: 10_000 }],
    ["queue.retry", {}],
    ["queue.retry", { ids: ["a"], all: true }],
    ["queue.delete", { ids: [], all: true }],
    ["paths.preview", { path: ["/etc/passwd"] }],
    ["paths.preview", {}],
  ] as const)("%s %j → usage error", async (op, args) => {
    expect(await invoke(op, args)).toBeInstanceOf(UsageError);
  });
});
