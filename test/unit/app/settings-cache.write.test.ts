import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseSettings } from "../../../plugin/config/settings.js";
import { readHookSettings, writeCachedSettings } from "../../../plugin/runtime/settings-cache.js";

describe("writeCachedSettings", () => {
  it("keeps the token out, rewrites only on change, and the hook reads what was written", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "s2p-settings-cache-"));
    const file = path.join(dir, "settings-cache.json");
    const settings = parseSettings({
      plex_url: "http://plex:32400",
      plex_token: "tok-123456789",
      debug_logging: true,
    });
    await writeCachedSettings(dir, settings);
    const first = statSync(file);
    expect(readFileSync(file, "utf8")).not.toContain("tok-123456789");
    expect(readHookSettings(dir)).toEqual({ enabled: true, debug_logging: true });

    await writeCachedSettings(dir, settings);
    expect(statSync(file).ino).toBe(first.ino);

    await writeCachedSettings(dir, { ...settings, enabled: false });
    expect(statSync(file).ino).not.toBe(first.ino);
    expect(readHookSettings(dir)).toEqual({ enabled: false, debug_logging: true });
  });
});
