/**
 * Fault campaigns against the BUNDLED plugin (shared by bench/fault-campaign.ts and the small CI run in
 * test/fuzz/fault-campaign.small.test.ts). Each campaign edits scenes, drives the queue while a fault plays
 * out, then lets everything settle and counts outcomes per scene:
 *  - lost: an edit the plugin accepted (hook "ok" / queued) whose value never reached Plex and is not dead-lettered;
 *  - duplicated: the same value written to the same Plex item more than once (at-least-once re-runs);
 *  - corrupt: a Plex title that is neither the old nor the new value, or a store that no longer answers.
 */
import { readFileSync } from "node:fs";
import { connect, createServer, type Server, type Socket } from "node:net";
import path from "node:path";
import type { QueueSummary } from "../plugin/ops/contracts.js";
import { startWorld, type World } from "../test/integration/world.js";

export interface CampaignResult {
  campaign: string;
  scenes: number;
  edits: number;
  lost: number;
  duplicated: number;
  corrupt: number;
  deadLettered: number;
  /** Edits the plugin refused visibly (an `error` result the user sees in Stash's log). */
  refused: number;
  ms: number;
  notes: string[];
  skipped?: string;
}

export const TIME_SCALE = "0.02";
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function campaignWorld(scenes: number): Promise<World> {
  const world = await startWorld({ scenes });
  world.runner.setEnv({ STASH2PLEX_TEST_TIME_SCALE: TIME_SCALE });
  return world;
}

export const ratingKey = (sceneId: string) => String(1000 + Number(sceneId));

export async function summary(world: World): Promise<QueueSummary> {
  return (await world.runner.operation({ op: "queue.summary" })) as QueueSummary;
}

/** Runs Process Queue until nothing is pending, retrying or running (or the deadline passes). */
export async function drainUntilIdle(world: World, deadlineMs: number): Promise<QueueSummary> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    await world.runner.runTask("Process Queue");
    const s = await summary(world).catch(() => null); // Stash may be down: try again
    const open = s ? s.counts.pending + s.counts.retrying + s.counts.running : 1;
    if (s && ((open === 0 && !s.drain.running) || Date.now() > deadline)) return s;
    if (Date.now() > deadline + 30_000) throw new Error("the queue never answered");
    await sleep(200);
  }
}

/** Runs a task until it ends without an error (Stash or Plex may be down at first); returns the attempts. */
async function runTaskUntilOk(world: World, task: string, deadlineMs: number): Promise<number> {
  const deadline = Date.now() + deadlineMs;
  for (let attempt = 1; ; attempt++) {
    const result = await world.runner.runTask(task);
    if (result.error === null) return attempt;
    if (Date.now() > deadline) throw new Error(`${task} kept failing: ${result.error}`);
    await sleep(200);
  }
}

/** Sets the scene's title in the fake Stash and fires Stash's update hook for it; true when the hook said ok. */
export async function editViaHook(world: World, runner: World["runner"], sceneId: string, title: string) {
  world.stash.state.updateScene(sceneId, { title });
  const result = await runner.run({
    hookContext: {
      id: Number(sceneId),
      type: "Scene.Update.Post",
      input: { id: sceneId, title },
      inputFields: ["id", "title"],
    },
  });
  return { ok: result.output === "ok", error: result.error };
}

/** Counts outcomes: `expected` is the last accepted title per scene, `original` what Plex held before. */
export async function countOutcomes(
  world: World,
  expected: ReadonlyMap<string, string>,
  original: ReadonlyMap<string, string>,
): Promise<Pick<CampaignResult, "lost" | "duplicated" | "corrupt" | "deadLettered" | "notes">> {
  const notes: string[] = [];
  let s: QueueSummary | null = null;
  try {
    s = await summary(world);
  } catch (error) {
    notes.push(`store did not answer: ${String(error)}`);
  }
  let lost = 0;
  let corrupt = s === null ? 1 : 0;
  for (const [sceneId, title] of expected) {
    const now = world.plex.item(ratingKey(sceneId)).values.title;
    if (now === title) continue;
    if (now !== original.get(sceneId) && !String(now).startsWith("c")) corrupt += 1;
    else lost += 1;
  }
  const writes = new Map<string, number>();
  for (const r of world.plex.requests) {
    if (r.method !== "PUT" || r.status !== 200) continue;
    const title = r.query.get("title.value");
    const key = r.query.get("id") ?? r.path.split("/").pop();
    if (title) writes.set(`${key}:${title}`, (writes.get(`${key}:${title}`) ?? 0) + 1);
  }
  const duplicated = [...writes.values()].filter((n) => n > 1).length;
  const deadLettered = s?.counts.dead ?? 0;
  if (deadLettered > 0) notes.push(`dead letters: ${await deadReasons(world)}`);
  return { lost: Math.max(0, lost - deadLettered), duplicated, corrupt, deadLettered, notes };
}

async function deadReasons(world: World): Promise<string> {
  const list = (await world.runner.operation({ op: "queue.list", state: "dead", page: 1, perPage: 5 })) as {
    jobs: Array<{ sceneId: string | null; error: unknown }>;
  };
  return list.jobs.map((j) => `scene ${j.sceneId}: ${JSON.stringify(j.error)}`).join("; ");
}

export function originalTitles(world: World, ids: readonly string[]): Map<string, string> {
  return new Map(ids.map((id) => [id, String(world.plex.item(ratingKey(id)).values.title)]));
}

export const ids = (n: number) => Array.from({ length: n }, (_, i) => String(i + 1));

/** Queue every scene (Sync All), then drain while `fault` plays until the drain is idle. */
async function bulkUnderFault(
  name: string,
  scenes: number,
  deadlineMs: number,
  fault: (world: World, stop: () => boolean) => Promise<string[]>,
): Promise<CampaignResult> {
  const world = await campaignWorld(scenes);
  const started = Date.now();
  try {
    const all = ids(scenes);
    const original = originalTitles(world, all);
    const expected = new Map(all.map((id) => [id, `c-${name}-${id}`]));
    for (const [id, title] of expected) world.stash.state.updateScene(id, { title });
    let done = false;
    const faultRun = fault(world, () => done);
    const attempts = await runTaskUntilOk(world, "Sync All Scenes to Plex", deadlineMs);
    await drainUntilIdle(world, deadlineMs);
    done = true;
    const notes = await faultRun;
    await drainUntilIdle(world, deadlineMs);
    const counts = await countOutcomes(world, expected, original);
    return {
      campaign: name,
      scenes,
      edits: scenes,
      refused: 0,
      ms: Date.now() - started,
      ...counts,
      notes: [...notes, `Sync All attempts: ${attempts}`, ...counts.notes],
    };
  } finally {
    await world.stop();
  }
}

/** Failures classified "server down" in the foreground tasks' logs and the background drainer's log. */
function serverDownSeen(world: World): number {
  let text = world.runner.logs.map((l) => l.message).join("\n");
  try {
    text += readFileSync(path.join(world.dataDir, "logs", "drainer.log"), "utf8");
  } catch {
    // no background drainer ran
  }
  return text.match(/\[server_down\]/g)?.length ?? 0;
}

/** Plex goes down and comes back every `periodMs` for the whole drain. */
export function plexFlapping(
  scenes: number,
  periodMs: number,
  deadlineMs: number,
  maxOutages = Number.POSITIVE_INFINITY,
  name = "plex-flapping",
): Promise<CampaignResult> {
  return bulkUnderFault(name, scenes, deadlineMs, async (world, stop) => {
    let flaps = 0;
    // A bounded campaign plays every outage even when the drain is done early; an unbounded one stops with it.
    while (Number.isFinite(maxOutages) ? flaps < maxOutages : !stop()) {
      await world.plex.down();
      flaps += 1;
      await sleep(periodMs);
      await world.plex.up();
      await sleep(periodMs);
    }
    await world.plex.up();
    return [`${flaps} outages of ${periodMs} ms`, `server_down failures seen: ${serverDownSeen(world)}`];
  });
}

/** Every Plex request answers 503 (maintenance) for `forMs`, from the start of the drain. */
export function plexMaintenance(scenes: number, forMs: number, deadlineMs: number): Promise<CampaignResult> {
  return bulkUnderFault("plex-503-maintenance", scenes, deadlineMs, async (world) => {
    const remove = world.plex.faults.set("*", { type: "status", status: 503, until: Date.now() + forMs });
    await sleep(forMs);
    remove();
    const answered503 = world.plex.requests.filter((r) => r.status === 503).length;
    return [`503 for ${forMs} ms (${answered503} requests answered 503)`];
  });
}

/** A TCP proxy in front of the fake Stash that can refuse connections (Stash restarting). */
class RestartableProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;
  constructor(private readonly target: number) {}
  async up(): Promise<void> {
    const server = createServer((client) => {
      const socket = connect(this.target, "127.0.0.1");
      for (const s of [client, socket]) {
        this.sockets.add(s);
        s.on("close", () => this.sockets.delete(s));
        s.on("error", () => s.destroy());
      }
      client.pipe(socket).pipe(client);
    });
    await new Promise<void>((r) => server.listen(this.port, "127.0.0.1", r));
    const address = server.address();
    if (typeof address === "object" && address) this.port = address.port;
    this.server = server;
  }
  async down(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((r) => server.close(() => r()));
  }
}

/** Points the fake Stash's plugin runner at another port (the proxy); a bench-only reach into the fake. */
function setRunnerPort(world: World, port: number): void {
  (world.runner as unknown as { options: { port: number } }).options.port = port;
}

/** Stash refuses connections for `downMs` at a time, repeatedly, while the drain fetches scenes from it. */
export function stashRestarting(
  scenes: number,
  downMs: number,
  deadlineMs: number,
  maxRestarts = Number.POSITIVE_INFINITY,
): Promise<CampaignResult> {
  return bulkUnderFault("stash-restarting", scenes, deadlineMs, async (world, stop) => {
    const proxy = new RestartableProxy(world.stash.port);
    await proxy.up();
    setRunnerPort(world, proxy.port);
    let restarts = 0;
    while (Number.isFinite(maxRestarts) ? restarts < maxRestarts : !stop()) {
      await sleep(downMs);
      await proxy.down();
      restarts += 1;
      await sleep(downMs);
      await proxy.up();
    }
    setRunnerPort(world, world.stash.port);
    await proxy.down();
    return [`${restarts} Stash restarts of ${downMs} ms`];
  });
}
