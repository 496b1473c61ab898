/**
 * Reconciliation at scale: 50,000 scenes in the fake Stash, 50,000 matching items (with metadata) in the fake
 * Plex. The reconcile runs in a child process (`bench/reconcile-child.ts`, the plugin's own code) so its memory
 * is measured alone; the fakes run here. Prints wall time, Plex and Stash request counts and peak RSS.
 * The child is bundled first, the way dist/ is (Vite, one minified file, no transpiler at run time): under tsx
 * the same code starts ~35 MB heavier, which the shipped plugin never is (docs/benchmarks.md).
 * Run: npx tsx bench/reconcile.ts [scenes] [plexLatencyMs]
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startFakePlex } from "../test/fakes/plex/index.js";
import { startFakeStash } from "../test/fakes/stash/index.js";
import { loadPlugin } from "../test/fakes/stash/manifest.js";
import { bundleForBench } from "./bundle-child.js";

const SCENES = Number(process.argv[2] ?? 50_000);
/** Milliseconds the fake Plex waits before each answer (a real server takes a while to list 1,000 items). */
const PLEX_LATENCY_MS = Number(process.argv[3] ?? 0);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const work = mkdtempSync(path.join(tmpdir(), "s2p-bench-reconcile-"));
const pluginDir = path.join(work, "plugin");
const dataDir = path.join(pluginDir, "data");
mkdirSync(dataDir, { recursive: true });

const seedStarted = performance.now();
const stash = await startFakeStash({ scenes: SCENES, requireAuth: false });
const items = [...stash.state.scenes.values()].map((scene, i) => {
  const file = stash.state.files.get(scene.fileIds[0] ?? "");
  return {
    ratingKey: String(100_000 + Number(scene.id)),
    title: scene.title ?? "",
    file: file?.path ?? "",
    size: file?.size,
    // Most items carry metadata; every 10th is empty (an emptied or never-synced item).
    ...(i % 10 === 0 ? {} : { summary: "Synced before", studio: "Some Studio", genres: ["Drama"] }),
  };
});
const plex = await startFakePlex({
  token: "bench-token-0123456789",
  sections: [{ key: "1", title: "Scenes", locations: ["/data/videos"] }],
  items,
  maxPageSize: 1000,
  latencyMs: PLEX_LATENCY_MS,
});
stash.state.pluginSettings.set("Stash2Plex", { plex_url: plex.url, plex_token: "bench-token-0123456789" });
console.log(
  `seeded ${SCENES} scenes and ${items.length} Plex items in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
);

// The Node flags the manifest's exec gives the plugin (between `node` and the script), so the child runs as Stash runs it.
const manifestNodeFlags = (loadPlugin(root, "Stash2Plex.yml").manifest.exec ?? []).filter((arg) =>
  arg.startsWith("--"),
);
const childScript = await bundleForBench(path.join(root, "bench/reconcile-child.ts"), work);
const plexBefore = plex.requests.length;
const started = performance.now();
const child = spawn(
  process.execPath,
  [
    ...manifestNodeFlags,
    ...(process.env.PROF ? ["--cpu-prof", "--cpu-prof-dir=/tmp/prof"] : []),
    childScript,
    JSON.stringify({ stashPort: stash.port, dataDir, pluginDir }),
  ],
  { cwd: root, stdio: ["ignore", "pipe", "inherit"] },
);
let out = "";
child.stdout.on("data", (chunk: Buffer) => {
  out += chunk.toString("utf8");
});
const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
const totalMs = performance.now() - started;
if (code !== 0) throw new Error(`child exited with ${code}: ${out}`);
const result = JSON.parse(out.trim().split("\n").pop() ?? "{}") as {
  wallMs: number;
  stashRequests: number;
  peakRssSampled: number;
  vmHwmKb: number | null;
  summary: Record<string, unknown>;
};
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
console.log(`reconcile of ${SCENES} scenes / ${items.length} Plex items`);
console.log(
  `  wall time (reconcile):      ${(result.wallMs / 1000).toFixed(1)} s (child process incl. start-up: ${(totalMs / 1000).toFixed(1)} s)`,
);
console.log(`  Plex requests:              ${plex.requests.length - plexBefore}`);
console.log(`  Stash requests:             ${result.stashRequests}`);
console.log(`  peak RSS (child, sampled):  ${mb(result.peakRssSampled)}`);
console.log(`  peak RSS (child, VmHWM):    ${result.vmHwmKb === null ? "n/a" : mb(result.vmHwmKb * 1024)}`);
console.log(`  parent (fakes) RSS now:     ${mb(process.memoryUsage().rss)}`);
console.log(`  report: ${JSON.stringify(result.summary)}`);
await stash.stop();
await plex.stop();
rmSync(work, { recursive: true, force: true });
