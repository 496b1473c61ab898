/**
 * The fake's watch history: `GET /status/sessions/history/all` with the filters python-plexapi sends
 * (`metadataItemID`, `accountID`, `librarySectionID`, `viewedAt>` / `viewedAt<`, `sort=viewedAt:desc|asc`),
 * paged with X-Plex-Container-Start/Size (header or query). A play also updates the item's view state as
 * Plex does: viewCount + 1, lastViewedAt, and the resume point cleared.
 */

import type { Tree } from "./render.js";
import type { FakePlay, FakePlexState } from "./state.js";

export interface PlaySpec {
  ratingKey: string;
  /** Epoch seconds. */
  viewedAt: number;
  /** 1 = the server owner (the token's account). */
  accountId?: number;
  deviceId?: number;
}

export function addPlay(state: FakePlexState, spec: PlaySpec): FakePlay {
  const item = state.items.get(spec.ratingKey);
  if (!item) throw new Error(`fake Plex: no item ${spec.ratingKey}`);
  const play: FakePlay = {
    id: state.history.length + 1,
    ratingKey: spec.ratingKey,
    sectionId: item.sectionId,
    viewedAt: spec.viewedAt,
    accountId: spec.accountId ?? 1,
    deviceId: spec.deviceId ?? 1,
  };
  state.history.push(play);
  if (play.accountId === 1) {
    item.viewCount += 1;
    item.lastViewedAt = Math.max(item.lastViewedAt ?? 0, play.viewedAt);
    item.viewOffset = null;
  }
  return play;
}

function numberParam(query: URLSearchParams, name: string): number | null {
  const value = query.get(name);
  return value !== null && /^\d+$/.test(value) ? Number(value) : null;
}

/** The rows the filters select, sorted as asked (newest first by default). */
export function selectHistory(state: FakePlexState, query: URLSearchParams): FakePlay[] {
  const item = query.get("metadataItemID");
  const account = numberParam(query, "accountID");
  const section = query.get("librarySectionID");
  const after = numberParam(query, "viewedAt>");
  const before = numberParam(query, "viewedAt<");
  const rows = state.history.filter(
    (p) =>
      (item === null || p.ratingKey === item) &&
      (account === null || p.accountId === account) &&
      (section === null || p.sectionId === section) &&
      (after === null || p.viewedAt > after) &&
      (before === null || p.viewedAt < before),
  );
  const ascending = query.get("sort") === "viewedAt:asc";
  return rows.sort((a, b) => (ascending ? a.viewedAt - b.viewedAt : b.viewedAt - a.viewedAt) || a.id - b.id);
}

export function historyRow(state: FakePlexState, play: FakePlay): Tree {
  const item = state.items.get(play.ratingKey);
  return {
    historyKey: `/status/sessions/history/${play.id}`,
    key: item ? `/library/metadata/${play.ratingKey}` : undefined,
    ratingKey: item ? play.ratingKey : undefined,
    librarySectionID: play.sectionId,
    title: item?.values.title,
    type: "movie",
    thumb:
      item && item.thumbTs !== null ? `/library/metadata/${play.ratingKey}/thumb/${item.thumbTs}` : undefined,
    viewedAt: play.viewedAt,
    accountID: play.accountId,
    deviceID: play.deviceId,
  };
}
