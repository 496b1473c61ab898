/**
 * Operation latency: p50/p95 of the scene-status and queue-summary operations (each a fresh Node process, as
 * Stash runs them) with 100,000 scenes of sync state and 10,000 queued jobs in the store. The 20 real scenes are
 * synced first, so scene.status answers for a matched scene (it reads the item from Plex, as on a real scene
 * page). The floor is `node -e 0` spawned the same way (async spawn, stdin/stdout piped). Last row: scene.status
 * again with 100k more scenes held by a Sync All (the scenes a bulk sync has not queued yet).
 * Run: npx tsx bench/op-latency.ts [runs=40]
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { systemClock } from "../plugin/core/clock.js";
import { createRecordingLogger } from "../plugin/log/recording-logger.js";
import { openStore } from "../plugin/store/index.js";
import { killWorldProcesses } from "../test/integration/queue.helpers.js";
import { REPO_ROOT, startWorld } from "../test/integration/world.js";

const runs = Number(process.argv[2] ?? 40);
const SYNCED = 100_000;
const QUEUED = 10_000;
const script = path.join(REPO_ROOT, "dist", "stash2plex.mjs");

function pct(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const world = await startWorld({ scenes: 20 });
try {
  const sync = await world.runner.runTask("Sync All Scenes to Plex");
  if (sync.error) throw new Error(`setup sync failed: ${sync.error}`);
  const store = await openStore({ dir: world.dataDir, clock: systemClock, logger: createRecordingLogger() });
  const now = Date.now();
  for (let start = 0; start < SYNCED; start += 5_000) {
    store.batch(() => {
      for (let i = start; i < start + 5_000; i++) {
        store.putSyncState(String(i + 1_000), {
          ratingKeys: [String(100_000 + i)],
          lastSyncedAt: now,
          desiredHash: "0123456789abcdef",
          imageHashes: { poster: "a".repeat(40) },
          lastChanges: ["title"],
        });
      }
    });
  }
  for (let start = 0; start < QUEUED; start += 2_000) {
    store.batch(() => {
      for (let i = start; i < start + 2_000; i++) {
        store.enqueue(
          "sync-scene",
          { sceneId: String(200_000 + i), reason: "bulk" },
          { runAt: now + 3_600_000 },
        );
      }
    });
  }
  await store.close();

  const cookie = world.stash.loginCookie.split("=")[1];
  const input = (args: Record<string, unknown>) =>
    JSON.stringify({
      server_connection: {
        Scheme: "http",
        Host: "0.0.0.0",
        Port: world.stash.port,
        SessionCookie: { Name: "session", Value: cookie },
        PluginDir: world.pluginDir,
      },
      args,
    });
  const env = { ...process.env, STASH_PLUGIN_DATA: world.dataDir };
  // Async spawn: the fake Stash answering the operation runs in this process (spawnSync would block it).
  const time = (args: Record<string, unknown>, argv: string[] = [script]) =>
    new Promise<number>((resolve, reject) => {
      const started = process.hrtime.bigint();
      const child = spawn(process.execPath, argv, { env });
      let out = "";
      child.stdout.on("data", (d) => {
        out += d;
      });
      child.on("close", (code) => {
        if (code !== 0) reject(new Error(`${JSON.stringify(args)} failed: ${out}`));
        else resolve(Number(process.hrtime.bigint() - started) / 1e6);
      });
      child.stdin.end(input(args));
    });
  const series = async (args: Record<string, unknown>) => {
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) samples.push(await time(args));
    return samples;
  };
  const probe = await world.runner.run({ op: "scene.status", sceneId: "1" });
  const state = (probe.output as { match?: { state?: string } } | null)?.match?.state;
  if (state !== "matched") throw new Error(`scene 1 should be matched, got ${JSON.stringify(probe.output)}`);
  const bare: number[] = [];
  for (let i = 0; i < runs; i++) bare.push(await time({}, ["-e", "0"]));
  const status = await series({ op: "scene.status", sceneId: "1" });
  const rows: Array<[string, number[]]> = [
    ["node -e 0 (floor)", bare],
    ["scene.status (matched: reads Plex)", status],
    ["queue.summary", await series({ op: "queue.summary" })],
    [
      "queue.list (pending, page 1)",
      await series({ op: "queue.list", state: "pending", page: 1, perPage: 50 }),
    ],
  ];
  // The same store in the middle of a 100k Sync All: the scenes not yet queued are held (store/held.ts).
  // queue.summary started a drainer for the queued jobs; stop it so it does not release them meanwhile.
  killWorldProcesses(world);
  const bulk = await openStore({ dir: world.dataDir, clock: systemClock, logger: createRecordingLogger() });
  for (let start = 0; start < SYNCED; start += 5_000)
    bulk.hold(
      Array.from({ length: 5_000 }, (_, i) => String(300_000 + start + i)),
      "bulk",
    );
  await bulk.close();
  rows.push([
    "scene.status, 100k scenes held by a Sync All",
    await series({ op: "scene.status", sceneId: "1" }),
  ]);
  console.log(
    `Operation latency, ${SYNCED} synced scenes + ${QUEUED} queued jobs, ${runs} runs each, ${process.version} (ms)`,
  );
  console.log("| operation | p50 | p95 | max |");
  console.log("|---|---|---|---|");
  for (const [label, samples] of rows) {
    const s = [...samples].sort((a, b) => a - b);
    console.log(
      `| ${label} | ${pct(s, 50).toFixed(0)} | ${pct(s, 95).toFixed(0)} | ${(s.at(-1) ?? 0).toFixed(0)} |`,
    );
  }
} finally {
  await world.stop();
}
