/**
 * Reads Plex's watch history since the ledger's high-water mark (minus the look-back window), oldest first, one
 * paged read per configured section, only the token owner's plays unless `import_all_accounts`. The owner is
 * account 1: only the server owner's token may edit library metadata, which the sync needs anyway.
 * Pages are handed over one at a time, so a first import of 100,000 plays never holds them all.
 */

import { historySince, type PlexPlay, playKey } from "../import-rules/plays.js";
import type { PlexClient, PlexSection } from "../plex/index.js";

export const OWNER_ACCOUNT_ID = "1";
const HISTORY_PAGE_SIZE = 500;

export interface HistoryPage {
  plays: PlexPlay[];
  /** Rows of items Plex no longer has (no ratingKey): they can match no scene. */
  orphanRows: number;
  /** Newest viewedAt of the page. */
  newest: number | null;
  /**
   * Every row read so far (this page included) came in viewedAt order. Only then may the high-water mark
   * move before the read is complete: a server that ignored `sort=viewedAt:asc` would otherwise let a
   * killed run skip the older plays it had not reached.
   */
  inOrder: boolean;
  /** How far the read is, 0..1 (from Plex's totalSize, per section). */
  fraction: number;
}

export async function* readHistory(
  plex: PlexClient,
  sections: readonly PlexSection[],
  options: { highWater: number | null; allAccounts: boolean },
): AsyncGenerator<HistoryPage> {
  const viewedAfter = historySince(options.highWater);
  const accountId = options.allAccounts ? null : OWNER_ACCOUNT_ID;
  let inOrder = sections.length <= 1;
  let last = Number.NEGATIVE_INFINITY;
  for (const [i, section] of sections.entries()) {
    const query = { viewedAfter, sectionId: section.key, accountId, oldestFirst: true };
    for await (const raw of plex.history(query, HISTORY_PAGE_SIZE)) {
      const inSection = raw.totalSize ? Math.min(1, (raw.offset + raw.rows.length) / raw.totalSize) : 1;
      const fraction = (i + inSection) / sections.length;
      const page: HistoryPage = { plays: [], orphanRows: 0, newest: null, inOrder, fraction };
      for (const row of raw.rows) {
        if (row.viewedAt < last) page.inOrder = inOrder = false;
        last = Math.max(last, row.viewedAt);
        page.newest = Math.max(page.newest ?? row.viewedAt, row.viewedAt);
        if (row.ratingKey === null) {
          page.orphanRows++;
          continue;
        }
        const key = playKey({ ...row, ratingKey: row.ratingKey, historyKey: row.historyKey ?? undefined });
        page.plays.push({ key, ratingKey: row.ratingKey, viewedAt: row.viewedAt, accountId: row.accountId });
      }
      yield page;
    }
  }
}
