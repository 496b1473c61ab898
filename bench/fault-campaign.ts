/**
 * The fault campaign bench: every row of docs/reliability.md's fault table, against the BUNDLED plugin.
 *
 *   npm run build && npx tsx bench/fault-campaign.ts                 # N = 10,000 scenes for the server rows
 *   npx tsx bench/fault-campaign.ts --scenes 1000 --only plex-flapping
 *
 * Server rows: Plex down 2 s / up 2 s for the first 30 outages, and 500 ms / 500 ms until the drain is done (at
 * most 100 scenes); 503 for the first 20 s; Stash refusing connections 1.5 s / accepting 1.5 s for 30 restarts —
 * all during a bulk sync of N scenes, then let it settle.
 * Prints one JSON line per campaign, then a Markdown table (campaign | size | result | command).
 */
import { clockJumps, dataFolderFault, twoStashInstances } from "./fault-campaign.disk.js";
import { type CampaignResult, plexFlapping, plexMaintenance, stashRestarting } from "./fault-campaign.lib.js";

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const scenes = Number(option("scenes", "10000"));
const only = option("only", "");
const deadline = Number(option("deadline-ms", String(Math.max(120_000, scenes * 200))));
const H = 3_600_000;

const campaigns: Record<string, () => Promise<CampaignResult>> = {
  "plex-flapping": () => plexFlapping(scenes, 2000, deadline, 30),
  // Flapping until the drain is done, 500 ms down / 500 ms up (slow: ~3 s a scene, so at most 100 scenes).
  "plex-flapping-endless": () =>
    plexFlapping(Math.min(scenes, 100), 500, Math.max(deadline, 600_000), Infinity, "plex-flapping-endless"),
  "plex-503-maintenance": () => plexMaintenance(scenes, 20_000, deadline),
  "stash-restarting": () => stashRestarting(scenes, 1500, deadline, 30),
  "data-folder-full": () => dataFolderFault("full", Math.min(scenes, 200)),
  "data-folder-read-only": () => dataFolderFault("read-only", Math.min(scenes, 100)),
  "clock-jumps": () => clockJumps(Math.min(scenes, 50), [0, -H, 24 * H, -24 * H, 7 * 24 * H, 0]),
  "two-stash-one-plugin-folder": () => twoStashInstances(Math.min(scenes, 100), 3),
};

function verdict(r: CampaignResult): string {
  if (r.skipped) return `skipped: ${r.skipped}`;
  const head = `lost ${r.lost}, duplicated ${r.duplicated}, corrupt ${r.corrupt}, dead-lettered ${r.deadLettered}`;
  const refused = r.refused > 0 ? `, refused visibly ${r.refused}` : "";
  return `${head}${refused} (${(r.ms / 1000).toFixed(1)} s)`;
}

const results: CampaignResult[] = [];
for (const [name, run] of Object.entries(campaigns)) {
  if (only && !only.split(",").includes(name)) continue;
  const result = await run();
  results.push(result);
  console.log(JSON.stringify(result));
}
console.log("\n| campaign | size | result | command |\n|---|---|---|---|");
for (const r of results) {
  console.log(
    `| ${r.campaign} | ${r.scenes} scenes, ${r.edits} edits | ${verdict(r)} | \`npx tsx bench/fault-campaign.ts --scenes ${scenes} --only ${r.campaign}\` |`,
  );
}
process.exitCode = results.some((r) => r.lost + r.corrupt > 0) ? 1 : 0;
