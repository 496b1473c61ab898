/**
 * What each plugin setting is, said once: its label, help, control, default and range, in display order.
 * Everything else is built from this table: the zod schema (settings.ts) takes its defaults and ranges, the
 * settings panel (ui/components/SettingsPanel/settings-help.ts) its labels and help, and the manifest's settings
 * block and the README's settings table are written from it by `npm run docs:settings` (checked by
 * test/unit/config/settings.single-source.test.ts and `npm run lint`). It imports nothing, so the UI bundle can
 * carry it without the schema.
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

export interface SettingDoc {
  group: string;
  label: string;
  /** The panel's shorter label, where its group heading already says part of it ("What to sync" › "Tags"). */
  panelLabel?: string;
  /** What the setting does, without its default or range (the renderers add those); no final full stop. */
  help: string;
  /** The panel's wording, where its control differs from the plain text field of Stash's settings page. */
  panelHelp?: string;
  /** What leaving a text setting empty means, when it means more than "not set". */
  unset?: string;
  control: SettingControl;
}

const bool = (value: boolean) => ({ type: "boolean", default: value }) as const;

export const SETTING_DOCS = {
  plex_url: {
    group: "Plex connection",
    label: "Plex URL",
    help: "Address of your Plex server, http(s)://host:32400, e.g. http://192.168.1.10:32400",
    control: { type: "text", placeholder: "http://192.168.1.10:32400" },
  },
  plex_token: {
    group: "Plex connection",
    label: "Plex token",
    help: "Your X-Plex-Token (Plex Web › any item › Get Info › View XML shows it in the address); never logged",
    panelHelp:
      "Your X-Plex-Token (Plex Web › any item › Get Info › View XML shows it in the address). It is never shown again once saved.",
    control: { type: "secret" },
  },
  plex_library: {
    group: "Plex connection",
    label: "Plex libraries",
    help: "Comma-separated names of the libraries to sync into, case-insensitive",
    panelHelp: "Libraries to sync into: every movie and video library unless you untick some.",
    unset: "every movie and video library",
    control: { type: "libraries" },
  },
  connect_timeout: {
    group: "Plex connection",
    label: "Connect timeout (s)",
    help: "Seconds to wait for Plex to answer",
    control: { type: "number", default: 5, min: 1, max: 30, integer: false, step: 0.5 },
  },
  read_timeout: {
    group: "Plex connection",
    label: "Read timeout (s)",
    help: "Seconds to wait for a Plex response body",
    control: { type: "number", default: 30, min: 5, max: 120, integer: false, step: 1 },
  },
  path_map: {
    group: "Matching",
    label: "Path map",
    help: "How Stash paths look in Plex: /stash/prefix => /plex/prefix; D:\\Media => /mnt/media",
    panelHelp:
      "How Stash paths look in Plex: /stash/prefix => /plex/prefix; D:\\Media => /mnt/media. It is saved as you type; try a path below.",
    control: { type: "text", placeholder: "/data => /media" },
  },
  plex_unmatched_path_map: {
    group: "Matching",
    label: "Path map (original plugin format)",
    help: "Accepted from the Python plugin: /plex/prefix=>/stash/prefix; … (prefer Path map)",
    control: { type: "text" },
  },
  strict_matching: {
    group: "Matching",
    label: "Strict matching",
    help: "Never write to a Plex item unless the match is certain; ambiguous scenes wait for you to pin the right item",
    control: bool(true),
  },
  skip_not_found: {
    group: "Matching",
    label: "Skip scenes not in Plex",
    help: "Drop jobs for scenes Plex does not have instead of retrying for hours",
    control: bool(false),
  },
  trigger_plex_scan: {
    group: "Matching",
    label: "Scan Plex for new scenes",
    help: "Ask Plex to scan the folder of a new scene so it can be matched sooner",
    control: bool(false),
  },
  sync_master: {
    group: "What to sync",
    label: "Sync fields",
    help: "Master switch for all field syncing; off: nothing is written",
    control: bool(true),
  },
  sync_summary: {
    group: "What to sync",
    label: "Sync summary",
    panelLabel: "Summary",
    help: "Write scene details as the Plex summary",
    control: bool(true),
  },
  sync_tagline: {
    group: "What to sync",
    label: "Sync tagline",
    panelLabel: "Tagline",
    help: "Write the tagline",
    control: bool(true),
  },
  sync_date: {
    group: "What to sync",
    label: "Sync date",
    panelLabel: "Date",
    help: "Write the scene date as the release date",
    control: bool(true),
  },
  sync_studio: {
    group: "What to sync",
    label: "Sync studio",
    panelLabel: "Studio",
    help: "Write the studio",
    control: bool(true),
  },
  sync_collection: {
    group: "What to sync",
    label: "Sync collection",
    panelLabel: "Studio collection",
    help: "Put each scene in a Plex collection named after its studio",
    control: bool(true),
  },
  sync_performers: {
    group: "What to sync",
    label: "Sync performers",
    panelLabel: "Performers",
    help: "Write performers as Plex actors",
    control: bool(true),
  },
  sync_tags: {
    group: "What to sync",
    label: "Sync tags",
    panelLabel: "Tags",
    help: "Write tags as Plex genres",
    control: bool(true),
  },
  max_tags: {
    group: "What to sync",
    label: "Max tags",
    help: "Most Stash tags written as Plex genres per item",
    control: { type: "number", default: 100, min: 10, max: 500, integer: true },
  },
  sync_poster: {
    group: "What to sync",
    label: "Sync poster",
    panelLabel: "Poster",
    help: "Upload the scene cover as the Plex poster",
    control: bool(true),
  },
  sync_background: {
    group: "What to sync",
    label: "Sync background",
    panelLabel: "Background",
    help: "Upload the scene cover as the Plex background",
    control: bool(true),
  },
  sync_rating: {
    group: "What to sync",
    label: "Sync rating",
    panelLabel: "Rating",
    help: "Write the Stash rating as the Plex user rating",
    control: bool(false),
  },
  sync_group_collections: {
    group: "What to sync",
    label: "Sync group collections",
    panelLabel: "Group collections",
    help: "Put each scene in a Plex collection named after each of its Stash groups; only added, never removed, so your own Plex collections stay",
    control: bool(false),
  },
  preserve_plex_edits: {
    group: "What to sync",
    label: "Preserve Plex edits",
    help: "Only fill fields that are empty in Plex instead of mirroring Stash",
    control: bool(false),
  },
  organized_only: {
    group: "What to sync",
    label: "Organized scenes only",
    help: "Sync only scenes marked organized in Stash",
    control: bool(false),
  },
  enabled: {
    group: "Queue",
    label: "Enabled",
    help: "Turn syncing on or off; edits are still recorded while off",
    control: bool(true),
  },
  max_retries: {
    group: "Queue",
    label: "Max retries",
    help: "Attempts for temporary Plex errors (timeouts, 5xx, 429) before a job goes to dead letters",
    control: { type: "number", default: 5, min: 1, max: 20, integer: true },
  },
  max_concurrency: {
    group: "Queue",
    label: "Parallel Plex requests",
    help: "Most Plex requests in flight; starts at 2, grows only while Plex answers quickly and halves on errors or slow answers",
    control: { type: "number", default: 8, min: 1, max: 16, integer: true },
  },
  poll_interval: {
    group: "Queue",
    label: "Health probe interval (s)",
    help: "Seconds between Plex health probes while Plex is down",
    control: { type: "number", default: 30, min: 0.5, max: 3600, integer: false, step: 0.5 },
  },
  dlq_retention_days: {
    group: "Queue",
    label: "Dead-letter retention (days)",
    help: "Dead letters older than this are purged automatically",
    control: { type: "number", default: 30, min: 1, max: 365, integer: true },
  },
  reconcile_interval: {
    group: "Reconcile",
    label: "Auto-reconcile interval",
    help: "How often to compare Stash with Plex and queue the gaps",
    control: {
      type: "choice",
      default: "never",
      options: ["never", "hourly", "daily", "weekly"],
      labels: { never: "Never", hourly: "Every hour", daily: "Every day", weekly: "Every week" },
    },
  },
  reconcile_scope: {
    group: "Reconcile",
    label: "Auto-reconcile scope",
    help: "Which scenes an automatic reconcile compares, by when they were created",
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
  reconcile_missing: {
    group: "Reconcile",
    label: "Report scenes missing in Plex",
    help: "Count scenes Plex has no item for as gaps",
    control: bool(true),
  },
  import_plays: {
    group: "Plex back to Stash",
    label: "Import plays from Plex",
    panelLabel: "Import plays",
    help: "Add each play in Plex's watch history to the scene's play history in Stash, once",
    control: bool(false),
  },
  import_resume: {
    group: "Plex back to Stash",
    label: "Import resume points from Plex",
    panelLabel: "Import resume points",
    help: "Set the scene's resume point in Stash to where Plex stopped",
    control: bool(false),
  },
  import_ratings: {
    group: "Plex back to Stash",
    label: "Import ratings from Plex",
    panelLabel: "Import ratings",
    help: "Set the Stash rating from the Plex user rating. A rating we wrote to Plex is never imported back: with Sync rating on, a scene that has a Stash rating keeps it",
    control: bool(false),
  },
  import_all_accounts: {
    group: "Plex back to Stash",
    label: "Import plays of all Plex accounts",
    panelLabel: "Plays of all Plex accounts",
    help: "Count the plays of every account on the Plex server, not only the server owner's (the token's)",
    control: bool(false),
  },
  debug_logging: {
    group: "Logging",
    label: "Debug logging",
    help: "Show detailed logs at Stash's default log level ([DEBUG] lines)",
    control: bool(false),
  },
  obfuscate_paths: {
    group: "Logging",
    label: "Obfuscate paths in logs",
    help: "Replace folder and file names in logs with words, for sharing logs",
    control: bool(false),
  },
} as const satisfies Record<string, SettingDoc>;

export type DocumentedSettingKey = keyof typeof SETTING_DOCS;

/** The documented settings in display order, each with its key. */
export function settingDocList(): Array<SettingDoc & { key: DocumentedSettingKey }> {
  return (Object.entries(SETTING_DOCS) as Array<[DocumentedSettingKey, SettingDoc]>).map(([key, doc]) => ({
    key,
    ...doc,
  }));
}

/** The default as the settings page and README say it: on/off, a number, a choice, or what empty means. */
export function describeDefault(doc: SettingDoc): string | null {
  const control = doc.control;
  switch (control.type) {
    case "boolean":
      return control.default ? "on" : "off";
    case "number":
    case "choice":
      return String(control.default);
    default:
      return doc.unset ?? null;
  }
}

/** The range or the choices, e.g. "1–20" or "never, hourly, daily or weekly"; null when free text. */
export function describeRange(control: SettingControl): string | null {
  if (control.type === "number") return `${control.min}–${control.max}`;
  if (control.type === "choice") {
    const head = control.options.slice(0, -1).join(", ");
    return head ? `${head} or ${control.options.at(-1)}` : control.options[0];
  }
  return null;
}
