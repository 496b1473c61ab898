import type { Runtime } from "../runtime/runtime.js";
import { openReader } from "../runtime/store-access.js";
import { applyCommand } from "./apply-command.js";
import type { Command } from "./commands.js";

/** Applies a command to the store directly (one transaction, committed when this returns). */
export async function runCommand(rt: Runtime, command: Command): Promise<string> {
  const store = await openReader(rt);
  try {
    return applyCommand(store, command, rt.clock.now());
  } finally {
    await store.close();
  }
}
