import { z } from "zod";
import { lenientBoolean } from "./lenient.js";

/**
 * Every plugin setting, with the original plugin's keys and defaults (a user replacing the Python plugin keeps
 * their settings) plus the new ones. Stash stores only keys the user has set, as JSON string, number or boolean.
 * Parsing is lenient where users trip: "true"/"false"/"yes"/"0" strings for booleans, numeric strings for
 * numbers, and an empty string means "use the default" rather than invalidating everything.
 */

function emptyToUndefined(value: unknown): unknown {
  if (value === null) return undefined;
  if (typeof value === "string" && value.trim() === "") return undefined;
  return value;
}

function lenientBool(defaultValue: boolean) {
  return z.preprocess(
    (value) => {
      const v = emptyToUndefined(value);
      return lenientBoolean(v) ?? v;
    },
    z.boolean({ error: "must be true or false" }).default(defaultValue),
  );
}

function lenientNumber(defaultValue: number, min: number, max: number, integer: boolean) {
  let schema = z.number({ error: "must be a number" }).min(min, `must be at least ${min}`);
  schema = schema.max(max, `must be at most ${max}`);
  const finalSchema = integer ? schema.int("must be a whole number") : schema;
  return z.preprocess((value) => {
    const v = emptyToUndefined(value);
    if (typeof v === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) return Number(v);
    return v;
  }, finalSchema.default(defaultValue));
}

function lenientEnum<const T extends readonly [string, ...string[]]>(values: T, defaultValue: T[number]) {
  return z.preprocess(
    (value) => {
      const v = emptyToUndefined(value);
      return typeof v === "string" ? v.trim().toLowerCase() : v;
    },
    z.enum(values, { error: `must be one of: ${values.join(", ")}` }).default(defaultValue),
  );
}

function optionalText() {
  return z.preprocess((value) => {
    const v = emptyToUndefined(value);
    return typeof v === "string" ? v.trim() : v;
  }, z.string({ error: "must be text" }).optional());
}

export const RECONCILE_INTERVALS = ["never", "hourly", "daily", "weekly"] as const;
export const RECONCILE_SCOPES = ["all", "24h", "7days"] as const;

export const settingsSchema = z.object({
  plex_url: z.preprocess(
    (value) => {
      const v = emptyToUndefined(value);
      return typeof v === "string" ? v.trim().replace(/\/+$/, "") : v;
    },
    z
      .string({ error: "is not set: enter your Plex server address, e.g. http://192.168.1.10:32400" })
      .regex(/^https?:\/\/[^\s/]+/i, "must start with http:// or https:// followed by a host")
      .optional(),
  ),
  plex_token: z.preprocess((value) => {
    const v = emptyToUndefined(value);
    return typeof v === "string" ? v.trim() : v;
  }, z.string({ error: "must be text" }).min(10, "looks too short to be a Plex token").optional()),
  plex_library: optionalText(),
  enabled: lenientBool(true),
  max_retries: lenientNumber(5, 1, 20, true),
  poll_interval: lenientNumber(30, 0.5, 3600, false),
  strict_matching: lenientBool(true),
  preserve_plex_edits: lenientBool(false),
  connect_timeout: lenientNumber(5, 1, 30, false),
  read_timeout: lenientNumber(30, 5, 120, false),
  max_tags: lenientNumber(100, 10, 500, true),
  sync_master: lenientBool(true),
  sync_studio: lenientBool(true),
  sync_summary: lenientBool(true),
  sync_tagline: lenientBool(true),
  sync_date: lenientBool(true),
  sync_performers: lenientBool(true),
  sync_tags: lenientBool(true),
  sync_poster: lenientBool(true),
  sync_background: lenientBool(true),
  sync_collection: lenientBool(true),
  sync_rating: lenientBool(false),
  trigger_plex_scan: lenientBool(false),
  skip_not_found: lenientBool(false),
  debug_logging: lenientBool(false),
  obfuscate_paths: lenientBool(false),
  reconcile_interval: lenientEnum(RECONCILE_INTERVALS, "never"),
  reconcile_scope: lenientEnum(RECONCILE_SCOPES, "24h"),
  reconcile_missing: lenientBool(true),
  plex_unmatched_path_map: optionalText(),
  path_map: optionalText(),
  organized_only: lenientBool(false),
  max_concurrency: lenientNumber(8, 1, 16, true),
  dlq_retention_days: lenientNumber(30, 1, 365, true),
  import_plays: lenientBool(false),
  import_resume: lenientBool(false),
  import_ratings: lenientBool(false),
  import_all_accounts: lenientBool(false),
  sync_group_collections: lenientBool(false),
});

export type Settings = z.infer<typeof settingsSchema>;
export type SettingKey = keyof Settings;
export const SETTING_KEYS = Object.keys(settingsSchema.shape) as SettingKey[];

export class SettingsError extends Error {
  readonly kind = "settings";
  constructor(readonly problems: string[]) {
    super(
      `Plugin settings are invalid — ${problems.join("; ")}. Fix them under Settings › Plugins › Stash2Plex.`,
    );
  }
}

/**
 * Parses the raw map Stash returns. Unknown keys are ignored (Stash may hold keys of older versions).
 * Throws SettingsError naming every bad field and what it must be.
 */
export function parseSettings(raw: unknown): Settings {
  const input = raw && typeof raw === "object" ? raw : {};
  const result = settingsSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const key = issue.path.join(".") || "settings";
    const record = input as Record<string, unknown>;
    const shown = describeValue(key, record[key], record.plex_token);
    return `${key} ${issue.message}${shown}`;
  });
  throw new SettingsError(problems);
}

/** A run of token characters as long as a Plex token: such a value may be a token pasted into the wrong field. */
const TOKEN_LIKE = /[A-Za-z0-9_-]{16,}/;

function describeValue(key: string, value: unknown, token: unknown): string {
  if (value === undefined || key === "plex_token") return "";
  const text = typeof value === "string" ? JSON.stringify(value.slice(0, 40)) : JSON.stringify(value);
  const secret = typeof token === "string" ? token.trim() : "";
  const raw = typeof value === "string" ? value : text;
  if (TOKEN_LIKE.test(raw) || (secret.length >= 4 && raw.includes(secret))) {
    return " (value not shown: it looks like a token)";
  }
  return ` (got ${text})`;
}

/** The defaults alone: what a fresh install behaves like. */
export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});

/** True when the connection settings needed to talk to Plex are present. */
export function hasPlexConnection(s: Settings): s is Settings & { plex_url: string; plex_token: string } {
  return typeof s.plex_url === "string" && typeof s.plex_token === "string";
}
