import type { FieldChange } from "../core-sync/index.js";
import type { SceneSyncState } from "../domain/sync-state.js";

export type { FieldChange };

/**
 * The result of syncing one scene when nothing went wrong. Failures are thrown as errors carrying a `kind`
 * (Plex error kinds, or the match outcomes `ambiguous` / `not_found` / `no_file`) so that the one failure table
 * classifies them.
 */
export type SyncOutcome =
  | {
      status: "synced";
      ratingKeys: string[];
      changes: FieldChange[];
      imagesUploaded: number;
      state: SceneSyncState;
    }
  | { status: "unchanged"; ratingKeys: string[]; state: SceneSyncState | null }
  | { status: "skipped"; reason: string };

export interface MatchCandidate {
  ratingKey: string;
  file: string;
  size: number | null;
  title?: string;
}

/** A match that cannot be written: thrown so the failure table decides (dead letter with candidates). */
export class MatchError extends Error {
  constructor(
    readonly kind: "ambiguous" | "not_found" | "no_file",
    message: string,
    readonly candidates: MatchCandidate[] = [],
    readonly triedPaths: string[] = [],
  ) {
    super(message);
  }
}
