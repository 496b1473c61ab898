import type { OperationResult, SceneStatus } from "../../../plugin/ops/contracts";

/**
 * Canned, contract-valid operation answers, built relative to `now` so relative times read naturally in the
 * browser demo and are exact in component tests. Scene ids pick the state:
 * 1 matched · 2 ambiguous · 3 not found + retrying · 4 dead letter · 5 unknown/unconfigured · 666 hostile strings.
 */
export const XSS_TITLE = `<img src=x onerror="window.__stash2plexXss=1">`;
export const XSS_URL = "javascript:window.__stash2plexXss=1";

const MIN = 60_000;
const HOUR = 60 * MIN;

export function sceneStatusFor(sceneId: string, now: number): SceneStatus {
  switch (sceneId) {
    case "1":
      return {
        configured: true,
        match: {
          state: "matched",
          ratingKeys: ["101"],
          items: [
            {
              ratingKey: "101",
              title: "Morning Light",
              sectionId: "1",
              plexWebUrl:
                "http://plex.example:32400/web/index.html#!/server/abc/details?key=%2Flibrary%2Fmetadata%2F101",
            },
          ],
          how: "path",
        },
        lastSync: {
          at: now - 3 * HOUR,
          changes: [
            { field: "title", from: "morning_light_final.mp4", to: "Morning Light" },
            { field: "genres", from: [], to: ["Outdoor", "Sunrise"] },
          ],
        },
        job: null,
        fields: [
          { field: "title", stash: "Morning Light", plex: "Morning Light", locked: true },
          { field: "summary", stash: "A walk at dawn.", plex: "A walk at dawn.", locked: true },
          { field: "studio", stash: "Golden Hour", plex: "Golden Hr", locked: false },
          { field: "genres", stash: ["Outdoor", "Sunrise"], plex: ["Outdoor", "Sunrise"], locked: true },
          { field: "date", stash: "2024-05-01", plex: null, locked: false },
        ],
        activity: {
          plex: { viewCount: 3, lastViewedAt: now - 26 * HOUR, resumeSeconds: 754 },
          stash: { playCount: 3, lastPlayedAt: now - 26 * HOUR, resumeSeconds: 754 },
        },
      };
    case "2":
      return {
        configured: true,
        match: {
          state: "ambiguous",
          candidates: [
            { ratingKey: "201", file: "/media/a/clip.mp4", size: 1_500_000_000, title: "Clip (A)" },
            { ratingKey: "202", file: "/media/b/clip.mp4", size: null, title: "Clip (B)" },
          ],
        },
        lastSync: null,
        job: {
          state: "dead",
          attempts: 1,
          nextAttemptAt: null,
          error: { class: "PlexAmbiguousMatch", message: "2 Plex items hold clip.mp4" },
        },
        fields: null,
      };
    case "3":
      return {
        configured: true,
        match: { state: "not_found", triedPaths: ["/media/new/scene3.mp4"] },
        lastSync: null,
        job: {
          state: "retrying",
          attempts: 2,
          nextAttemptAt: now + 5 * MIN,
          error: { class: "PlexNotFound", message: "Plex has not scanned /media/new/scene3.mp4 yet" },
        },
        fields: null,
      };
    case "4":
      return {
        configured: true,
        match: { state: "unknown" },
        lastSync: null,
        job: {
          state: "dead",
          attempts: 5,
          nextAttemptAt: null,
          error: { class: "PlexTemporary", message: "HTTP 500 from Plex" },
        },
        fields: null,
      };
    case "666":
      return {
        configured: true,
        match: {
          state: "matched",
          ratingKeys: ["666"],
          items: [{ ratingKey: "666", title: XSS_TITLE, sectionId: "1", plexWebUrl: XSS_URL }],
          how: "basename",
        },
        lastSync: {
          at: now - MIN,
          changes: [{ field: "title", from: XSS_TITLE, to: `<script>window.__stash2plexXss=1</script>` }],
        },
        job: {
          state: "retrying",
          attempts: 1,
          nextAttemptAt: now + MIN,
          error: { class: "PlexTemporary", message: XSS_TITLE },
        },
        fields: [{ field: "title", stash: XSS_TITLE, plex: XSS_TITLE, locked: false }],
      };
    default:
      return { configured: false, match: { state: "unknown" }, lastSync: null, job: null, fields: null };
  }
}

export function queueSummary(now: number): OperationResult<"queue.summary"> {
  return {
    counts: { pending: 3, retrying: 2, running: 1, dead: 4 },
    paused: false,
    pauseReason: null,
    breaker: { state: "open", openedAt: now - 4 * MIN, failures: 5 },
    health: { lastCheckAt: now - 20_000, ok: false, latencyMs: null },
    lastOutage: { start: now - 4 * MIN, end: null },
    drain: { running: true, processed: 12, total: 30 },
    throughput: Array.from({ length: 24 }, (_, i) => ({
      t: now - (24 - i) * HOUR,
      ok: (i * 7) % 11,
      failed: i % 6 === 0 ? 2 : 0,
    })),
    outages: [
      { start: now - 3 * 24 * HOUR, end: now - 3 * 24 * HOUR + 40 * MIN },
      { start: now - 4 * MIN, end: null },
    ],
    lastReconcile: {
      at: now - 2 * HOUR,
      scope: "all",
      scenesChecked: 1200,
      missing: 3,
      stale: 7,
      emptyMetadata: 2,
      queued: false,
    },
    lastImport: {
      at: now - 2 * HOUR + 5 * MIN,
      playsAdded: 14,
      playsSkipped: 230,
      playsUnmatched: 2,
      resumeUpdated: 3,
      ratingsUpdated: 1,
    },
  };
}

// The failure table's real class names, with raw messages as the plugin records them (the UI words them).
const ERROR_CLASSES: Record<string, { class: string; message: string }> = {
  dead: { class: "server_error", message: "Plex PUT /library/sections/1/all answered 500 [server_error]" },
  retrying: {
    class: "server_down",
    message: "Plex GET /library/sections (ECONNREFUSED 192.168.1.10:32400) [server_down]",
  },
};

export function queueList(
  args: { state: string; errorClass?: string | undefined; page: number; perPage: number },
  now: number,
): OperationResult<"queue.list"> {
  const total = args.state === "dead" ? 4 : args.state === "retrying" ? 2 : args.state === "pending" ? 3 : 1;
  const all = Array.from({ length: total }, (_, i) => {
    const error =
      args.state === "dead" && i === 3
        ? { class: "ambiguous", message: "2 Plex items hold clip.mp4 [ambiguous]" }
        : args.state === "retrying" && i === 1
          ? { class: "not_found", message: "Plex has no item at /media/new/scene2.mp4 [not_found]" }
          : (ERROR_CLASSES[args.state] ?? null);
    return {
      id: `${args.state}-${i + 1}`,
      kind: "sync-scene",
      sceneId: String(i + 1),
      title: i === 0 ? XSS_TITLE : `Scene ${i + 1}`,
      state: args.state as "pending",
      attempts: args.state === "pending" ? 0 : i + 1,
      maxAttempts: 5,
      createdAt: now - (i + 1) * HOUR,
      nextAttemptAt: args.state === "dead" ? null : now + (i + 1) * MIN,
      error,
    };
  });
  const filtered = args.errorClass ? all.filter((j) => j.error?.class === args.errorClass) : all;
  const classes = new Map<string, number>();
  for (const j of all) if (j.error) classes.set(j.error.class, (classes.get(j.error.class) ?? 0) + 1);
  const start = (args.page - 1) * args.perPage;
  return {
    total: filtered.length,
    jobs: filtered.slice(start, start + args.perPage),
    errorClasses: [...classes].map(([c, count]) => ({ class: c, count })),
  };
}

export const LIBRARIES = [
  { key: "1", title: "Scenes", type: "movie" },
  { key: "2", title: "Clips", type: "movie" },
];
