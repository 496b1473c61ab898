import type { HistoryQuery, PlexClient } from "../plex/index.js";

/** Runs one Plex call under the pacer (rate + concurrency) and the circuit breaker. */
export type Guard = <T>(fn: () => Promise<T>) => Promise<T>;

/**
 * The Plex client the pipeline uses: every request goes through `guard`, so the rate limit, the concurrency
 * cap and the breaker see each request (section sweeps included), and nothing can bypass them.
 */
export function guardedPlexClient(plex: PlexClient, guard: Guard): PlexClient {
  async function* sectionItems(sectionId: string, pageSize = 100) {
    let start = 0;
    for (;;) {
      const page = await guard(() => plex.sectionPage(sectionId, start, pageSize));
      if (page.items.length === 0) return;
      yield page;
      start = page.offset + page.items.length;
      if (page.totalSize !== null ? start >= page.totalSize : page.items.length < pageSize) return;
    }
  }
  async function* history(query: HistoryQuery, pageSize = 500) {
    let start = 0;
    for (;;) {
      const page = await guard(() => plex.historyPage(query, start, pageSize));
      if (page.rows.length === 0) return;
      yield page;
      start = page.offset + page.rows.length;
      if (page.totalSize !== null ? start >= page.totalSize : page.rows.length < pageSize) return;
    }
  }
  return {
    identity: (call) => guard(() => plex.identity(call)),
    sections: (call) => guard(() => plex.sections(call)),
    sectionPage: (id, start, size, call) => guard(() => plex.sectionPage(id, start, size, call)),
    sectionItems,
    metadata: (rk, call) => guard(() => plex.metadata(rk, call)),
    edit: (sid, rk, params, call) => guard(() => plex.edit(sid, rk, params, call)),
    collections: (sid, call) => guard(() => plex.collections(sid, call)),
    editCollection: (sid, rk, params, call) => guard(() => plex.editCollection(sid, rk, params, call)),
    uploadPoster: (rk, bytes, call) => guard(() => plex.uploadPoster(rk, bytes, call)),
    uploadArt: (rk, bytes, call) => guard(() => plex.uploadArt(rk, bytes, call)),
    selectPoster: (rk, url, call) => guard(() => plex.selectPoster(rk, url, call)),
    selectArt: (rk, url, call) => guard(() => plex.selectArt(rk, url, call)),
    posters: (rk, call) => guard(() => plex.posters(rk, call)),
    arts: (rk, call) => guard(() => plex.arts(rk, call)),
    scanPath: (sid, path, call) => guard(() => plex.scanPath(sid, path, call)),
    activities: (call) => guard(() => plex.activities(call)),
    historyPage: (query, start, size, call) => guard(() => plex.historyPage(query, start, size, call)),
    history,
    requestCount: () => plex.requestCount(),
  };
}
