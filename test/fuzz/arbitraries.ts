/**
 * fast-check generators for what crosses the plugin's boundaries: stdin documents (valid, mutated, random) and
 * hook contexts of every shape Stash sends (reference/stash-platform.md §3).
 */
import fc from "fast-check";
import { BULK_SCENE_UPDATE_INPUT_KEYS, SCENE_UPDATE_INPUT_KEYS } from "../fakes/stash/hook-input.js";

export const COOKIE_SECRET = "fuzz-session-cookie-7f3a9c21e5";

/** Strings users and scrapers produce, plus the hostile ones: control/zero-width chars, path tricks, huge. */
export const nastyString = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "\u200b\u200d\ufeff",
    "../../etc/passwd",
    "C:\\Windows\\system32",
    "\\\\server\\share\\x.mp4",
    "__proto__",
    "constructor",
    "%00",
    "\ud800",
    "😀".repeat(50),
  ),
);

const sceneId = fc.oneof(fc.integer({ min: 1, max: 1e6 }).map(String), nastyString);
const hookId = fc.oneof(
  fc.integer({ min: 1, max: 1e6 }),
  fc.constantFrom(0, -1, 1.5, Number.MAX_SAFE_INTEGER, "12", "x", null),
);

function sceneUpdateInput(sent: readonly string[], values: Record<string, unknown>) {
  const input: Record<string, unknown> = {};
  for (const key of SCENE_UPDATE_INPUT_KEYS) input[key] = sent.includes(key) ? (values[key] ?? "v") : null;
  return input;
}

const fieldValues = fc.dictionary(
  fc.constantFrom(...SCENE_UPDATE_INPUT_KEYS),
  fc.oneof(nastyString, fc.array(sceneId, { maxLength: 5 }), fc.integer(), fc.boolean(), fc.constant(null)),
);
const sentKeys = fc.subarray([...SCENE_UPDATE_INPUT_KEYS]);

/** `sceneUpdate` / identify: the whole SceneUpdateInput with nulls, inputFields = keys sent. */
const sceneUpdate = fc
  .record({ id: hookId, sent: sentKeys, values: fieldValues })
  .map(({ id, sent, values }) => ({
    id,
    type: "Scene.Update.Post",
    input: sceneUpdateInput(["id", ...sent], values),
    inputFields: ["id", ...sent],
  }));

/** `scenesUpdate`: the whole input array in every hook call. */
const scenesUpdate = fc
  .record({
    id: hookId,
    rows: fc.array(fc.record({ sent: sentKeys, values: fieldValues }), { maxLength: 4 }),
  })
  .map(({ id, rows }) => ({
    id,
    type: "Scene.Update.Post",
    input: rows.map((r) => sceneUpdateInput(["id", ...r.sent], r.values)),
    inputFields: ["id", ...(rows[0]?.sent ?? [])],
  }));

const bulkUpdate = fc
  .record({ id: hookId, sent: fc.subarray([...BULK_SCENE_UPDATE_INPUT_KEYS]), ids: fc.array(sceneId) })
  .map(({ id, sent, ids }) => {
    const input: Record<string, unknown> = {};
    for (const key of BULK_SCENE_UPDATE_INPUT_KEYS) input[key] = null;
    input.ids = ids;
    for (const key of sent) if (key !== "ids") input[key] = { mode: "ADD", ids: ["1"] };
    return { id, type: "Scene.Update.Post", input, inputFields: ["ids", ...sent] };
  });

const destroyPayload = fc.record({
  id: hookId,
  delete_file: fc.boolean(),
  delete_generated: fc.boolean(),
  checksum: nastyString,
  oshash: nastyString,
  path: nastyString,
});

const destroy = fc.oneof(
  destroyPayload.map(({ id, ...input }) => ({
    id,
    type: "Scene.Destroy.Post",
    input: { id: String(id), ...input },
  })),
  destroyPayload.map(({ id, ...input }) => ({
    id,
    type: "Scene.Destroy.Post",
    input: { ids: [String(id)], ...input },
  })),
  destroyPayload.map(({ id, checksum, oshash, path }) => ({
    id,
    type: "Scene.Destroy.Post",
    input: { checksum, oshash, path, delete_file: false, delete_generated: false },
  })),
);

/** Scan-originated create/update (input null, no inputFields) and other object types. */
const scanOrOther = fc.record({
  id: hookId,
  type: fc.oneof(
    fc.constantFrom(
      "Scene.Create.Post",
      "Scene.Update.Post",
      "Tag.Merge.Post",
      "Scene.Merge.Post",
      "Image.Update.Post",
    ),
    nastyString,
  ),
  input: fc.oneof(fc.constant(null), fc.constant({}), fc.anything()),
});

export const hookContext = fc.oneof(sceneUpdate, scenesUpdate, bulkUpdate, destroy, scanOrOther);

export function connection(port: number, pluginDir: string) {
  return {
    Scheme: "http",
    Host: "127.0.0.1",
    Port: port,
    SessionCookie: { Name: "session", Value: COOKIE_SECRET, Quoted: false, Path: "", Domain: "" },
    Dir: pluginDir,
    PluginDir: pluginDir,
  };
}

const knownOps = [
  "scene.status",
  "scene.sync",
  "scene.pin",
  "queue.list",
  "queue.retry",
  "queue.delete",
  "queue.clear",
  "paths.preview",
  "plex.test",
];
const knownModes = [
  "all",
  "recent",
  "process_queue",
  "health_check",
  "queue_status",
  "clear_queue",
  "reconcile_all",
  "__drainer",
];

/** args of every routing kind: hooks, tasks, operations, nothing, and junk. */
export const pluginArgs = fc.oneof(
  hookContext.map((hookContext) => ({ hookContext })),
  fc.record({ mode: fc.oneof(fc.constantFrom(...knownModes), nastyString) }),
  fc.record(
    {
      op: fc.oneof(fc.constantFrom(...knownOps), nastyString),
      sceneId,
      path: nastyString,
      ids: fc.anything(),
    },
    { requiredKeys: ["op"] },
  ),
  fc.constant({}),
  fc.constant(null),
  fc.anything(),
);

/** Replaces or deletes one leaf of a JSON value at a random path. */
export function mutate(value: unknown, choice: number, replacement: unknown, depth = 0): unknown {
  if (typeof value !== "object" || value === null || depth > 6) return replacement;
  const entries = Object.entries(value);
  if (entries.length === 0) return replacement;
  const [key, child] = entries[choice % entries.length] as [string, unknown];
  const copy: Record<string, unknown> = Array.isArray(value)
    ? ([...value] as unknown as Record<string, unknown>)
    : { ...value };
  if (replacement === undefined && choice % 3 === 0) delete copy[key];
  else copy[key] = mutate(child, Math.floor(choice / 7), replacement, depth + 1);
  return copy;
}
