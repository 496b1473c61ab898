/**
 * Our own rating writes to Stash (`sceneUpdate`) fire Stash's Scene.Update.Post hook like a user's edit. Before
 * writing, the import leaves a mark `import-echo/<sceneId>.json` with the rating it is about to write; the
 * hook (local files only) drops the event whose only change is that rating, and removes the mark. So an
 * imported rating never becomes a queue job or a Plex write. A mark older than ECHO_TTL_MS is ignored.
 */
import { readdirSync, readFileSync, unlinkSync } from "node:fs";
import path from "node:path";
import { writeFileAtomicSync } from "../fs/atomic.js";
import type { HookContext } from "../protocol/input.js";

export const ECHO_DIR = "import-echo";
export const ECHO_TTL_MS = 10 * 60_000;

export interface EchoMark {
  rating100: number;
  /** Epoch ms, our clock. */
  at: number;
}

const RATING_FIELDS = new Set(["rating100", "rating"]);
const IGNORED_FIELDS = new Set(["id", "clientMutationId"]);

function markPath(dataDir: string, sceneId: string): string {
  return path.join(dataDir, ECHO_DIR, `${sceneId.replace(/\D/g, "")}.json`);
}

export function writeEchoMark(dataDir: string, sceneId: string, mark: EchoMark): void {
  writeFileAtomicSync(markPath(dataDir, sceneId), JSON.stringify(mark));
}

export function readEchoMark(dataDir: string, sceneId: string): EchoMark | null {
  try {
    const raw = JSON.parse(readFileSync(markPath(dataDir, sceneId), "utf8")) as Partial<EchoMark>;
    return typeof raw.rating100 === "number" && typeof raw.at === "number"
      ? { rating100: raw.rating100, at: raw.at }
      : null;
  } catch {
    return null;
  }
}

export function clearEchoMark(dataDir: string, sceneId: string): void {
  try {
    unlinkSync(markPath(dataDir, sceneId));
  } catch {
    // gone already
  }
}

/** Pure: a Scene.Update.Post whose only change is the rating (the only hooks worth reading a mark for). */
export function touchesOnlyRating(context: HookContext): boolean {
  if (context.type !== "Scene.Update.Post") return false;
  const fields = (context.inputFields ?? []).filter((f) => !IGNORED_FIELDS.has(f));
  return fields.length > 0 && fields.every((f) => RATING_FIELDS.has(f));
}

/** Pure: is this hook the echo of the import's own rating write described by `mark`? */
export function isImportEcho(context: HookContext, mark: EchoMark | null, now: number): boolean {
  if (mark === null || !touchesOnlyRating(context)) return false;
  if (now - mark.at > ECHO_TTL_MS || now < mark.at - ECHO_TTL_MS) return false;
  const input = context.input;
  if (!input || typeof input !== "object") return false;
  return (input as { rating100?: unknown }).rating100 === mark.rating100;
}

/** Removes marks whose hook never came (the plugin was disabled, Stash restarted): run at each import. */
export function pruneEchoMarks(dataDir: string, now: number): number {
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(path.join(dataDir, ECHO_DIR));
  } catch {
    return 0;
  }
  for (const name of names) {
    const id = name.replace(/\.json$/, "");
    const mark = readEchoMark(dataDir, id);
    if (mark !== null && Math.abs(now - mark.at) <= ECHO_TTL_MS) continue;
    try {
      unlinkSync(path.join(dataDir, ECHO_DIR, name));
      removed++;
    } catch {
      // gone already
    }
  }
  return removed;
}
