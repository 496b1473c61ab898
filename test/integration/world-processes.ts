import { readdirSync, readFileSync } from "node:fs";

/**
 * Processes of one world's plugin: their environment names the world's private data folder (the runner sets
 * STASH_PLUGIN_DATA; detached drainers and scheduled runs inherit it). Linux /proc; elsewhere none are found.
 */
export function processesOf(dataDir: string): number[] {
  const marker = `STASH_PLUGIN_DATA=${dataDir}\0`;
  let names: string[];
  try {
    names = readdirSync("/proc");
  } catch {
    return [];
  }
  const pids: number[] = [];
  for (const name of names) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${name}/environ`, "utf8").includes(marker)) pids.push(Number(name));
    } catch {
      // exited meanwhile, or not ours to read
    }
  }
  return pids;
}

/** SIGKILLs every process of the world (a detached drainer outlives the runner's own kill). */
export function killProcessesOf(dataDir: string): void {
  for (const pid of processesOf(dataDir)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // gone already
    }
  }
}
