/**
 * SIGKILL campaign against the bundled script (run `npm run build` first):
 *   npx tsx bench/crash-campaign.ts [rounds=200] [scenes=12] [editsPerRound=3]
 * Prints rounds, kills, lost, duplicated, corrupt, crash dead letters and recovery times.
 */
import { runCrashCampaign } from "../test/integration/queue.crash-campaign.js";
import { killWorldProcesses, startQueueWorld } from "../test/integration/queue.helpers.js";

const [rounds = 200, scenes = 12, editsPerRound = 3] = process.argv.slice(2).map(Number);
const world = await startQueueWorld({ scenes, settings: { max_retries: 3 } });
const started = Date.now();
try {
  const figures = await runCrashCampaign(world, {
    rounds,
    scenes,
    editsPerRound,
    maxKillDelayMs: 400,
    onRound: (round, f) => {
      if (round % 25 === 0) console.log(`round ${round}: lost=${f.lost} corrupt=${f.corrupt}`);
    },
  });
  console.log(
    [
      `rounds=${figures.rounds}`,
      `kills=${figures.kills}`,
      `edits=${figures.edits}`,
      `lost=${figures.lost}`,
      `duplicated=${figures.duplicated}`,
      `corrupt=${figures.corrupt}`,
      `crashDeadLetters=${figures.crashDeadLetters}`,
      `takeover max=${figures.maxTakeoverMs}ms mean=${figures.meanTakeoverMs}ms`,
      `final recovery=${figures.finalRecoveryMs}ms`,
      `wall=${Math.round((Date.now() - started) / 1000)}s`,
    ].join("\n"),
  );
  for (const line of figures.lostDetail.slice(0, 20)) console.log(`LOST ${line}`);
  process.exitCode = figures.lost + figures.corrupt > 0 ? 1 : 0;
} finally {
  killWorldProcesses(world);
  await world.stop();
}
