import { readFileSync, readlinkSync } from "node:fs";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { TEST_KNOB_ENV } from "../../plugin/config/test-knobs.js";
import type { Logger } from "../../plugin/log/logger.js";
import type { QueueList, QueueSummary, SceneStatus } from "../../plugin/ops/contracts.js";
import { DB_FILE, openStore, type Store } from "../../plugin/store/index.js";
import { startWorld, type World, type WorldOptions } from "./world.js";
import { killProcessesOf, processesOf } from "./world-processes.js";

/** A world whose plugin processes run with shrunk waits (test-only env, see plugin/worker/time-scale.ts). */
export async function startQueueWorld(options: WorldOptions & { timeScale?: number } = {}): Promise<World> {
  const world = await startWorld(options);
  world.runner.setEnv({ [TEST_KNOB_ENV.timeScale]: String(options.timeScale ?? 0.01) });
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

/** Processes of this world's plugin (see world-processes.ts). */
export function worldPids(world: World): number[] {
  return processesOf(world.dataDir);
}

/**
 * Background drainers of this world, whether or not they took the lock yet: ensureDrainer spawns them with
 * stdout on /dev/null, while hooks, tasks and operations run by the (fake) Stash write to a pipe.
 */
export function drainerPids(world: World): number[] {
  return worldPids(world).filter((pid) => {
    try {
      return readlinkSync(`/proc/${pid}/fd/1`) === "/dev/null";
    } catch {
      return false;
    }
  });
}

/** The pid of the live process holding the drainer role, if any. */
export function drainerRolePid(world: World): Promise<number | null> {
  return readStore(world, (store) => store.drainerPid());
}

/** Whether the drainer role's row is there at all (a drainer that exits cleanly deletes it). */
export function roleRowPresent(world: World): Promise<boolean> {
  return readStore(world, () => {
    const db = new DatabaseSync(path.join(world.dataDir, DB_FILE), { readOnly: true });
    try {
      return db.prepare("SELECT 1 FROM drainer").get() !== undefined;
    } finally {
      db.close();
    }
  });
}

export async function writerAlive(world: World): Promise<boolean> {
  return (await drainerRolePid(world)) !== null;
}

/** `PRAGMA integrity_check` of the world's database: "ok" when intact. */
export function integrityCheck(dataDir: string): string {
  const db = new DatabaseSync(path.join(dataDir, DB_FILE), { readOnly: true, timeout: 5_000 });
  try {
    const rows = db.prepare("PRAGMA integrity_check").all() as Array<{ integrity_check: string }>;
    return rows.map((row) => row.integrity_check).join("; ");
  } finally {
    db.close();
  }
}

/** SIGKILLs every process of this world (world.stop() does this too). */
export function killWorldProcesses(world: World): void {
  killProcessesOf(world.dataDir);
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

export async function listByClass(
  world: World,
  state: "pending" | "retrying" | "running" | "dead",
  errorClass: string,
): Promise<QueueList> {
  return (await world.runner.operation({
    op: "queue.list",
    state,
    errorClass,
    page: 1,
    perPage: 200,
  })) as QueueList;
}

/** A logger that keeps its lines (tests open the store directly to seed or inspect it). */
export function recordingLogger(lines: string[] = []): Logger {
  const make = (component: string): Logger => ({
    trace: () => {},
    debug: () => {},
    info: (m) => lines.push(`info [${component}] ${m}`),
    warn: (m) => lines.push(`warn [${component}] ${m}`),
    error: (m) => lines.push(`error [${component}] ${m}`),
    progress: () => {},
    child: (c) => make(c),
    addSecret: () => {},
  });
  return make("test");
}

/** Opens the world's store with a settable clock, runs `seed`, closes: puts dead letters and outages in the past. */
export async function seedStore(
  world: World,
  seed: (store: Store, setNow: (at: number) => void) => void,
): Promise<void> {
  let now = Date.now();
  const store = await openStore({ dir: world.dataDir, clock: { now: () => now }, logger: recordingLogger() });
  try {
    seed(store, (at) => {
      now = at;
    });
  } finally {
    await store.close();
  }
}

/** A dead letter for the scene, failed at `failedAt` with `errorClass` (seeded through the queue's own path). */
export function seedDeadLetter(
  store: Store,
  setNow: (at: number) => void,
  sceneId: string,
  errorClass: string,
  failedAt: number,
): string {
  setNow(failedAt);
  const job = store.enqueue("sync-scene", { sceneId, reason: "manual" });
  store.claimDue(failedAt, 100, "seed");
  store.settle(
    job.id,
    { type: "dead", error: { class: errorClass, message: `seeded ${errorClass}` } },
    "seed",
  );
  return job.id;
}

/** Reads the world's store in the test process. */
export async function readStore<T>(world: World, read: (store: Store) => T): Promise<T> {
  const store = await openStore({
    dir: world.dataDir,
    clock: { now: () => Date.now() },
    logger: recordingLogger(),
  });
  try {
    return read(store);
  } finally {
    await store.close();
  }
}
