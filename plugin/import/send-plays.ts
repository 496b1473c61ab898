/**
 * Sends plays to Stash exactly once. Per chunk (plays in viewedAt order): record the intents, send one
 * aliased `sceneAddPlay` request for the chunk's scenes, settle. When the request fails (Stash runs the other
 * fields even when one fails, e.g. a scene deleted meanwhile), the chunk's intents are checked against the
 * scenes' play_history like a killed run's and only what is missing is sent again, once.
 */

import type { ImportLedger } from "../import-rules/ledger.js";
import {
  chunkPlays,
  epochSecondsOf,
  groupByScene,
  LOOKBACK_SECONDS,
  type PendingResolution,
  type PlayIntent,
  resolvePending,
  timestampOf,
} from "../import-rules/plays.js";
import { isStashError, type StashClient } from "../stash/index.js";

export const PLAYS_PER_CHUNK = 500;

export interface SendOutcome {
  added: number;
  recovered: number;
  dropped: number;
}

/** Intents against what Stash's play history holds now (one read per 100 scenes). */
export async function checkIntents(
  stash: StashClient,
  intents: readonly PlayIntent[],
): Promise<PendingResolution> {
  const scenes = await stash.scenesActivity([...new Set(intents.map((i) => i.sceneId))]);
  const history = new Map<string, number[] | null>();
  for (const intent of intents) {
    const scene = scenes.get(intent.sceneId);
    history.set(intent.sceneId, scene ? epochSecondsOf(scene.playHistory) : null);
  }
  return resolvePending(intents, history);
}

async function sendOnce(stash: StashClient, plays: readonly PlayIntent[]): Promise<Set<string>> {
  const batch = [...groupByScene(plays)].map(([sceneId, list]) => ({
    sceneId,
    times: list.map((p) => timestampOf(p.viewedAt)),
  }));
  return stash.addPlays(batch);
}

async function sendChunk(
  stash: StashClient,
  ledger: ImportLedger,
  chunk: PlayIntent[],
  outcome: SendOutcome,
  advanceHighWater = true,
) {
  const upTo = advanceHighWater ? (chunk[chunk.length - 1]?.viewedAt ?? null) : null;
  ledger.recordIntents(chunk);
  try {
    const done = await sendOnce(stash, chunk);
    const sent = chunk.filter((p) => done.has(p.sceneId));
    ledger.settle(
      sent.map((p) => p.key),
      sent.length === chunk.length ? upTo : null,
    );
    outcome.added += sent.length;
    if (sent.length === chunk.length) return;
  } catch (error) {
    if (!isStashError(error)) throw error;
    // Checked below against what Stash holds now.
  }
  const check = await checkIntents(stash, chunk);
  ledger.settle([...check.confirmed, ...check.dropped], null);
  outcome.added += check.confirmed.length;
  outcome.dropped += check.dropped.length;
  if (check.resend.length === 0) {
    ledger.settle([], upTo);
    return;
  }
  const again = await sendOnce(stash, check.resend);
  const sent = check.resend.filter((p) => again.has(p.sceneId));
  ledger.settle(
    sent.map((p) => p.key),
    sent.length === check.resend.length ? upTo : null,
  );
  outcome.added += sent.length;
}

/** Intents a killed run left behind: confirmed when Stash has them, else sent now. */
export async function recoverPending(
  stash: StashClient,
  ledger: ImportLedger,
  outcome: SendOutcome,
): Promise<void> {
  const pending = ledger.pending();
  if (pending.length === 0) return;
  const check = await checkIntents(stash, pending);
  ledger.settle([...check.confirmed, ...check.dropped], null);
  outcome.recovered += check.confirmed.length;
  outcome.dropped += check.dropped.length;
  for (const chunk of chunkPlays(check.resend, PLAYS_PER_CHUNK))
    await sendChunk(stash, ledger, chunk, outcome);
}

export async function sendPlays(
  stash: StashClient,
  ledger: ImportLedger,
  plays: readonly PlayIntent[],
  hooks: { onChunk: (done: number) => void; advanceHighWater: boolean },
): Promise<SendOutcome> {
  const outcome: SendOutcome = { added: 0, recovered: 0, dropped: 0 };
  let done = 0;
  for (const chunk of chunkPlays(plays, PLAYS_PER_CHUNK)) {
    await sendChunk(stash, ledger, chunk, outcome, hooks.advanceHighWater);
    const highWater = ledger.highWater();
    if (hooks.advanceHighWater && highWater !== null) ledger.prune(highWater - LOOKBACK_SECONDS);
    done += chunk.length;
    hooks.onChunk(done);
  }
  return outcome;
}
