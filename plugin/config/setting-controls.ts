/**
 * The structure of every plugin setting, in display order: its group, control, default, range and choices.
 * The words (label and help) are in setting-docs.ts, which adds them to this table; the settings panel imports
 * only this file and shows the words Stash serves from the manifest, so the UI bundle does not carry them twice.
 * It imports nothing, so the UI bundle can carry it without the schema.
 */

export type SettingControl =
  | { type: "boolean"; default: boolean }
  | {
      type: "number";
      default: number;
      min: number;
      max: number;
      integer: boolean;
      /** The panel input's step; whole numbers step by 1 when unset. */
      step?: number;
    }
  | { type: "text"; placeholder?: string }
  | { type: "secret" }
  | {
      type: "choice";
      default: string;
      options: readonly [string, ...string[]];
      /** How the settings panel names each option. */
      labels: Readonly<Record<string, string>>;
    }
  | { type: "libraries" };

export interface SettingStructure {
  group: string;
  control: SettingControl;
}

const bool = (value: boolean) => ({ type: "boolean", default: value }) as const;
const on = { group: "What to sync", control: bool(true) } as const;

export const SETTING_CONTROLS = {
  plex_url: { group: "Plex connection", control: { type: "text", placeholder: "http://192.168.1.10:32400" } },
  plex_token: { group: "Plex connection", control: { type: "secret" } },
  plex_library: { group: "Plex connection", control: { type: "libraries" } },
  connect_timeout: {
    group: "Plex connection",
    control: { type: "number", default: 5, min: 1, max: 30, integer: false, step: 0.5 },
  },
  read_timeout: {
    group: "Plex connection",
    control: { type: "number", default: 30, min: 5, max: 120, integer: false, step: 1 },
  },
  path_map: { group: "Matching", control: { type: "text", placeholder: "/data => /media" } },
  plex_unmatched_path_map: { group: "Matching", control: { type: "text" } },
  strict_matching: { group: "Matching", control: bool(true) },
  skip_not_found: { group: "Matching", control: bool(false) },
  trigger_plex_scan: { group: "Matching", control: bool(false) },
  sync_master: on,
  sync_summary: on,
  sync_tagline: on,
  sync_date: on,
  sync_studio: on,
  sync_collection: on,
  sync_performers: on,
  sync_tags: on,
  max_tags: {
    group: "What to sync",
    control: { type: "number", default: 100, min: 10, max: 500, integer: true },
  },
  sync_poster: on,
  sync_background: on,
  sync_rating: { group: "What to sync", control: bool(false) },
  sync_group_collections: { group: "What to sync", control: bool(false) },
  preserve_plex_edits: { group: "What to sync", control: bool(false) },
  organized_only: { group: "What to sync", control: bool(false) },
  enabled: { group: "Queue", control: bool(true) },
  max_retries: { group: "Queue", control: { type: "number", default: 5, min: 1, max: 20, integer: true } },
  max_concurrency: {
    group: "Queue",
    control: { type: "number", default: 8, min: 1, max: 16, integer: true },
  },
  poll_interval: {
    group: "Queue",
    control: { type: "number", default: 30, min: 0.5, max: 3600, integer: false, step: 0.5 },
  },
  dlq_retention_days: {
    group: "Queue",
    control: { type: "number", default: 30, min: 1, max: 365, integer: true },
  },
  reconcile_interval: {
    group: "Reconcile",
    control: {
      type: "choice",
      default: "never",
      options: ["never", "hourly", "daily", "weekly"],
      labels: { never: "Never", hourly: "Every hour", daily: "Every day", weekly: "Every week" },
    },
  },
  reconcile_scope: {
    group: "Reconcile",
    control: {
      type: "choice",
      default: "24h",
      options: ["all", "24h", "7days"],
      labels: {
        all: "Every scene",
        "24h": "Scenes changed in the last 24 hours",
        "7days": "Scenes changed in the last 7 days",
      },
    },
  },
  reconcile_missing: { group: "Reconcile", control: bool(true) },
  import_plays: { group: "Plex back to Stash", control: bool(false) },
  import_resume: { group: "Plex back to Stash", control: bool(false) },
  import_ratings: { group: "Plex back to Stash", control: bool(false) },
  import_all_accounts: { group: "Plex back to Stash", control: bool(false) },
  debug_logging: { group: "Logging", control: bool(false) },
  obfuscate_paths: { group: "Logging", control: bool(false) },
} as const satisfies Record<string, SettingStructure>;

export type SettingControlKey = keyof typeof SETTING_CONTROLS;
