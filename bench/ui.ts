/**
 * UI figures: the gzipped size of the injected bundle (scripts/bundle-size.mjs, after `npm run build`) and the
 * Plex tab's paint time after the UI script loads, as measured by the browser test (performance.now() marks in
 * a real Chromium through playwright-core). Runs the paint test `runs` times and prints the median.
 *
 *   npx tsx bench/ui.ts [runs=3]
 */
import { spawnSync } from "node:child_process";
import { REPO_ROOT } from "../test/integration/world.js";

const runs = Number(process.argv[2] ?? 3);

const size = spawnSync(process.execPath, ["scripts/bundle-size.mjs"], { cwd: REPO_ROOT, encoding: "utf8" });
const total = /UI total: ([\d.]+) kB gzip/.exec(size.stdout)?.[1];

const tabMs: number[] = [];
const statusMs: number[] = [];
for (let i = 0; i < runs; i++) {
  const test = spawnSync(
    "npx",
    ["vitest", "run", "test/browser/scene-tab.live.test.ts", "-t", "paints the Plex tab"],
    { cwd: REPO_ROOT, encoding: "utf8" },
  );
  const out = `${test.stdout}\n${test.stderr}`;
  const match =
    /Plex tab painted ([\d.]+) ms after the UI script loaded; scene status painted ([\d.]+) ms/.exec(out);
  if (!match) {
    console.error(`paint test run ${i + 1} gave no figure:\n${out.slice(-2_000)}`);
    continue;
  }
  tabMs.push(Number(match[1]));
  statusMs.push(Number(match[2]));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

console.log(`UI, ${runs} paint runs, ${process.version}`);
console.log("| figure | value | target |");
console.log("|---|---|---|");
console.log(
  `| bundle (js + css), gzip | ${total ?? "?"} kB | ≤ 35 kB (guarded by scripts/bundle-size.mjs) |`,
);
console.log(
  `| Plex tab painted after the UI script loads (median) | ${median(tabMs).toFixed(1)} ms | < 300 ms |`,
);
console.log(`| scene status painted after the click (median) | ${median(statusMs).toFixed(1)} ms | — |`);
