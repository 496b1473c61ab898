import { ensureDrainer } from "./drainer-spawn.js";
import type { Runtime } from "./runtime.js";
import { isDrainerRunning } from "./store-access.js";

// Apart from drainer-spawn.ts so the hook path, which imports that, never loads the store through this.
/** ensureDrainer for an operation, task or reconcile: the drainer's liveness read from the store. */
export async function startDrainer(rt: Runtime): Promise<void> {
  await ensureDrainer({
    clock: rt.clock,
    dataDir: rt.dataDir,
    scriptPath: rt.scriptPath,
    input: rt.input,
    isDrainerAlive: () => isDrainerRunning(rt),
  });
}
