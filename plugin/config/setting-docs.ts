/**
 * What each plugin setting is, said once: its label and help here, its group, control, default and range in
 * setting-controls.ts (the part the settings panel bundles), joined into one table in display order. Everything
 * else is built from them: the zod schema (settings.ts) takes the controls' defaults and ranges, and the
 * manifest's settings block and the README's settings table are written from this table by `npm run docs:sync`
 * (checked by test/unit/config/settings.single-source.test.ts and `npm run lint`). The settings panel shows the
 * manifest's words as Stash serves them back (`plugins { settings { display_name description } }`).
 */
import {
  SETTING_CONTROLS,
  type SettingControl,
  type SettingControlKey,
  type SettingStructure,
} from "./setting-controls.js";

export type { SettingControl };

export interface SettingText {
  label: string;
  /** What the setting does, without its default or range (the renderers add those); no final full stop. */
  help: string;
  /** What leaving a text setting empty means, when it means more than "not set". */
  unset?: string;
}

export interface SettingDoc extends SettingStructure, SettingText {}

const SETTING_TEXTS = {
  plex_url: {
    label: "Plex URL",
    help: "Address of your Plex server, http(s)://host:32400, e.g. http://192.168.1.10:32400",
  },
  plex_token: {
    label: "Plex token",
    help: "Your X-Plex-Token (Plex Web › any item › Get Info › View XML shows it in the address); never logged, nor shown again once saved",
  },
  plex_library: {
    label: "Plex libraries",
    help: "Comma-separated names of the libraries to sync into, case-insensitive",
    unset: "every movie and video library",
  },
  connect_timeout: {
    label: "Connect timeout (s)",
    help: "Seconds to wait for Plex to answer",
  },
  read_timeout: {
    label: "Read timeout (s)",
    help: "Seconds to wait for a Plex response body",
  },
  path_map: {
    label: "Path map",
    help: "How Stash paths look in Plex: /stash/prefix => /plex/prefix; D:\\Media => /mnt/media",
  },
  plex_unmatched_path_map: {
    label: "Path map (original plugin format)",
    help: "Accepted from the Python plugin: /plex/prefix=>/stash/prefix; … (prefer Path map)",
  },
  strict_matching: {
    label: "Strict matching",
    help: "Never write to a Plex item unless the match is certain; ambiguous scenes wait for you to pin the right item",
  },
  skip_not_found: {
    label: "Skip scenes not in Plex",
    help: "Drop jobs for scenes Plex does not have instead of retrying for hours",
  },
  trigger_plex_scan: {
    label: "Scan Plex for new scenes",
    help: "Ask Plex to scan the folder of a new scene so it can be matched sooner",
  },
  sync_master: {
    label: "Sync fields",
    help: "Master switch for all field syncing; off: nothing is written",
  },
  sync_summary: {
    label: "Sync summary",
    help: "Write scene details as the Plex summary",
  },
  sync_tagline: {
    label: "Sync tagline",
    help: "Write the tagline",
  },
  sync_date: {
    label: "Sync date",
    help: "Write the scene date as the release date",
  },
  sync_studio: {
    label: "Sync studio",
    help: "Write the studio",
  },
  sync_collection: {
    label: "Sync collection",
    help: "Put each scene in a Plex collection named after its studio",
  },
  sync_performers: {
    label: "Sync performers",
    help: "Write performers as Plex actors",
  },
  sync_tags: {
    label: "Sync tags",
    help: "Write tags as Plex genres",
  },
  max_tags: {
    label: "Max tags",
    help: "Most Stash tags written as Plex genres per item",
  },
  sync_poster: {
    label: "Sync poster",
    help: "Upload the scene cover as the Plex poster",
  },
  sync_background: {
    label: "Sync background",
    help: "Upload the scene cover as the Plex background",
  },
  sync_rating: {
    label: "Sync rating",
    help: "Write the Stash rating as the Plex user rating",
  },
  sync_group_collections: {
    label: "Sync group collections",
    help: "Put each scene in a Plex collection named after each of its Stash groups, which gets the group's description and front image; only added, never removed, so your own Plex collections stay",
  },
  preserve_plex_edits: {
    label: "Preserve Plex edits",
    help: "Only fill fields that are empty in Plex instead of mirroring Stash",
  },
  organized_only: {
    label: "Organized scenes only",
    help: "Sync only scenes marked organized in Stash",
  },
  enabled: {
    label: "Enabled",
    help: "Turn syncing on or off; edits are still recorded while off",
  },
  max_retries: {
    label: "Max retries",
    help: "Attempts for temporary Plex errors (timeouts, 5xx, 429) before a job goes to dead letters",
  },
  max_concurrency: {
    label: "Parallel Plex requests",
    help: "Most Plex requests in flight; starts at 2, grows only while Plex answers quickly and halves on errors or slow answers",
  },
  poll_interval: {
    label: "Health probe interval (s)",
    help: "Seconds between Plex health probes while Plex is down",
  },
  dlq_retention_days: {
    label: "Dead-letter retention (days)",
    help: "Dead letters older than this are purged automatically",
  },
  reconcile_interval: {
    label: "Auto-reconcile interval",
    help: "How often to compare Stash with Plex and queue the gaps",
  },
  reconcile_scope: {
    label: "Auto-reconcile scope",
    help: "Which scenes an automatic reconcile compares, by when they were created",
  },
  reconcile_missing: {
    label: "Report scenes missing in Plex",
    help: "Count scenes Plex has no item for as gaps",
  },
  import_plays: {
    label: "Import plays from Plex",
    help: "Add each play in Plex's watch history to the scene's play history in Stash, once",
  },
  import_resume: {
    label: "Import resume points from Plex",
    help: "Set the scene's resume point in Stash to where Plex stopped",
  },
  import_ratings: {
    label: "Import ratings from Plex",
    help: "Set the Stash rating from the Plex user rating. A rating we wrote to Plex is never imported back: with Sync rating on, a scene that has a Stash rating keeps it",
  },
  import_all_accounts: {
    label: "Import plays of all Plex accounts",
    help: "Count the plays of every account on the Plex server, not only the server owner's (the token's)",
  },
  debug_logging: {
    label: "Debug logging",
    help: "Show detailed logs at Stash's default log level ([DEBUG] lines)",
  },
  obfuscate_paths: {
    label: "Obfuscate paths in logs",
    help: "Replace folder and file names in logs with words, for sharing logs",
  },
} as const satisfies Record<SettingControlKey, SettingText>;

export type DocumentedSettingKey = SettingControlKey;

/** The documented settings in display order, each with its key. */
export function settingDocList(): Array<SettingDoc & { key: DocumentedSettingKey }> {
  return (Object.keys(SETTING_CONTROLS) as DocumentedSettingKey[]).map((key) => ({
    key,
    ...SETTING_CONTROLS[key],
    ...SETTING_TEXTS[key],
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
