import { existsSync } from "node:fs";
import path from "node:path";
import type { Runtime } from "../app/runtime.js";
import { clearLibraryIndexFile } from "../library/index-file.js";
import {
  inboxDir,
  LockBusyError,
  openStore,
  type StoreReader,
  type StoreWriter,
  writeInboxEntry,
} from "../store/index.js";
import { applyCommand, type CommandEffects } from "../worker/apply-command.js";
import { type Command, commandEnvelope } from "../worker/commands.js";

/** How long a task waits for a running drainer to apply a command it handed over. */
const HANDOVER_WAIT_MS = 30_000;

export async function openReader(rt: Runtime): Promise<StoreReader> {
  return openStore({ dir: rt.dataDir, clock: rt.clock, logger: rt.logger.child("Store"), mode: "reader" });
}

/** Takes the writer role if nobody holds it; null when a drainer (or another task) does. */
export async function tryOpenWriter(rt: Runtime): Promise<StoreWriter | null> {
  try {
    return await openStore({
      dir: rt.dataDir,
      clock: rt.clock,
      logger: rt.logger.child("Store"),
      mode: "writer",
    });
  } catch (error) {
    if (error instanceof LockBusyError) return null;
    throw error;
  }
}

/**
 * Applies a command: directly when this process can take the writer role, else through the inbox of the
 * running drainer, waiting (bounded) until it has been applied. Either way the command is never lost: an inbox
 * file that is not applied yet stays for the next drainer.
 */
export async function runCommand(rt: Runtime, command: Command): Promise<string> {
  const writer = await tryOpenWriter(rt);
  if (writer) {
    try {
      return applyCommand(writer, command, commandEffects(rt.dataDir), rt.clock.now());
    } finally {
      await writer.close();
    }
  }
  const id = writeInboxEntry(rt.dataDir, commandEnvelope(command, rt.clock.now()), rt.clock);
  const file = path.join(inboxDir(rt.dataDir), `${id}.json`);
  const deadline = Date.now() + HANDOVER_WAIT_MS;
  while (existsSync(file) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  return existsSync(file)
    ? "handed to the running worker (it will apply it shortly)"
    : "applied by the running worker";
}

export function commandEffects(dataDir: string): CommandEffects {
  return { clearLibraryIndex: () => clearLibraryIndexFile(dataDir) };
}
