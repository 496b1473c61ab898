import { z } from "zod";
import { lenientBoolean } from "./lenient.js";
import { SETTING_CONTROLS as CONTROLS } from "./setting-controls.js";
import type { DocumentedSettingKey } from "./setting-docs.js";

/**
 * Every plugin setting, with the original plugin's keys and defaults (a user replacing the Python plugin keeps
 * their settings) plus the new ones. Stash stores only keys the user has set, as JSON string, number or boolean.
 * Parsing is lenient where users trip: "true"/"false"/"yes"/"0" strings for booleans, numeric strings for
 * numbers, and an empty string means "use the default" rather than invalidating everything. Defaults, ranges and
 * choices come from setting-controls.ts, the structure half of the one settings table (setting-docs.ts).
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

function lenientNumber(control: { default: number; min: number; max: number; integer: boolean }) {
  const { default: defaultValue, min, max, integer } = control;
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

export const RECONCILE_INTERVALS = CONTROLS.reconcile_interval.control.options;
export const RECONCILE_SCOPES = CONTROLS.reconcile_scope.control.options;

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
  enabled: lenientBool(CONTROLS.enabled.control.default),
  max_retries: lenientNumber(CONTROLS.max_retries.control),
  poll_interval: lenientNumber(CONTROLS.poll_interval.control),
  strict_matching: lenientBool(CONTROLS.strict_matching.control.default),
  preserve_plex_edits: lenientBool(CONTROLS.preserve_plex_edits.control.default),
  connect_timeout: lenientNumber(CONTROLS.connect_timeout.control),
  read_timeout: lenientNumber(CONTROLS.read_timeout.control),
  max_tags: lenientNumber(CONTROLS.max_tags.control),
  sync_master: lenientBool(CONTROLS.sync_master.control.default),
  sync_studio: lenientBool(CONTROLS.sync_studio.control.default),
  sync_summary: lenientBool(CONTROLS.sync_summary.control.default),
  sync_tagline: lenientBool(CONTROLS.sync_tagline.control.default),
  sync_date: lenientBool(CONTROLS.sync_date.control.default),
  sync_performers: lenientBool(CONTROLS.sync_performers.control.default),
  sync_tags: lenientBool(CONTROLS.sync_tags.control.default),
  sync_poster: lenientBool(CONTROLS.sync_poster.control.default),
  sync_background: lenientBool(CONTROLS.sync_background.control.default),
  sync_collection: lenientBool(CONTROLS.sync_collection.control.default),
  sync_rating: lenientBool(CONTROLS.sync_rating.control.default),
  trigger_plex_scan: lenientBool(CONTROLS.trigger_plex_scan.control.default),
  skip_not_found: lenientBool(CONTROLS.skip_not_found.control.default),
  debug_logging: lenientBool(CONTROLS.debug_logging.control.default),
  obfuscate_paths: lenientBool(CONTROLS.obfuscate_paths.control.default),
  reconcile_interval: lenientEnum(RECONCILE_INTERVALS, CONTROLS.reconcile_interval.control.default),
  reconcile_scope: lenientEnum(RECONCILE_SCOPES, CONTROLS.reconcile_scope.control.default),
  reconcile_missing: lenientBool(CONTROLS.reconcile_missing.control.default),
  plex_unmatched_path_map: optionalText(),
  path_map: optionalText(),
  organized_only: lenientBool(CONTROLS.organized_only.control.default),
  max_concurrency: lenientNumber(CONTROLS.max_concurrency.control),
  dlq_retention_days: lenientNumber(CONTROLS.dlq_retention_days.control),
  import_plays: lenientBool(CONTROLS.import_plays.control.default),
  import_resume: lenientBool(CONTROLS.import_resume.control.default),
  import_ratings: lenientBool(CONTROLS.import_ratings.control.default),
  import_all_accounts: lenientBool(CONTROLS.import_all_accounts.control.default),
  sync_group_collections: lenientBool(CONTROLS.sync_group_collections.control.default),
});

export type Settings = z.infer<typeof settingsSchema>;
export type SettingKey = keyof Settings;

// Every setting is documented and every documented setting parsed: either list alone fails to compile.
type Missing<A, B> = Exclude<A, B> extends never ? true : { missing: Exclude<A, B> };
const documentedAll: Missing<SettingKey, DocumentedSettingKey> = true;
const parsedAll: Missing<DocumentedSettingKey, SettingKey> = true;
void documentedAll;
void parsedAll;
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
