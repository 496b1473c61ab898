/**
 * The store's share of a UI operation: in a fresh process (store modules already loaded), the time from
 * `openStore` — loading node:sqlite, opening the database, checking the schema — through what scene.status asks
 * (the scene's jobs, dead letters, held flag, sync state, pin, the breaker, one library lookup by path) to
 * `close`, with 100,000 synced scenes, 10,000 queued jobs and 100,000 library items in the database.
 *   npx tsx bench/store-latency.ts [runs=40]
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { systemClock } from "../plugin/core/clock.js";
import { libraryTable } from "../plugin/library/library-table.js";
import { keyedRow } from "../plugin/library/stored-index.js";
import { createRecordingLogger } from "../plugin/log/recording-logger.js";
import { openStore } from "../plugin/store/index.js";

const runs = Number(process.argv[2] ?? 40);
const dir = mkdtempSync(path.join(os.tmpdir(), "s2p-store-latency-"));
const store = await openStore({ dir, clock: systemClock, logger: createRecordingLogger() });
const library = libraryTable(store.database);
const now = Date.now();
store.batch(() => {
  for (let i = 0; i < 100_000; i++)
    store.putSyncState(String(i), {
      ratingKeys: [String(100_000 + i)],
      lastSyncedAt: now,
      desiredHash: "0123456789abcdef",
      imageHashes: { poster: "a".repeat(40) },
      lastChanges: ["title"],
    });
  for (let i = 0; i < 10_000; i++)
    store.enqueue("sync-scene", { sceneId: String(200_000 + i), reason: "bulk" }, { runAt: now + 3_600_000 });
});
const entry = (i: number) => ({
  ratingKey: String(100_000 + i),
  sectionId: "1",
  file: `/media/s${i}.mp4`,
  size: i,
  title: `s${i}`,
});
for (let start = 0; start < 100_000; start += 1_000)
  library.stagePage(
    "1",
    Array.from({ length: 1_000 }, (_, i) => keyedRow(entry(start + i))),
    start === 0,
  );
library.commitSection("1", "m");
await store.close();

const child = path.join(dir, "child.mjs");
const pluginDir = path.join(import.meta.dirname, "..", "plugin");
const storeModule = path.join(pluginDir, "store", "index.ts");
const libraryModule = path.join(pluginDir, "library", "library-table.ts");
writeFileSync(
  child,
  `import { openStore } from ${JSON.stringify(storeModule)};
import { libraryTable } from ${JSON.stringify(libraryModule)};
const logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, progress() {}, addSecret() {}, child() { return logger; } };
const started = performance.now();
const store = await openStore({ dir: ${JSON.stringify(dir)}, clock: { now: Date.now }, logger });
const now = Date.now();
store.jobForScene("12345", now); store.syncState("12345"); store.pinnedRatingKey("12345"); store.breaker();
libraryTable(store.database).byPathKey("/media/s12345.mp4");
await store.close();
console.log(performance.now() - started);`,
);
const pct = (s: number[], p: number) =>
  s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
const samples = Array.from({ length: runs }, () => {
  const r = spawnSync(process.execPath, ["--import", "tsx", child], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  return Number(r.stdout.trim());
}).sort((a, b) => a - b);
console.log(`store open + scene.status reads + close, ${runs} fresh processes, ${process.version}:`);
console.log(
  `p50 ${pct(samples, 50).toFixed(1)} ms, p95 ${pct(samples, 95).toFixed(1)} ms, max ${samples.at(-1)?.toFixed(1)} ms`,
);
rmSync(dir, { recursive: true, force: true });
