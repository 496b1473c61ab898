import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeFileSync, writeSync } from "node:fs";
import path from "node:path";
import type { Clock } from "../core/clock.js";
import { isProcessAlive } from "../fs/process-alive.js";
import type { PluginInput } from "../protocol/input.js";

/** The hidden mode the detached drainer runs under; not a task, so not in the manifest. */
export const DRAINER_MODE = "__drainer";

/** How long a spawn marker keeps other processes from spawning another drainer while the first starts up. */
const SPAWN_MARKER_TTL_MS = 15_000;

export interface SpawnDeps {
  clock: Clock;
  dataDir: string;
  scriptPath: string;
  input: PluginInput;
  isDrainerAlive: () => Promise<boolean>;
}

/**
 * Starts a background drainer unless one runs or is starting. A burst of hooks starts at most one: the first
 * claims a marker file with O_EXCL; the others see it and return. The connection (with the session cookie)
 * goes to the child on its stdin pipe — never through a file — and the child is fully detached, so the hook
 * returns at once and Stash's wait for our stdout EOF is not held up by the child.
 */
export async function ensureDrainer(deps: SpawnDeps): Promise<"running" | "starting" | "spawned"> {
  if (await deps.isDrainerAlive()) return "running";
  const marker = path.join(deps.dataDir, "drainer.spawn");
  if (!claimMarker(marker, deps.clock.now())) return "starting";
  // Loaded here, not at start-up: most hooks find a drainer running and never spawn.
  const { spawn } = await import("node:child_process");
  const child = spawn(process.execPath, [deps.scriptPath], {
    // glibc gives each thread that allocates its own arena; two keep a drainer's RSS ~20 MB lower (benchmarks.md).
    env: { ...process.env, MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? "2" },
    detached: true,
    stdio: ["pipe", "ignore", "ignore"],
    windowsHide: true,
  });
  const payload = JSON.stringify({
    server_connection: deps.input.server_connection,
    args: { mode: DRAINER_MODE },
  });
  await new Promise<void>((resolve) => {
    child.on("error", () => resolve());
    child.stdin?.on("error", () => resolve());
    child.stdin?.end(payload, () => resolve());
  });
  child.unref();
  // Name the child in the marker: a child killed before it takes the lock must not block spawns for the TTL.
  if (child.pid !== undefined) recordMarkerPid(marker, deps.clock.now(), child.pid);
  return "spawned";
}

function claimMarker(marker: string, now: number): boolean {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(marker, "wx", 0o600);
      writeSync(fd, String(now));
      closeSync(fd);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") return true;
      if (!markerExpired(marker, now)) return false;
      try {
        unlinkSync(marker);
      } catch {
        // another process removed it first; try again
      }
    }
  }
  return false;
}

function recordMarkerPid(marker: string, now: number, pid: number): void {
  try {
    writeFileSync(marker, `${now} ${pid}`, { flag: "r+" });
  } catch {
    // the child already took the lock and removed the marker
  }
}

function markerExpired(marker: string, now: number): boolean {
  try {
    const [time, pid] = readFileSync(marker, "utf8").trim().split(" ");
    if (pid !== undefined && !isProcessAlive(Number(pid))) return true;
    const written = Number(time);
    const at = Number.isFinite(written) && written > 0 ? written : statSync(marker).mtimeMs;
    return now - at > SPAWN_MARKER_TTL_MS || at - now > SPAWN_MARKER_TTL_MS;
  } catch {
    return true;
  }
}

/** Called by the drainer once it tried to take the drainer role, so the next burst may spawn again after it exits. */
export function releaseSpawnMarker(dataDir: string): void {
  try {
    unlinkSync(path.join(dataDir, "drainer.spawn"));
  } catch {
    // already gone
  }
}
