import { afterEach, describe, expect, it } from "vitest";
import { runCrashCampaign } from "./queue.crash-campaign.js";
import { startQueueWorld, writerAlive } from "./queue.helpers.js";
import { eventually, type World } from "./world.js";

let world: World | null = null;
afterEach(async () => {
  await world?.stop();
  world = null;
});

describe("crash safety of the background drainer (bundled script, SIGKILL at random points)", () => {
  it("50 kill rounds while hooks keep arriving: nothing lost, the store reopens cleanly every time", async () => {
    world = await startQueueWorld({ scenes: 6, settings: { max_retries: 3 } });
    const started = Date.now();
    const figures = await runCrashCampaign(world, {
      rounds: 50,
      scenes: 6,
      editsPerRound: 2,
      maxKillDelayMs: 250,
      onRound: (round, f) => {
        if (round % 10 === 0)
          console.info(`round ${round} at ${Date.now() - started} ms: ${JSON.stringify(f)}`);
      },
    });
    console.info(
      `crash campaign: ${JSON.stringify({ ...figures, lostDetail: figures.lostDetail.slice(0, 5) })}`,
    );
    expect(figures.lostDetail).toEqual([]);
    expect(figures.lost).toBe(0);
    expect(figures.corrupt).toBe(0);
    expect(figures.crashDeadLetters).toBe(0);
    expect(figures.kills).toBeGreaterThanOrEqual(50);
    // No lock is stuck: the last drainer either exited (lock released) or was killed while idle, and a lock
    // whose owner is dead counts as free at once (the next writer reclaims it without waiting out `stale`).
    await eventually(async () => !(await writerAlive(world!)), 20_000, "the worker lock to be free");
  }, 90_000);
});
