/**
 * Plex requests per scene for a 1,000-scene library synced through the BUNDLED script (run `npm run build`
 * first): (a) first sync, (b) a second run with nothing changed, (c) one field changed on every scene.
 * Drives the queue the way the UI does: `sync-scenes` commands applied to the store, then the "Process Queue" task.
 *
 *   npx tsx bench/plex-requests.ts [scenes]
 */

import { createRecordingLogger } from "../plugin/log/recording-logger.js";
import { openStore } from "../plugin/store/index.js";
import type { FakeRequest } from "../test/fakes/plex/wire.js";
import { startWorld, type World } from "../test/integration/world.js";

const SCENES = Number(process.argv[2] ?? 1000);
const TARGETS = { first: 3, unchanged: 0.05, changed: 2 };

async function run(world: World, ids: string[], reason: "bulk" | "update") {
  const before = world.plex.requests.length;
  const started = Date.now();
  const store = await openStore({
    dir: world.dataDir,
    clock: { now: Date.now },
    logger: createRecordingLogger(),
  });
  for (const sceneId of ids) store.enqueue("sync-scene", { sceneId, reason }, { reasons: [reason] });
  await store.close();
  const result = await world.runner.runTask("Process Queue");
  if (result.error) throw new Error(`Process Queue failed: ${result.error}`);
  return { requests: world.plex.requests.slice(before), seconds: (Date.now() - started) / 1000 };
}

function breakdown(requests: FakeRequest[]): string {
  const counts = new Map<string, number>();
  for (const r of requests) {
    const shape = `${r.method} ${r.path.replace(/\/\d+/g, "/{n}")}`;
    counts.set(shape, (counts.get(shape) ?? 0) + 1);
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `      ${String(n).padStart(6)}  ${k}`)
    .join("\n");
}

function report(label: string, r: { requests: FakeRequest[]; seconds: number }, target: number) {
  const uploads = r.requests.filter((q) => /\/(posters|arts|poster|art)$/.test(q.path)).length;
  const perScene = (r.requests.length - uploads) / SCENES;
  const ok = perScene <= target ? "ok" : "OVER TARGET";
  console.log(
    `${label}: ${r.requests.length} requests (${uploads} image) in ${r.seconds.toFixed(1)} s → ` +
      `${perScene.toFixed(3)} per scene + ${(uploads / SCENES).toFixed(2)} image uploads (target ≤ ${target}: ${ok})`,
  );
  console.log(breakdown(r.requests));
  return perScene <= target;
}

const world = await startWorld({ scenes: SCENES, settings: { max_concurrency: 4 } });
try {
  const ids = [...world.stash.state.scenes.keys()];
  const first = await run(world, ids, "bulk");
  const unchanged = await run(world, ids, "bulk");
  for (const id of ids) {
    const scene = world.stash.state.scenes.get(id)!;
    world.stash.state.updateScene(id, { details: `${scene.details ?? ""} (revised)` });
  }
  const changed = await run(world, ids, "update");
  const results = [
    report("(a) first sync", first, TARGETS.first),
    report("(b) nothing changed", unchanged, TARGETS.unchanged),
    report("(c) one field changed", changed, TARGETS.changed),
  ];
  if (world.plex.tokenLeaks().length > 0) throw new Error("the Plex token appeared in a URL");
  process.exitCode = results.every(Boolean) ? 0 : 1;
} finally {
  await world.stop();
}
