/**
 * Fault campaigns about the machine rather than the servers: the data folder full or read-only (a real tmpfs,
 * root only), the clock jumping between plugin processes, two Stash instances sharing one plugin folder.
 * Each fires hooks (edits) as Stash does and counts outcomes like bench/fault-campaign.lib.ts.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startFakeStash } from "../test/fakes/stash/index.js";
import { PLEX_TOKEN, type World } from "../test/integration/world.js";
import {
  type CampaignResult,
  campaignWorld,
  countOutcomes,
  drainUntilIdle,
  editViaHook,
  ids,
  originalTitles,
  TIME_SCALE,
} from "./fault-campaign.lib.js";

function mount(dir: string, options: string): string | null {
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", options, "tmpfs", dir], { stdio: "pipe" });
    return null;
  } catch (error) {
    return `cannot mount a tmpfs here (needs root/CAP_SYS_ADMIN): ${String(error).split("\n")[0]}`;
  }
}

function remount(dir: string, options: string): void {
  execFileSync("mount", ["-o", `remount,${options}`, dir], { stdio: "pipe" });
}

/** Drains, then retries the remount until the kernel no longer finds it busy (the drainer exits when idle). */
async function remountWhenQuiet(world: World, dir: string, options: string): Promise<void> {
  await drainUntilIdle(world, 60_000);
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      remount(dir, options);
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

function unmount(dir: string): void {
  try {
    execFileSync("umount", ["-l", dir], { stdio: "pipe" });
  } catch {
    // already unmounted
  }
}

interface EditRound {
  accepted: Map<string, string>;
  refused: number;
  errors: Set<string>;
}

async function editAll(
  world: World,
  sceneIds: readonly string[],
  tag: string,
  round: EditRound,
): Promise<void> {
  for (const id of sceneIds) {
    const title = `c-${tag}-${id}`;
    const result = await editViaHook(world, world.runner, id, title);
    if (result.ok) round.accepted.set(id, title);
    else {
      round.refused += 1;
      round.errors.add(
        String(result.error)
          .replace(/\/tmp\/[^\s,)]+/g, "<dir>")
          .slice(0, 160),
      );
    }
  }
}

/** Data folder on a tmpfs that fills up (`fullSize`), then grows; or goes read-only, then writable again. */
export async function dataFolderFault(kind: "full" | "read-only", scenes: number): Promise<CampaignResult> {
  const name = kind === "full" ? "data-folder-full" : "data-folder-read-only";
  const dir = mkdtempSync(path.join(tmpdir(), "s2p-tmpfs-"));
  const empty = {
    campaign: name,
    scenes,
    edits: 0,
    lost: 0,
    duplicated: 0,
    corrupt: 0,
    deadLettered: 0,
    refused: 0,
    ms: 0,
    notes: [],
  };
  // "full": a 512 KiB tmpfs (room for the new database and a few commits) that later grows. "read-only": a tmpfs remounted ro once no process holds a file open
  // for writing (the kernel refuses `remount,ro` as busy until the drainer has exited), later rw again.
  const view = path.join(dir, "view");
  mkdirSync(view);
  const cannot = mount(view, kind === "full" ? "size=512k,mode=0700" : "size=32m,mode=0700");
  if (cannot) return { ...empty, skipped: cannot };
  const started = Date.now();
  const world = await campaignWorld(scenes);
  try {
    world.runner.setEnv({ STASH_PLUGIN_DATA: path.join(view, "data") });
    const all = ids(scenes);
    const original = originalTitles(world, all);
    const round: EditRound = { accepted: new Map(), refused: 0, errors: new Set() };
    const half = Math.floor(scenes / 2);
    await editAll(world, all.slice(0, half), "before", round);
    if (kind === "read-only") await remountWhenQuiet(world, view, "ro");
    await editAll(world, all.slice(half), "during", round);
    const task = await world.runner.runTask("Process Queue");
    if (task.error)
      round.errors.add(`Process Queue: ${task.error.replace(/\/tmp\/[^\s,)]+/g, "<dir>").slice(0, 160)}`);
    remount(view, kind === "full" ? "size=64m" : "rw");
    await drainUntilIdle(world, 120_000);
    const counts = await countOutcomes(world, round.accepted, original);
    return {
      ...empty,
      edits: scenes,
      refused: round.refused,
      ms: Date.now() - started,
      ...counts,
      notes: [...round.errors].slice(0, 4).concat(counts.notes),
    };
  } finally {
    await world.stop();
    unmount(view);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Each plugin process sees the clock shifted by the next offset (NTP corrections, a VM resumed, a bad RTC). */
export async function clockJumps(scenes: number, offsetsMs: readonly number[]): Promise<CampaignResult> {
  const world = await campaignWorld(scenes);
  const started = Date.now();
  try {
    const all = ids(scenes);
    const original = originalTitles(world, all);
    const round: EditRound = { accepted: new Map(), refused: 0, errors: new Set() };
    for (const [step, offset] of offsetsMs.entries()) {
      world.runner.setEnv({ STASH2PLEX_TEST_CLOCK_OFFSET_MS: String(offset) });
      await editAll(world, all, `step${step}`, round);
      await world.runner.runTask("Process Queue");
    }
    world.runner.setEnv({ STASH2PLEX_TEST_CLOCK_OFFSET_MS: "0" });
    await drainUntilIdle(world, 120_000);
    const counts = await countOutcomes(world, round.accepted, original);
    return {
      campaign: "clock-jumps",
      scenes,
      edits: scenes * offsetsMs.length,
      refused: round.refused,
      ms: Date.now() - started,
      ...counts,
      notes: [`offsets (h): ${offsetsMs.map((o) => o / 3_600_000).join(", ")}`, ...counts.notes],
    };
  } finally {
    await world.stop();
  }
}

/** A second Stash (same library) runs the same plugin folder: hooks alternate between the two. */
export async function twoStashInstances(scenes: number, rounds: number): Promise<CampaignResult> {
  const world = await campaignWorld(scenes);
  const started = Date.now();
  const second = await startFakeStash({
    scenes,
    requireAuth: true,
    plugin: {
      dir: world.pluginDir,
      env: { STASH_PLUGIN_DATA: world.dataDir, STASH2PLEX_TEST_TIME_SCALE: TIME_SCALE },
      stashDir: path.dirname(path.dirname(world.pluginDir)),
    },
  });
  try {
    second.state.pluginSettings.set("Stash2Plex", { plex_url: world.plex.url, plex_token: PLEX_TOKEN });
    const runnerB = second.runner;
    if (!runnerB) throw new Error("second Stash has no runner");
    const all = ids(scenes);
    const original = originalTitles(world, all);
    const accepted = new Map<string, string>();
    let refused = 0;
    for (let r = 0; r < rounds; r++) {
      await Promise.all(
        all.map(async (id, i) => {
          const title = `c-two-r${r}-${id}`;
          second.state.updateScene(id, { title }); // one library behind both instances
          const useB = (i + r) % 2 === 1;
          const result = await editViaHook(world, useB ? runnerB : world.runner, id, title);
          if (result.ok) accepted.set(id, title);
          else refused += 1;
        }),
      );
    }
    await drainUntilIdle(world, 120_000);
    const counts = await countOutcomes(world, accepted, original);
    const violations = world.runner.violations.length + runnerB.violations.length;
    return {
      campaign: "two-stash-one-plugin-folder",
      scenes,
      edits: scenes * rounds,
      refused,
      ms: Date.now() - started,
      ...counts,
      notes: [`protocol violations: ${violations}`, ...counts.notes],
    };
  } finally {
    second.runner?.killAll();
    await second.stop();
    await world.stop();
  }
}
