import { readFileSync } from "node:fs";
import path from "node:path";
import { lenientBoolean } from "../config/lenient.js";
import type { Settings } from "../config/settings.js";
import { writeFileAtomic } from "../fs/atomic.js";

/**
 * The last settings fetched from Stash, kept locally so the hook path can honour `enabled` and
 * `debug_logging` without a network round trip (and without loading the settings schema: hooks must start
 * fast). The Plex token is never written here.
 */
const FILE = "settings-cache.json";

export interface HookSettings {
  enabled: boolean;
  debug_logging: boolean;
}

export function readHookSettings(dataDir: string): HookSettings {
  try {
    const raw = JSON.parse(readFileSync(path.join(dataDir, FILE), "utf8")) as Record<string, unknown>;
    return {
      enabled: lenientBoolean(raw.enabled) ?? true,
      debug_logging: lenientBoolean(raw.debug_logging) ?? false,
    };
  } catch {
    return { enabled: true, debug_logging: false };
  }
}

/** Rewrites the cache only when the settings changed: every task and UI poll calls this, and a write costs two fsyncs. */
export async function writeCachedSettings(dataDir: string, settings: Settings): Promise<void> {
  const { plex_token: _omitted, ...rest } = settings;
  const file = path.join(dataDir, FILE);
  const text = JSON.stringify(rest);
  try {
    if (readFileSync(file, "utf8") === text) return;
  } catch {
    // not written yet (or unreadable): write it
  }
  await writeFileAtomic(file, text);
}
