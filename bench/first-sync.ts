/**
 * First sync and idle re-sync of a whole library through the BUNDLED script (run `npm run build` first), as a
 * user does it: the "Sync All Scenes to Plex" task, against a fake Plex that answers after `latencyMs` and
 * serves at most `maxConcurrent` requests at once. Reports wall time, scenes/s, Plex requests per scene
 * (image uploads apart), the peak RSS of the largest plugin process (VmHWM of the task, which drains in the
 * foreground, or of a background drainer) and the database's size on disk (stash2plex.db plus its WAL).
 *
 *   npx tsx bench/first-sync.ts [scenes=10000] [latencyMs=15] [maxConcurrent=16] [max_concurrency=8]
 */
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { DB_FILE } from "../plugin/store/index.js";
import type { FakeRequest } from "../test/fakes/plex/wire.js";
import { startWorld, type World } from "../test/integration/world.js";
import { processesOf } from "../test/integration/world-processes.js";

const SCENES = Number(process.argv[2] ?? 10_000);
const LATENCY_MS = Number(process.argv[3] ?? 15);
const MAX_CONCURRENT = Number(process.argv[4] ?? 16);
const MAX_CONCURRENCY = Number(process.argv[5] ?? 8);
const IMAGE_PATH = /\/(posters|arts|poster|art)$/;

/** The pid in the drainer-role row (read-only connection: the bench must not take part in the locking). */
function rolePid(dataDir: string): number | null {
  try {
    const db = new DatabaseSync(path.join(dataDir, DB_FILE), { readOnly: true, timeout: 1_000 });
    try {
      return (db.prepare("SELECT pid FROM drainer").get() as { pid: number } | undefined)?.pid ?? null;
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}

/**
 * Polls the peak RSS of the world's plugin processes while a run lasts: the role holder (the process draining
 * the queue) and the task itself (an idle re-sync queues nothing and never takes the role).
 */
function watchPeakRss(dataDir: string) {
  let peakKb = 0;
  const timer = setInterval(() => {
    const role = rolePid(dataDir);
    for (const pid of new Set([...processesOf(dataDir), ...(role === null ? [] : [role])])) {
      try {
        const status = readFileSync(`/proc/${pid}/status`, "utf8");
        const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
        peakKb = Math.max(peakKb, kb);
      } catch {
        // it just exited
      }
    }
  }, 100);
  return {
    stop: () => {
      clearInterval(timer);
      return peakKb / 1024;
    },
  };
}

function sizeMb(file: string): number {
  try {
    return statSync(file).size / 1024 / 1024;
  } catch {
    return 0;
  }
}

async function syncAll(world: World) {
  const before = world.plex.requests.length;
  const rss = watchPeakRss(world.dataDir);
  const started = performance.now();
  const result = await world.runner.runTask("Sync All Scenes to Plex");
  const seconds = (performance.now() - started) / 1000;
  const peakRssMb = rss.stop();
  if (result.error) throw new Error(`Sync All failed: ${result.error}`);
  const requests: FakeRequest[] = world.plex.requests.slice(before);
  const images = requests.filter((r) => IMAGE_PATH.test(r.path)).length;
  return {
    seconds,
    scenesPerSec: SCENES / seconds,
    perScene: (requests.length - images) / SCENES,
    imagesPerScene: images / SCENES,
    peakRssMb,
    databaseMb:
      sizeMb(path.join(world.dataDir, DB_FILE)) + sizeMb(path.join(world.dataDir, `${DB_FILE}-wal`)),
  };
}

const world = await startWorld({
  scenes: SCENES,
  plex: { latencyMs: LATENCY_MS, maxConcurrent: MAX_CONCURRENT },
  settings: { max_concurrency: MAX_CONCURRENCY },
});
try {
  const first = await syncAll(world);
  const idle = await syncAll(world);
  console.log(
    `Sync All Scenes to Plex, ${SCENES} scenes, Plex latency ${LATENCY_MS} ms, Plex serves ${MAX_CONCURRENT} at once, ` +
      `max_concurrency ${MAX_CONCURRENCY}, ${process.version}`,
  );
  console.log(
    "| run | wall s | scenes/s | requests/scene | image uploads/scene | peak RSS MB | database MB |",
  );
  console.log("|---|---|---|---|---|---|---|");
  for (const [label, r] of [
    ["first sync", first],
    ["idle re-sync", idle],
  ] as const) {
    console.log(
      `| ${label} | ${r.seconds.toFixed(1)} | ${r.scenesPerSec.toFixed(1)} | ${r.perScene.toFixed(3)} | ` +
        `${r.imagesPerScene.toFixed(2)} | ${r.peakRssMb.toFixed(0)} | ${r.databaseMb.toFixed(1)} |`,
    );
  }
  if (world.plex.tokenLeaks().length > 0) throw new Error("the Plex token appeared in a URL");
} finally {
  await world.stop();
}
