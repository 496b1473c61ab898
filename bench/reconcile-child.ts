/**
 * The measured side of bench/reconcile.ts: one reconciliation (sweep + page + detect + record + queue) in its
 * own process, as the plugin runs it, against the parent's fake servers. Prints one JSON line.
 */
import { readFileSync } from "node:fs";
import { PassThrough } from "node:stream";
import { openRuntime } from "../plugin/app/runtime.js";
import { parseTestKnobs } from "../plugin/config/test-knobs.js";
import { systemClock } from "../plugin/core/clock.js";
import { createStderrLogger } from "../plugin/log/stderr-logger.js";
import type { PluginInput } from "../plugin/protocol/input.js";
import { runReconcile } from "../plugin/reconcile/run.js";
import { capYoungGeneration } from "../plugin/worker/young-generation.js";

function vmHwmKb(): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

const { stashPort, dataDir, pluginDir } = JSON.parse(process.argv[2] ?? "{}") as {
  stashPort: number;
  dataDir: string;
  pluginDir: string;
};
// As the plugin's task wrapper does (plugin/tasks/task.ts).
capYoungGeneration();
let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);
const logger = createStderrLogger({ write: () => {} });
const input = {
  server_connection: { Scheme: "http", Host: "127.0.0.1", Port: stashPort, PluginDir: pluginDir },
  args: { mode: "reconcile_all" },
} as unknown as PluginInput;
const rt = await openRuntime(input, {
  stdin: new PassThrough(),
  stdout: new PassThrough(),
  writeStderr: () => {},
  env: { ...process.env, STASH_PLUGIN_DATA: dataDir },
  clock: systemClock,
  knobs: parseTestKnobs({}),
  scriptPath: "",
  logger,
});
const started = performance.now();
const report = await runReconcile(rt, { scope: "all", trigger: "manual" });
const wallMs = performance.now() - started;
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
const { gaps, samples, ...summary } = report;
console.log(
  JSON.stringify({
    wallMs,
    stashRequests: rt.stash.requestCount(),
    peakRssSampled: peakRss,
    vmHwmKb: vmHwmKb(),
    summary,
    gapsStored: gaps.length,
  }),
);
