import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import path from "node:path";
import type { QueueList, QueueSummary, SceneStatus } from "../../plugin/ops/contracts.js";
import { isWriterAlive, LOCK_NAME, readLockOwner } from "../../plugin/store/index.js";
import { TEST_TIME_SCALE_ENV } from "../../plugin/worker/time-scale.js";
import { startWorld, type World, type WorldOptions } from "./world.js";

/** A world whose plugin processes run with shrunk waits (test-only env, see plugin/worker/time-scale.ts). */
export async function startQueueWorld(options: WorldOptions & { timeScale?: number } = {}): Promise<World> {
  const world = await startWorld(options);
  world.runner.setEnv({ [TEST_TIME_SCALE_ENV]: String(options.timeScale ?? 0.01) });
  return world;
}

/** Edits the scene's title in the fake Stash and fires the update hook for it, as a save in Stash does. */
export async function editTitle(world: World, sceneId: string, title: string): Promise<void> {
  world.stash.state.updateScene(sceneId, { title });
  const result = await world.runner.run({
    hookContext: {
      id: Number(sceneId),
      type: "Scene.Update.Post",
      input: { id: sceneId, title },
      inputFields: ["id", "title"],
    },
  });
  if (result.output !== "ok")
    throw new Error(`hook failed: ${result.error ?? JSON.stringify(result.output)}`);
}

export function ratingKeyOf(sceneId: string): string {
  return String(1000 + Number(sceneId));
}

export function plexTitle(world: World, sceneId: string): unknown {
  return world.plex.item(ratingKeyOf(sceneId)).values.title;
}

export async function summary(world: World): Promise<QueueSummary> {
  return (await world.runner.operation({ op: "queue.summary" })) as QueueSummary;
}

export async function list(
  world: World,
  state: "pending" | "retrying" | "running" | "dead",
): Promise<QueueList> {
  return (await world.runner.operation({ op: "queue.list", state, page: 1, perPage: 200 })) as QueueList;
}

export async function sceneStatus(world: World, sceneId: string): Promise<SceneStatus> {
  return (await world.runner.operation({ op: "scene.status", sceneId })) as SceneStatus;
}

/**
 * Processes of this world's plugin: their environment names the world's private data folder (the runner sets
 * STASH_PLUGIN_DATA; the detached drainer inherits it). Linux /proc.
 */
export function worldPids(world: World): number[] {
  const marker = `STASH_PLUGIN_DATA=${world.dataDir}\0`;
  const pids: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${name}/environ`, "utf8").includes(marker)) pids.push(Number(name));
    } catch {
      // exited meanwhile
    }
  }
  return pids;
}

/** Processes that hold the journal open: only the writer does (readers read it whole and close it). */
export function journalHolders(world: World): number[] {
  const journal = path.join(world.dataDir, "journal.jsonl");
  return worldPids(world).filter((pid) => {
    try {
      return readdirSync(`/proc/${pid}/fd`).some((fd) => {
        try {
          return readlinkSync(`/proc/${pid}/fd/${fd}`) === journal;
        } catch {
          return false;
        }
      });
    } catch {
      return false;
    }
  });
}

/** The pid recorded for the current worker lock, if its holder wrote one. */
export function lockOwnerPid(world: World): number | null {
  return readLockOwner(world.dataDir)?.pid ?? null;
}

export function lockPresent(world: World): boolean {
  try {
    readdirSync(path.join(world.dataDir, LOCK_NAME));
    return true;
  } catch {
    return false;
  }
}

export function writerAlive(world: World): Promise<boolean> {
  return isWriterAlive(world.dataDir);
}

/** SIGKILLs every process of this world (the detached drainer outlives the runner's own kill). */
export function killWorldProcesses(world: World): void {
  for (const pid of worldPids(world)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // gone already
    }
  }
}

export function drainerLog(world: World): string {
  try {
    return readFileSync(path.join(world.dataDir, "logs", "drainer.log"), "utf8");
  } catch {
    return "";
  }
}

/** PUT edits the fake Plex received for one item, in arrival order. */
export function putsFor(world: World, ratingKey: string) {
  return world.plex.requests.filter(
    (r) =>
      r.method === "PUT" && /^\/library\/sections\/\w+\/all$/.test(r.path) && r.query.get("id") === ratingKey,
  );
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
