export { CannedPlugin, RUNTIME_MISSING_TEXT } from "./canned-plugin.js";
export {
  BULK_SCENE_UPDATE_INPUT_KEYS,
  type HookContext,
  SCENE_UPDATE_INPUT_KEYS,
} from "./hook-input.js";
export { coverFromInput, generatedPng, sceneCover } from "./images.js";
export { type FakeJob, JobQueue, type JobStatus } from "./jobs.js";
export { execCommand, type LoadedPlugin, loadPlugin, type PluginManifest } from "./manifest.js";
export type { PluginSlot } from "./plugin-slot.js";
export { decodeStdout, type PluginLogEntry, type PluginLogLevel, parseStderrLine } from "./protocol.js";
export { type HookRun, PluginRunner, type PluginRunnerOptions, type RunResult } from "./runner.js";
export { type SeedOptions, seedScenes } from "./seed.js";
export {
  createFakeStash,
  type FakeStash,
  type FakeStashCore,
  type FakeStashOptions,
  type GraphqlFault,
  type RecordedRequest,
  startFakeStash,
} from "./server.js";
export { MAX_HOOK_VISITS, SESSION_COOKIE_NAME, SessionStore } from "./sessions.js";
export { type FakeCover, type FakeScene, FakeStashState, formatStashTime } from "./state.js";
