import { readFileSync } from "node:fs";
import path from "node:path";
import { DEFAULT_SETTINGS, type Settings, settingsSchema } from "../config/settings.js";
import { writeFileAtomic } from "../store/atomic.js";

/**
 * The last settings fetched from Stash, kept locally so the hook path can honour `enabled` and
 * `debug_logging` without a network round trip. The Plex token is never written here.
 */
const FILE = "settings-cache.json";

export type CachedSettings = Omit<Settings, "plex_token">;

export function readCachedSettings(dataDir: string): CachedSettings {
  try {
    const raw: unknown = JSON.parse(readFileSync(path.join(dataDir, FILE), "utf8"));
    const parsed = settingsSchema.safeParse(raw);
    return parsed.success ? parsed.data : DEFAULT_SETTINGS;
  } catch {
    return DEFAULT_SETTINGS;
  }
}

export async function writeCachedSettings(dataDir: string, settings: Settings): Promise<void> {
  const { plex_token: _omitted, ...rest } = settings;
  await writeFileAtomic(path.join(dataDir, FILE), JSON.stringify(rest));
}
