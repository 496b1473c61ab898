import type { Runtime } from "../app/runtime.js";
import { openStore, type Store } from "../store/index.js";
import { applyCommand } from "../worker/apply-command.js";
import type { Command } from "../worker/commands.js";

export async function openReader(rt: Runtime): Promise<Store> {
  return openStore({ dir: rt.dataDir, clock: rt.clock, logger: rt.logger.child("Store") });
}

/** The store with the drainer role taken, when no live process holds it; null when a drainer (or a task) does. */
export async function tryOpenWriter(rt: Runtime): Promise<Store | null> {
  const store = await openReader(rt);
  try {
    if (store.takeDrainerRole()) return store;
  } catch (error) {
    await store.close();
    throw error;
  }
  await store.close();
  return null;
}

/** Whether a live process holds the drainer role. */
export async function isDrainerRunning(rt: Runtime): Promise<boolean> {
  const store = await openReader(rt);
  try {
    return store.drainerAlive();
  } finally {
    await store.close();
  }
}

/** Applies a command to the store directly (one transaction, committed when this returns). */
export async function runCommand(rt: Runtime, command: Command): Promise<string> {
  const store = await openReader(rt);
  try {
    return applyCommand(store, command, rt.clock.now());
  } finally {
    await store.close();
  }
}
