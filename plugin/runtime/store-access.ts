import { openStore, type Store } from "../store/index.js";
import type { Runtime } from "./runtime.js";

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
