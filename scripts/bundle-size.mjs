#!/usr/bin/env node
// Prints raw and gzipped sizes of the UI bundle (dist/stash2plex-ui.js + .css) and fails above the budget.
// Run after `npx vite build --mode ui`. The bundle is injected into every Stash page, so it must stay small.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

// 35 kB (issue 14); a terser pass after Vite's minifier keeps it there with idb in (docs/decisions.md).
const BUDGET_GZIP_BYTES = 35 * 1024;
const files = ["dist/stash2plex-ui.js", "dist/stash2plex-ui.css"];

let totalGzip = 0;
for (const file of files) {
  let bytes;
  try {
    bytes = readFileSync(file);
  } catch {
    console.error(`${file} is missing: run \`npx vite build --mode ui\` first.`);
    process.exit(1);
  }
  const gz = gzipSync(bytes, { level: 9 }).length;
  totalGzip += gz;
  console.log(`${file}: ${(bytes.length / 1024).toFixed(2)} kB raw, ${(gz / 1024).toFixed(2)} kB gzip`);
}
const verdict = totalGzip <= BUDGET_GZIP_BYTES ? "within" : "OVER";
console.log(
  `UI total: ${(totalGzip / 1024).toFixed(2)} kB gzip (${verdict} the ${BUDGET_GZIP_BYTES / 1024} kB budget)`,
);
if (totalGzip > BUDGET_GZIP_BYTES) process.exit(1);
