/**
 * Labels, help text, kinds and defaults of every plugin setting, grouped for the settings panel. Keys and defaults
 * mirror plugin/config/settings.ts (a test checks they agree); they are repeated here so the UI bundle does not
 * carry the full settings schema. Candidate to move next to the schema as plugin/config/setting-docs.ts.
 */
export type SettingKind =
  | { type: "boolean"; default: boolean }
  | { type: "number"; default: number; min: number; max: number; step?: number }
  | { type: "text"; default: string | undefined; placeholder?: string }
  | { type: "secret" }
  | { type: "choice"; default: string; options: readonly string[] }
  | { type: "libraries"; default: string | undefined };

export interface SettingHelp {
  key: string;
  label: string;
  help: string;
  kind: SettingKind;
}

export interface SettingGroup {
  title: string;
  settings: SettingHelp[];
}

const bool = (value: boolean): SettingKind => ({ type: "boolean", default: value });
const num = (value: number, min: number, max: number, step = 1): SettingKind => ({
  type: "number",
  default: value,
  min,
  max,
  step,
});

export const SETTING_GROUPS: SettingGroup[] = [
  {
    title: "Plex connection",
    settings: [
      {
        key: "plex_url",
        label: "Plex URL",
        help: "Address of your Plex server, e.g. http://192.168.1.10:32400.",
        kind: { type: "text", default: undefined, placeholder: "http://192.168.1.10:32400" },
      },
      {
        key: "plex_token",
        label: "Plex token",
        help: "Your X-Plex-Token (Plex Web › any item › Get Info › View XML shows it in the address). It is never shown again once saved.",
        kind: { type: "secret" },
      },
      {
        key: "plex_library",
        label: "Plex libraries",
        help: "Libraries to sync into. None ticked = every movie and video library.",
        kind: { type: "libraries", default: undefined },
      },
      {
        key: "connect_timeout",
        label: "Connect timeout (s)",
        help: "Seconds to wait for Plex to answer (1–30).",
        kind: num(5, 1, 30, 0.5),
      },
      {
        key: "read_timeout",
        label: "Read timeout (s)",
        help: "Seconds to wait for a Plex response body (5–120).",
        kind: num(30, 5, 120),
      },
    ],
  },
  {
    title: "Matching",
    settings: [
      {
        key: "path_map",
        label: "Path map",
        help: "How Stash paths look in Plex: /stash/prefix => /plex/prefix; D:\\Media => /mnt/media. Test it below after saving.",
        kind: { type: "text", default: undefined, placeholder: "/data => /media" },
      },
      {
        key: "plex_unmatched_path_map",
        label: "Path map (original plugin format)",
        help: "Accepted from the Python plugin: /plex/prefix=>/stash/prefix; … Prefer Path map.",
        kind: { type: "text", default: undefined },
      },
      {
        key: "strict_matching",
        label: "Strict matching",
        help: "Never write to a Plex item unless the match is certain. Ambiguous scenes wait for you to pin the right item.",
        kind: bool(true),
      },
      {
        key: "skip_not_found",
        label: "Skip scenes not in Plex",
        help: "Drop jobs for scenes Plex does not have instead of retrying for hours.",
        kind: bool(false),
      },
      {
        key: "trigger_plex_scan",
        label: "Scan Plex for new scenes",
        help: "Ask Plex to scan the folder of a new scene so it can be matched sooner.",
        kind: bool(false),
      },
    ],
  },
  {
    title: "What to sync",
    settings: [
      {
        key: "sync_master",
        label: "Sync fields",
        help: "Master switch for all field syncing.",
        kind: bool(true),
      },
      {
        key: "sync_summary",
        label: "Summary",
        help: "Scene details become the Plex summary.",
        kind: bool(true),
      },
      { key: "sync_tagline", label: "Tagline", help: "Write the tagline.", kind: bool(true) },
      { key: "sync_date", label: "Date", help: "The scene date becomes the release date.", kind: bool(true) },
      { key: "sync_studio", label: "Studio", help: "Write the studio.", kind: bool(true) },
      {
        key: "sync_collection",
        label: "Studio collection",
        help: "Put each scene in a Plex collection named after its studio.",
        kind: bool(true),
      },
      {
        key: "sync_performers",
        label: "Performers",
        help: "Performers become Plex actors.",
        kind: bool(true),
      },
      { key: "sync_tags", label: "Tags", help: "Tags become Plex genres.", kind: bool(true) },
      {
        key: "max_tags",
        label: "Max tags",
        help: "Most tags written as genres (10–500).",
        kind: num(100, 10, 500),
      },
      {
        key: "sync_poster",
        label: "Poster",
        help: "Upload the scene cover as the Plex poster.",
        kind: bool(true),
      },
      {
        key: "sync_background",
        label: "Background",
        help: "Upload the scene cover as the Plex background.",
        kind: bool(true),
      },
      {
        key: "sync_rating",
        label: "Rating",
        help: "Write the Stash rating as the Plex user rating.",
        kind: bool(false),
      },
      {
        key: "sync_group_collections",
        label: "Group collections",
        help: "Put each scene in a Plex collection named after each of its Stash groups. Only added, never removed: your own Plex collections stay.",
        kind: bool(false),
      },
      {
        key: "preserve_plex_edits",
        label: "Preserve Plex edits",
        help: "Only fill fields that are empty in Plex instead of mirroring Stash.",
        kind: bool(false),
      },
      {
        key: "organized_only",
        label: "Organized scenes only",
        help: "Sync only scenes marked organized in Stash.",
        kind: bool(false),
      },
    ],
  },
  {
    title: "Queue",
    settings: [
      {
        key: "enabled",
        label: "Enabled",
        help: "Turn syncing on or off. Edits are still recorded while off.",
        kind: bool(true),
      },
      {
        key: "max_retries",
        label: "Max retries",
        help: "Attempts for temporary Plex errors before a job goes to dead letters (1–20).",
        kind: num(5, 1, 20),
      },
      {
        key: "max_concurrency",
        label: "Parallel Plex requests",
        help: "Most Plex requests in flight (1–16). The plugin starts at 2 and opens up only while Plex answers quickly.",
        kind: num(8, 1, 16),
      },
      {
        key: "poll_interval",
        label: "Health probe interval (s)",
        help: "Seconds between Plex health probes while Plex is down (0.5–3600).",
        kind: num(30, 0.5, 3600, 0.5),
      },
      {
        key: "dlq_retention_days",
        label: "Dead-letter retention (days)",
        help: "Dead letters older than this are purged automatically (1–365).",
        kind: num(30, 1, 365),
      },
    ],
  },
  {
    title: "Reconcile",
    settings: [
      {
        key: "reconcile_interval",
        label: "Auto-reconcile interval",
        help: "How often to compare Stash with Plex and queue the gaps.",
        kind: { type: "choice", default: "never", options: ["never", "hourly", "daily", "weekly"] },
      },
      {
        key: "reconcile_scope",
        label: "Auto-reconcile scope",
        help: "Which scenes an automatic reconcile compares.",
        kind: { type: "choice", default: "24h", options: ["all", "24h", "7days"] },
      },
      {
        key: "reconcile_missing",
        label: "Report scenes missing in Plex",
        help: "Count scenes Plex has no item for as gaps.",
        kind: bool(true),
      },
    ],
  },
  {
    title: "Plex back to Stash",
    settings: [
      {
        key: "import_plays",
        label: "Import plays",
        help: "Add each play in Plex's watch history to the scene's play history in Stash, once.",
        kind: bool(false),
      },
      {
        key: "import_resume",
        label: "Import resume points",
        help: "Set the scene's resume point in Stash to where Plex stopped.",
        kind: bool(false),
      },
      {
        key: "import_ratings",
        label: "Import ratings",
        help: "Set the Stash rating from the Plex user rating. A rating we wrote to Plex is never imported back: with Rating sync on, a scene that has a Stash rating keeps it.",
        kind: bool(false),
      },
      {
        key: "import_all_accounts",
        label: "Plays of all Plex accounts",
        help: "Count the plays of every account on the Plex server, not only the server owner's (the token's).",
        kind: bool(false),
      },
    ],
  },
  {
    title: "Logging",
    settings: [
      {
        key: "debug_logging",
        label: "Debug logging",
        help: "Show detailed logs at Stash's default log level.",
        kind: bool(false),
      },
      {
        key: "obfuscate_paths",
        label: "Obfuscate paths in logs",
        help: "Replace folder and file names in logs with words, for sharing logs.",
        kind: bool(false),
      },
    ],
  },
];

export const ALL_SETTINGS: SettingHelp[] = SETTING_GROUPS.flatMap((g) => g.settings);

export function defaultOf(kind: SettingKind): string | number | boolean | undefined {
  return kind.type === "secret" ? undefined : kind.default;
}
