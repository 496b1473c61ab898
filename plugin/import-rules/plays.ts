/**
 * Which Plex plays become Stash plays — PURE. Everything here is a function of the history rows Plex sent,
 * what the ledger remembers and the scene each Plex item matched; no clock, no I/O.
 *
 * Exactly once (see docs/decisions.md "Plays from Plex, exactly once"):
 *  - a play's identity is Plex's own history row (`historyKey`), else ratingKey + viewedAt + account;
 *  - the history is read from `highWater - LOOKBACK_SECONDS` (Plex's clock only: our clock never meets
 *    viewedAt), so late rows (offline devices, long sessions) are still seen, and the ledger's `seen` keys of
 *    that window keep a re-read row from being sent twice;
 *  - plays go out in viewedAt order, a chunk at a time: intents are recorded before the chunk is sent and
 *    confirmed after; an intent found pending on the next run is checked against the scene's play_history.
 */

export const LOOKBACK_SECONDS = 7 * 86_400;

export interface PlexPlay {
  key: string;
  ratingKey: string;
  /** Epoch seconds, Plex's clock. */
  viewedAt: number;
  accountId: string | null;
}

export interface PlayIntent {
  key: string;
  sceneId: string;
  viewedAt: number;
}

/** Where a Plex item's plays go: one scene, or nowhere (reported, never guessed). */
export type PlayTarget =
  | { kind: "scene"; sceneId: string }
  | { kind: "unmatched" }
  | { kind: "ambiguous"; sceneIds: string[] };

export interface PlayDecision {
  /** In viewedAt order. */
  send: PlayIntent[];
  alreadyImported: number;
  unmatched: number;
  ambiguous: number;
}

/** The identity of one history row. */
export function playKey(row: {
  historyKey?: string | undefined;
  ratingKey: string;
  viewedAt: number;
  accountId: string | null;
}): string {
  if (row.historyKey) return `h:${row.historyKey}`;
  return `p:${row.ratingKey}:${row.viewedAt}:${row.accountId ?? "-"}`;
}

/** `viewedAt>` of the next history read: null reads everything (first import). */
export function historySince(highWater: number | null): number | null {
  return highWater === null ? null : Math.max(0, highWater - LOOKBACK_SECONDS);
}

export function decidePlays(
  plays: readonly PlexPlay[],
  seen: (key: string) => boolean,
  target: (ratingKey: string) => PlayTarget,
): PlayDecision {
  const decision: PlayDecision = { send: [], alreadyImported: 0, unmatched: 0, ambiguous: 0 };
  const keys = new Set<string>();
  for (const play of [...plays].sort(byViewedAt)) {
    if (keys.has(play.key)) continue; // a row repeated by a page shift
    keys.add(play.key);
    if (seen(play.key)) {
      decision.alreadyImported++;
      continue;
    }
    const to = target(play.ratingKey);
    if (to.kind === "scene")
      decision.send.push({ key: play.key, sceneId: to.sceneId, viewedAt: play.viewedAt });
    else if (to.kind === "unmatched") decision.unmatched++;
    else decision.ambiguous++;
  }
  return decision;
}

function byViewedAt(a: { viewedAt: number }, b: { viewedAt: number }): number {
  return a.viewedAt - b.viewedAt;
}

/** Consecutive chunks of at most `size` plays; plays of one second never straddle two chunks. */
export function chunkPlays(plays: readonly PlayIntent[], size: number): PlayIntent[][] {
  const chunks: PlayIntent[][] = [];
  let current: PlayIntent[] = [];
  for (const play of plays) {
    const last = current[current.length - 1];
    if (current.length >= size && last !== undefined && last.viewedAt !== play.viewedAt) {
      chunks.push(current);
      current = [];
    }
    current.push(play);
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** One `sceneAddPlay(id, times)` per scene of a chunk. */
export function groupByScene(plays: readonly PlayIntent[]): Map<string, PlayIntent[]> {
  const out = new Map<string, PlayIntent[]>();
  for (const play of plays) {
    const list = out.get(play.sceneId);
    if (list) list.push(play);
    else out.set(play.sceneId, [play]);
  }
  return out;
}

export interface PendingResolution {
  /** Already in Stash's play history: confirm without sending. */
  confirmed: string[];
  /** Not in Stash: send again. */
  resend: PlayIntent[];
  /** The scene is gone from Stash: nothing to send to. */
  dropped: string[];
}

/**
 * Intents recorded but never confirmed (the process died between recording and confirming). For each scene,
 * a time T that the intents hold n times and Stash's play_history holds m times: min(n, m) were delivered.
 * `history` maps a scene id to its play times in epoch seconds, or null when the scene no longer exists.
 */
export function resolvePending(
  intents: readonly PlayIntent[],
  history: ReadonlyMap<string, readonly number[] | null>,
): PendingResolution {
  const out: PendingResolution = { confirmed: [], resend: [], dropped: [] };
  for (const [sceneId, list] of groupByScene(intents)) {
    const times = history.get(sceneId);
    if (times === null || times === undefined) {
      out.dropped.push(...list.map((p) => p.key));
      continue;
    }
    const present = new Map<number, number>();
    for (const t of times) present.set(t, (present.get(t) ?? 0) + 1);
    for (const play of [...list].sort(byViewedAt)) {
      const left = present.get(play.viewedAt) ?? 0;
      if (left > 0) {
        present.set(play.viewedAt, left - 1);
        out.confirmed.push(play.key);
      } else out.resend.push(play);
    }
  }
  return out;
}

/** Stash play_history entries (RFC3339 in the server's offset) as epoch seconds; unparseable ones dropped. */
export function epochSecondsOf(times: readonly string[]): number[] {
  const out: number[] = [];
  for (const t of times) {
    const ms = Date.parse(t);
    if (Number.isFinite(ms)) out.push(Math.floor(ms / 1000));
  }
  return out;
}

/** RFC3339 UTC for a Stash `Timestamp` argument. */
export function timestampOf(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}
