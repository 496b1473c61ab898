/**
 * Import of Plex plays into Stash through the BUNDLED script (run `npm run build` first), as a user runs it:
 * the "Import Plays and Ratings from Plex" task against a fake Plex holding `items` items (each the file of one
 * Stash scene) and `plays` history rows spread over those items and over 90 days, then the same task again
 * (nothing new). Reports wall time, Plex and Stash requests, plays added and the task process's peak RSS
 * (VmHWM of the pid holding the import's lease in the store).
 *
 *   npx tsx bench/import-plays.ts [plays=100000] [items=50000] [latencyMs=0] [pluginHeapMb]
 *
 * `pluginHeapMb` caps the plugin process's old space (--max-old-space-size): what the run needs, not what V8
 * takes when nothing asks it to collect.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { DB_FILE } from "../plugin/store/index.js";
import { addPlay } from "../test/fakes/plex/index.js";
import { startWorld, type World } from "../test/integration/world.js";

const PLAYS = Number(process.argv[2] ?? 100_000);
const ITEMS = Number(process.argv[3] ?? 50_000);
const LATENCY_MS = Number(process.argv[4] ?? 0);
const PLUGIN_HEAP_MB = process.argv[5] ? Number(process.argv[5]) : null;
const TASK = "Import Plays and Ratings from Plex";
const START = Date.UTC(2026, 0, 1) / 1000;
const SPAN_S = 90 * 86_400;

/** Peak RSS of whichever process holds the import's lease while the run lasts. */
function watchPeakRss(dataDir: string) {
  let peakKb = 0;
  let db: DatabaseSync | null = null;
  const timer = setInterval(() => {
    try {
      db ??= new DatabaseSync(path.join(dataDir, DB_FILE), { readOnly: true });
      const row = db.prepare("SELECT lease_owner FROM import_state WHERE id = 1").get() as
        | { lease_owner: string | null }
        | undefined;
      if (!row?.lease_owner) return;
      const pid = Number(row.lease_owner.split("-")[0]);
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
    } catch {
      // no lease yet, or the run just ended
    }
  }, 50);
  return () => {
    clearInterval(timer);
    db?.close();
    return peakKb / 1024;
  };
}

async function run(world: World) {
  const plexBefore = world.plex.requests.length;
  const stashBefore = world.stash.requests.length;
  const stopRss = watchPeakRss(world.dataDir);
  const started = performance.now();
  const result = await world.runner.runTask(TASK);
  const seconds = (performance.now() - started) / 1000;
  const peakRssMb = stopRss();
  if (result.error) throw new Error(`import failed: ${result.error}`);
  const report = (result.output as { report?: Record<string, number> }).report ?? {};
  const plex = world.plex.requests.slice(plexBefore);
  const stash = world.stash.requests.slice(stashBefore);
  return {
    seconds,
    added: report.playsAdded ?? 0,
    skipped: report.playsSkipped ?? 0,
    plex: plex.length,
    history: plex.filter((r) => r.path === "/status/sessions/history/all").length,
    stash: stash.length,
    addPlays: stash.filter((r) => r.operationName === "Stash2PlexAddPlays").length,
    peakRssMb,
  };
}

const world = await startWorld({
  scenes: ITEMS,
  plex: { latencyMs: LATENCY_MS },
  settings: { import_plays: true },
});
try {
  if (PLUGIN_HEAP_MB !== null)
    world.runner.setEnv({ NODE_OPTIONS: `--max-old-space-size=${PLUGIN_HEAP_MB}` });
  const keys = [...world.plex.state.items.keys()];
  for (let i = 0; i < PLAYS; i++) {
    const ratingKey = keys[i % keys.length] ?? "";
    addPlay(world.plex.state, { ratingKey, viewedAt: START + Math.floor((i * SPAN_S) / PLAYS) });
  }
  const first = await run(world);
  const again = await run(world);
  const inStash = [...world.stash.state.scenes.values()].reduce((n, s) => n + s.plays.length, 0);
  if (inStash !== PLAYS) throw new Error(`Stash holds ${inStash} plays, expected ${PLAYS}`);
  console.log(
    `Import Plays and Ratings from Plex: ${PLAYS} plays over ${ITEMS} items (90 days), Plex latency ${LATENCY_MS} ms, plugin heap cap ${PLUGIN_HEAP_MB ?? "none"}, ${process.version}`,
  );
  console.log(
    "| run | wall s | plays added | skipped | Plex requests (history) | Stash requests (sceneAddPlay batches) | peak RSS MB |",
  );
  console.log("|---|---|---|---|---|---|---|");
  for (const [label, r] of [
    ["first import", first],
    ["again, nothing new", again],
  ] as const) {
    console.log(
      `| ${label} | ${r.seconds.toFixed(1)} | ${r.added} | ${r.skipped} | ${r.plex} (${r.history}) | ${r.stash} (${r.addPlays}) | ${r.peakRssMb.toFixed(0)} |`,
    );
  }
  if (world.plex.tokenLeaks().length > 0) throw new Error("the Plex token appeared in a URL");
} finally {
  await world.stop();
}
