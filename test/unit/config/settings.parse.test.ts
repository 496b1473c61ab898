import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, parseSettings, SettingsError } from "../../../plugin/config/settings.js";

describe("parseSettings", () => {
  it("applies the original plugin's defaults when nothing is set", () => {
    const s = parseSettings({});
    expect(s.enabled).toBe(true);
    expect(s.max_retries).toBe(5);
    expect(s.strict_matching).toBe(true);
    expect(s.max_tags).toBe(100);
    expect(s.reconcile_interval).toBe("never");
    expect(s.reconcile_scope).toBe("24h");
    expect(s.sync_rating).toBe(false);
    expect(s.max_concurrency).toBe(8);
    expect(s).toEqual(DEFAULT_SETTINGS);
  });

  it("accepts booleans and numbers given as strings, and empty strings as 'use the default'", () => {
    const s = parseSettings({
      enabled: "false",
      strict_matching: "YES",
      sync_tags: 0,
      max_retries: "7",
      read_timeout: " 45 ",
      reconcile_interval: "",
      reconcile_scope: "ALL",
      plex_url: "http://plex:32400/",
    });
    expect(s.enabled).toBe(false);
    expect(s.strict_matching).toBe(true);
    expect(s.sync_tags).toBe(false);
    expect(s.max_retries).toBe(7);
    expect(s.read_timeout).toBe(45);
    expect(s.reconcile_interval).toBe("never");
    expect(s.reconcile_scope).toBe("all");
    expect(s.plex_url).toBe("http://plex:32400");
  });

  it("ignores keys it does not know (settings of other versions)", () => {
    expect(parseSettings({ some_old_key: 3 }).enabled).toBe(true);
  });

  it("names every bad field, what it must be and what it got", () => {
    let error: unknown;
    try {
      parseSettings({
        max_retries: 50,
        enabled: "maybe",
        plex_url: "plex.local",
        reconcile_interval: "monthly",
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SettingsError);
    const message = (error as Error).message;
    expect(message).toContain("max_retries must be at most 20 (got 50)");
    expect(message).toContain('enabled must be true or false (got "maybe")');
    expect(message).toContain("plex_url must start with http:// or https://");
    expect(message).toContain("reconcile_interval must be one of: never, hourly, daily, weekly");
    expect(message).toContain("Settings › Plugins › Stash2Plex");
  });

  it("never echoes the token in an error", () => {
    try {
      parseSettings({ plex_token: "short" });
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).toContain("plex_token looks too short");
      expect((e as Error).message).not.toContain('short"');
    }
  });

  it("rejects fractional values for whole-number settings", () => {
    expect(() => parseSettings({ max_retries: 5.5 })).toThrow(/max_retries must be a whole number/);
  });
});
