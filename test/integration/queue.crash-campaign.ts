import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { systemClock } from "../../plugin/core/clock.js";
import { isProcessAlive } from "../../plugin/fs/process-alive.js";
import { createRecordingLogger } from "../../plugin/log/recording-logger.js";
import { DB_FILE, openStore } from "../../plugin/store/index.js";
import {
  drainerLog,
  drainerPids,
  drainerRolePid,
  editTitle,
  integrityCheck,
  plexTitle,
  putsFor,
  ratingKeyOf,
  sleep,
  summary,
  worldPids,
} from "./queue.helpers.js";
import { eventually, type World } from "./world.js";

/**
 * The SIGKILL campaign (shared by test/integration/queue.crash.test.ts and bench/crash-campaign.ts): hooks keep
 * arriving for a small library while the background drainer — whoever holds the drainer role — is killed at a
 * random moment of its life, round after round; every third round one of the round's hooks is killed too,
 * wherever it is (before, inside or after its insert). After every kill the database must pass
 * `PRAGMA integrity_check` and reopen cleanly, and every edit whose hook answered must be either in Plex or
 * still queued: nothing lost. At the end the queue must drain to exactly the last edit of every scene.
 */
export interface CampaignOptions {
  rounds: number;
  scenes: number;
  /** Edits fired per round (concurrently). */
  editsPerRound: number;
  /** The kill lands this long (uniform, ms) after a drainer is seen holding the role. */
  maxKillDelayMs: number;
  random?: () => number;
  onRound?: (round: number, figures: CampaignFigures) => void;
}

export interface CampaignFigures {
  rounds: number;
  kills: number;
  edits: number;
  /** Edits neither in Plex nor queued after a kill, or missing from Plex at the end. */
  lost: number;
  /** Scenes whose final title reached Plex more than once (at-least-once delivery re-ran them). */
  duplicated: number;
  /** Kills after which integrity_check failed or the store warned on reopening. */
  corrupt: number;
  /** Jobs dead-lettered because the kills interrupted them too often. */
  crashDeadLetters: number;
  /** Kill → the next drainer holds the role (ms). */
  maxTakeoverMs: number;
  meanTakeoverMs: number;
  /** Last kill → every scene's last edit in Plex (ms). */
  finalRecoveryMs: number;
  lostDetail: string[];
}

export async function runCrashCampaign(world: World, options: CampaignOptions): Promise<CampaignFigures> {
  const random = options.random ?? Math.random;
  const latest = new Map<string, string>();
  const figures: CampaignFigures = {
    rounds: 0,
    kills: 0,
    edits: 0,
    lost: 0,
    duplicated: 0,
    corrupt: 0,
    crashDeadLetters: 0,
    maxTakeoverMs: 0,
    meanTakeoverMs: 0,
    finalRecoveryMs: 0,
    lostDetail: [],
  };
  const takeovers: number[] = [];
  let killedAt: number | null = null;
  for (let round = 1; round <= options.rounds; round++) {
    const hooks: Promise<void>[] = [];
    const before = new Set(worldPids(world));
    const killHook = round % 3 === 0;
    for (let k = 0; k < options.editsPerRound; k++) {
      const sceneId = String(1 + Math.floor(random() * options.scenes));
      const title = `r${round}-e${k}-s${sceneId}`;
      latest.set(sceneId, title);
      figures.edits++;
      // A killed hook never answered: Stash reports the save's hook as failed; it is fired again (the scene as
      // Stash has it now is what must reach Plex).
      hooks.push(
        editTitle(world, sceneId, title).catch((error) =>
          killHook ? refire(world, sceneId) : Promise.reject(error),
        ),
      );
    }
    if (killHook) {
      await sleep(random() * 40);
      // A hook, not the drainer it may already have spawned (that one's kill comes below, once it holds the role).
      const drainers = new Set(drainerPids(world));
      const hook = worldPids(world).find((pid) => !before.has(pid) && !drainers.has(pid));
      if (hook !== undefined) {
        try {
          process.kill(hook, "SIGKILL");
          figures.kills++;
        } catch {
          // it had answered already
        }
      }
    }
    let holder: number;
    try {
      holder = await eventually(
        async () => (await drainerRolePid(world)) ?? 0,
        15_000,
        `a drainer in round ${round}`,
      );
    } catch (error) {
      throw new Error(`${String(error)}; ${diagnose(world)}`);
    }
    if (killedAt !== null) takeovers.push(Date.now() - killedAt);
    await sleep(random() * options.maxKillDelayMs);
    const current = await drainerRolePid(world);
    const victims = [...new Set([holder, ...(current === null ? [] : [current])])];
    for (const pid of victims) {
      try {
        process.kill(pid, "SIGKILL");
        figures.kills++;
      } catch {
        // it had exited on its own
      }
    }
    killedAt = Date.now();
    await Promise.all(hooks);
    // A hook that looked while the victim was still dying relied on it; the next round's hooks start a new one.
    await eventually(() => !victims.some(isProcessAlive), 5_000, "the killed drainer to be gone");
    const check = await checkNothingLost(world, latest);
    figures.corrupt += check.corrupt ? 1 : 0;
    figures.lost += check.lost.length;
    figures.lostDetail.push(...check.lost.map((l) => `round ${round}: ${l}`));
    figures.rounds = round;
    options.onRound?.(round, figures);
  }
  const finalStart = killedAt ?? Date.now();
  await summary(world); // starts a drainer for the queued work, as opening the Stash2Plex page does
  try {
    await eventually(
      () => [...latest].every(([sceneId, title]) => plexTitle(world, sceneId) === title),
      60_000,
      "every scene's last edit to reach Plex",
    );
  } catch {
    for (const [sceneId, title] of latest) {
      if (plexTitle(world, sceneId) !== title) {
        figures.lost++;
        figures.lostDetail.push(
          `end: scene ${sceneId} wants ${title}, Plex has ${String(plexTitle(world, sceneId))}`,
        );
      }
    }
  }
  figures.finalRecoveryMs = Date.now() - finalStart;
  figures.maxTakeoverMs = Math.max(0, ...takeovers);
  figures.meanTakeoverMs = takeovers.length
    ? Math.round(takeovers.reduce((a, b) => a + b, 0) / takeovers.length)
    : 0;
  for (const [sceneId, title] of latest) {
    const finalPuts = putsFor(world, ratingKeyOf(sceneId)).filter(
      (r) => r.query.get("title.value") === title,
    );
    if (finalPuts.length > 1) figures.duplicated++;
  }
  const dead = (await summary(world)).counts.dead;
  figures.crashDeadLetters = dead;
  if (/damaged|The queue worker stops|cannot be written/.test(drainerLog(world))) figures.corrupt++;
  return figures;
}

async function refire(world: World, sceneId: string): Promise<void> {
  const result = await world.runner.run({
    hookContext: {
      id: Number(sceneId),
      type: "Scene.Update.Post",
      input: { id: sceneId },
      inputFields: ["id", "title"],
    },
  });
  if (result.output !== "ok")
    throw new Error(`re-fired hook failed: ${result.error ?? JSON.stringify(result.output)}`);
}

/** Checks the database's integrity, opens the store as every UI operation does and checks each scene's last edit. */
async function checkNothingLost(
  world: World,
  latest: ReadonlyMap<string, string>,
): Promise<{ corrupt: boolean; lost: string[] }> {
  const logger = createRecordingLogger();
  const integrity = integrityCheck(world.dataDir);
  const store = await openStore({ dir: world.dataDir, clock: systemClock, logger });
  const lost: string[] = [];
  try {
    for (const [sceneId, title] of latest) {
      const view = store.jobForScene(sceneId, Date.now());
      if (view.jobs.length > 0 || view.held) continue;
      // Dead-lettered by the poison-job guard: visible and retryable, counted as crashDeadLetters, not lost.
      if (view.deadLetters.length > 0) continue;
      const inPlex = plexTitle(world, sceneId);
      if (inPlex !== title)
        lost.push(`scene ${sceneId}: wants ${title}, Plex has ${String(inPlex)}, not queued`);
    }
  } finally {
    await store.close();
  }
  const corrupt =
    integrity !== "ok" || logger.lines.some((line) => line.level === "warn" || line.level === "error");
  return { corrupt, lost };
}

function readRoleRow(dataDir: string): { pid: number; heartbeat_at: number } | null {
  try {
    const db = new DatabaseSync(path.join(dataDir, DB_FILE), { readOnly: true });
    try {
      return (
        (db.prepare("SELECT pid, heartbeat_at FROM drainer").get() as {
          pid: number;
          heartbeat_at: number;
        }) ?? null
      );
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}

/** What the data folder looks like when a drainer fails to appear (for the failure message). */
function diagnose(world: World): string {
  const read = (name: string) => {
    try {
      return readFileSync(path.resolve(world.dataDir, name), "utf8");
    } catch {
      return "-";
    }
  };
  let names: string[] = [];
  try {
    names = readdirSync(world.dataDir);
  } catch {
    // no data folder
  }
  const owner = readRoleRow(world.dataDir);
  const ownerState = owner ? `${isProcessAlive(owner.pid)} ${read(`/proc/${owner.pid}/stat`)}` : "";
  const hookLogs = JSON.stringify(
    world.runner.runs
      .slice(-3)
      .map((r) => [r.result.output, r.result.error, r.result.logs.map((l) => l.message)]),
  );
  return `hooks=${hookLogs} ownerAlive=${ownerState} files=${names.join(",")} marker=${read("drainer.spawn")} role=${JSON.stringify(owner)} pids=${worldPids(world).join(",")} log tail=${drainerLog(world).slice(-2500)}`;
}
