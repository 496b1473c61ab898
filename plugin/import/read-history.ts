/**
 * Reads Plex's watch history since the ledger's high-water mark (minus the look-back window), one paged read
 * per configured section, only the token owner's plays unless `import_all_accounts`. The owner is account 1:
 * only the server owner's token may edit library metadata, which the sync needs anyway.
 */
import type { PlexClient, PlexSection } from "../plex/index.js";
import { historySince, type PlexPlay, playKey } from "./plays.js";

export const OWNER_ACCOUNT_ID = "1";
const HISTORY_PAGE_SIZE = 500;

export interface HistoryRead {
  plays: PlexPlay[];
  /** Rows of items Plex no longer has (no ratingKey): they can match no scene. */
  orphanRows: number;
  /** Newest viewedAt read, or null when nothing was read. */
  newest: number | null;
}

export async function readHistory(
  plex: PlexClient,
  sections: readonly PlexSection[],
  options: { highWater: number | null; allAccounts: boolean },
): Promise<HistoryRead> {
  const out: HistoryRead = { plays: [], orphanRows: 0, newest: null };
  const viewedAfter = historySince(options.highWater);
  const accountId = options.allAccounts ? null : OWNER_ACCOUNT_ID;
  for (const section of sections) {
    const query = { viewedAfter, sectionId: section.key, accountId };
    for await (const page of plex.history(query, HISTORY_PAGE_SIZE)) {
      for (const row of page.rows) {
        out.newest = Math.max(out.newest ?? row.viewedAt, row.viewedAt);
        if (row.ratingKey === null) {
          out.orphanRows++;
          continue;
        }
        const key = playKey({ ...row, ratingKey: row.ratingKey, historyKey: row.historyKey ?? undefined });
        out.plays.push({ key, ratingKey: row.ratingKey, viewedAt: row.viewedAt, accountId: row.accountId });
      }
    }
  }
  return out;
}
