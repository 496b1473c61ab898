import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, SETTING_KEYS } from "../../plugin/config/settings";
import { ALL_SETTINGS, defaultOf } from "../../ui/components/SettingsPanel/settings-help";
import { formatValue, safeHttpUrl } from "../../ui/lib/format";
import { mergeSettings } from "../../ui/lib/settings-merge";
import { isOldStash } from "../../ui/lib/version";

describe("safeHttpUrl", () => {
  it("keeps http(s) and drops every other scheme", () => {
    expect(safeHttpUrl("https://app.plex.tv/desktop#!/x")).toBe("https://app.plex.tv/desktop#!/x");
    for (const bad of [
      "javascript:alert(1)",
      " JavaScript:alert(1)",
      "data:text/html,x",
      "vbscript:x",
      "not a url",
      "",
      null,
    ]) {
      expect(safeHttpUrl(bad)).toBeNull();
    }
  });
});

describe("formatValue", () => {
  it("says past and future plainly", () => {});
  it("shows lists joined and empties as a dash", () => {
    expect(formatValue(["a", "b"])).toBe("a, b");
    expect(formatValue([])).toBe("—");
    expect(formatValue(null)).toBe("—");
    expect(formatValue(4)).toBe("4");
  });
});

describe("isOldStash", () => {
  it("flags versions before v0.28.0 only", () => {
    expect(isOldStash("v0.27.2")).toBe(true);
    expect(isOldStash("v0.28.0")).toBe(false);
    expect(isOldStash("v0.30.1-12-gabcdef")).toBe(false);
    expect(isOldStash("v1.0.0")).toBe(false);
    expect(isOldStash(null)).toBe(false);
    expect(isOldStash("develop")).toBe(false);
  });
});

describe("mergeSettings", () => {
  it("keeps unknown keys, applies edits, removes cleared keys, and sets the token only when typed", () => {
    const current = { plex_token: "old-token-123456", legacy: 1, path_map: "/a => /b" };
    expect(mergeSettings(current, { path_map: "", max_tags: 20 }, "")).toEqual({
      plex_token: "old-token-123456",
      legacy: 1,
      max_tags: 20,
    });
    expect(mergeSettings(current, {}, " new-token-abcdef ")["plex_token"]).toBe("new-token-abcdef");
  });
});

describe("settings help", () => {
  it("covers every setting of the plugin's schema exactly once, with the schema's defaults", () => {
    expect(ALL_SETTINGS.map((s) => s.key).sort()).toEqual([...SETTING_KEYS].sort());
    for (const s of ALL_SETTINGS) {
      if (s.kind.type === "secret") continue;
      expect({ key: s.key, value: defaultOf(s.kind) }).toEqual({
        key: s.key,
        value: DEFAULT_SETTINGS[s.key as keyof typeof DEFAULT_SETTINGS],
      });
    }
  });
});
