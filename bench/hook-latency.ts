/**
 * Hook latency: wall time of the bundled script handling a Scene.Update.Post hook, as Stash runs it (spawn node,
 * stdin JSON, wait for exit), next to bare `node -e 0` (the floor). A live fake Stash + fake Plex back it, so the
 * background drainer is real and later hooks find it running (the common case during a bulk edit).
 * Run: npx tsx bench/hook-latency.ts [runs=200]
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { REPO_ROOT, startWorld } from "../test/integration/world.js";

const runs = Number(process.argv[2] ?? 200);
const script = path.join(REPO_ROOT, "dist", "stash2plex.mjs");

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function time(args: string[], input?: string, env?: NodeJS.ProcessEnv): number {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { input, env, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`exit ${r.status}: ${r.stdout} ${r.stderr}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

function summary(label: string, samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  return {
    label,
    runs: s.length,
    p50: percentile(s, 50),
    p95: percentile(s, 95),
    p99: percentile(s, 99),
    max: s.at(-1) ?? 0,
  };
}

const world = await startWorld({ scenes: 50 });
try {
  const cookie = world.stash.loginCookie.split("=")[1];
  const env = { ...process.env, STASH_PLUGIN_DATA: world.dataDir };
  const input = (id: number) =>
    JSON.stringify({
      server_connection: {
        Scheme: "http",
        Host: "0.0.0.0",
        Port: world.stash.port,
        SessionCookie: { Name: "session", Value: cookie },
        Dir: path.dirname(world.pluginDir),
        PluginDir: world.pluginDir,
      },
      args: {
        hookContext: {
          id,
          type: "Scene.Update.Post",
          input: { id: String(id), title: `t${id}` },
          inputFields: ["id", "title"],
        },
      },
    });
  for (let i = 0; i < 5; i++) time(["-e", "0"]);
  const bare = Array.from({ length: runs }, () => time(["-e", "0"]));
  const hooks = Array.from({ length: runs }, (_, i) => time([script], input((i % 50) + 1), env));
  const scanOnly = Array.from({ length: Math.min(50, runs) }, () =>
    time(
      [script],
      JSON.stringify({
        ...JSON.parse(input(1)),
        args: { hookContext: { id: 1, type: "Scene.Update.Post", input: null } },
      }),
      env,
    ),
  );
  const rows = [
    summary("node -e 0 (floor)", bare),
    summary("hook: title edit", hooks),
    summary("hook: scan update (ignored)", scanOnly),
  ];
  console.log(`Hook latency on ${process.version}, ${runs} runs (ms)`);
  console.log("| case | runs | p50 | p95 | p99 | max |");
  console.log("|---|---|---|---|---|---|");
  for (const r of rows)
    console.log(
      `| ${r.label} | ${r.runs} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.max.toFixed(1)} |`,
    );
  const over = (row: number) => ((rows[row]?.p95 ?? 0) - (rows[0]?.p95 ?? 0)).toFixed(1);
  console.log(`edit hook p95 − bare p95 = ${over(1)} ms (target ≤ 25 ms)`);
  console.log(`scan update p95 − bare p95 = ${over(2)} ms (target ≤ 10 ms)`);
} finally {
  await world.stop();
}
