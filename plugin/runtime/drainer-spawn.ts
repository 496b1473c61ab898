import path from "node:path";
import type { Clock } from "../core/clock.js";
import { isProcessAlive } from "../fs/process-alive.js";
import { spawnDetached } from "../process/detached-spawn.js";
import { claimExclusive, nameClaimHolder, releaseClaim } from "../process/exclusive-claim.js";
import type { PluginInput } from "../protocol/input.js";

/** The hidden mode the detached drainer runs under; not a task, so not in the manifest. */
export const DRAINER_MODE = "__drainer";

/** How long a spawn marker keeps other processes from spawning another drainer while the first starts up. */
const SPAWN_MARKER_TTL_MS = 15_000;
const SPAWN_MARKER = "drainer.spawn";

export interface SpawnDeps {
  clock: Clock;
  dataDir: string;
  scriptPath: string;
  input: PluginInput;
  isDrainerAlive: () => Promise<boolean>;
}

/**
 * Starts a background drainer unless one runs or is starting. A burst of hooks starts at most one: the first
 * claims the spawn marker (process/exclusive-claim.ts); the others see it and return. The child gets the
 * connection (session cookie included) on its stdin pipe and is fully detached (process/detached-spawn.ts).
 */
export async function ensureDrainer(deps: SpawnDeps): Promise<"running" | "starting" | "spawned"> {
  if (await deps.isDrainerAlive()) return "running";
  const marker = path.join(deps.dataDir, SPAWN_MARKER);
  // The marker names this process until the child is named: a hook killed before it spawned must not block
  // the next hook's spawn for the TTL (it would leave queued work without a drainer).
  const claim = { ttlMs: SPAWN_MARKER_TTL_MS, isAlive: isProcessAlive, holder: process.pid };
  if (!claimExclusive(marker, deps.clock.now(), claim)) return "starting";
  const pid = await spawnDetached(
    deps.scriptPath,
    { server_connection: deps.input.server_connection, args: { mode: DRAINER_MODE } },
    // glibc gives each thread that allocates its own arena; two keep a drainer's RSS lower (benchmarks.md).
    { ...process.env, MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? "2" },
  );
  // Name the child in the marker: a child killed before it takes the role must not block spawns for the TTL.
  if (pid !== undefined) nameClaimHolder(marker, deps.clock.now(), pid);
  return "spawned";
}

/** Called by the drainer once it tried to take the drainer role, so the next burst may spawn again after it exits. */
export function releaseSpawnMarker(dataDir: string): void {
  releaseClaim(path.join(dataDir, SPAWN_MARKER));
}
