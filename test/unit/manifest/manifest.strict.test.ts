import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { DEFAULT_SETTINGS, SETTING_KEYS, settingsSchema } from "../../../plugin/config/settings.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const manifest = parse(readFileSync(path.join(ROOT, "Stash2Plex.yml"), "utf8")) as Record<string, unknown>;
const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string };

// Stash decodes the manifest with SetStrict(true): an unknown key anywhere stops the plugin loading
// (pkg/plugin/config.go: Config, UIConfig, HookConfig, OperationConfig, SettingConfig).
const TOP = [
  "name",
  "description",
  "version",
  "url",
  "exec",
  "interface",
  "errLog",
  "tasks",
  "hooks",
  "settings",
  "ui",
];
const TASK = ["name", "description", "execArgs", "defaultArgs"];
const HOOK = [...TASK, "triggeredBy"];
const SETTING = ["displayName", "description", "type"];
const UI = ["javascript", "css", "requires", "csp", "assets"];
const TRIGGERS = ["Scene.Create.Post", "Scene.Update.Post", "Scene.Destroy.Post"];

function keysWithin(value: unknown, allowed: string[], where: string) {
  expect(typeof value, where).toBe("object");
  for (const key of Object.keys(value as object))
    expect(allowed, `${where}: unknown key "${key}"`).toContain(key);
}

describe("Stash2Plex.yml, read as strictly as Stash does", () => {
  it("uses only keys Stash knows", () => {
    keysWithin(manifest, TOP, "top level");
    keysWithin(manifest.ui, UI, "ui");
    for (const task of manifest.tasks as unknown[]) keysWithin(task, TASK, "task");
    for (const hook of manifest.hooks as unknown[]) keysWithin(hook, HOOK, "hook");
    for (const [key, setting] of Object.entries(manifest.settings as object))
      keysWithin(setting, SETTING, `setting ${key}`);
  });

  it("runs the bundled script with node through the raw interface", () => {
    // Only the ExperimentalWarning type (Node 22 prints one for node:sqlite) is silenced; docs/decisions.md.
    expect(manifest.exec).toEqual([
      "node",
      "--disable-warning=ExperimentalWarning",
      "{pluginDir}/dist/stash2plex.mjs",
    ]);
    expect(manifest.interface).toBe("raw");
    expect(manifest.ui).toMatchObject({
      javascript: ["dist/stash2plex-ui.js"],
      css: ["dist/stash2plex-ui.css"],
    });
  });

  it("carries the package version", () => {
    expect(String(manifest.version)).toBe(pkg.version);
  });

  it("hooks only real scene triggers (Stash does not validate them: a typo would silently never fire)", () => {
    const triggers = (manifest.hooks as Array<{ triggeredBy: string[] }>).flatMap((h) => h.triggeredBy);
    expect([...triggers].sort()).toEqual([...TRIGGERS].sort());
  });

  it("gives every task a mode and string-only defaultArgs", () => {
    for (const task of manifest.tasks as Array<{ defaultArgs: Record<string, unknown> }>) {
      expect(typeof task.defaultArgs.mode).toBe("string");
      for (const value of Object.values(task.defaultArgs)) expect(typeof value).toBe("string");
    }
  });

  it("declares exactly the settings the config schema knows, with matching types", () => {
    const declared = Object.keys(manifest.settings as object).sort();
    expect(declared).toEqual([...SETTING_KEYS].sort());
    for (const [key, setting] of Object.entries(manifest.settings as Record<string, { type: string }>)) {
      expect(["STRING", "NUMBER", "BOOLEAN"]).toContain(setting.type);
      const sample =
        setting.type === "STRING" ? undefined : DEFAULT_SETTINGS[key as keyof typeof DEFAULT_SETTINGS];
      if (setting.type !== "STRING")
        expect(typeof sample, key).toBe(setting.type === "BOOLEAN" ? "boolean" : "number");
      if (sample !== undefined)
        expect(
          settingsSchema.shape[key as keyof typeof settingsSchema.shape].safeParse(sample).success,
          key,
        ).toBe(true);
    }
  });

  it("keeps every setting key of the Python plugin, so users upgrading keep their settings", () => {
    const original = [
      "plex_url",
      "plex_token",
      "plex_library",
      "enabled",
      "max_retries",
      "poll_interval",
      "strict_matching",
      "preserve_plex_edits",
      "connect_timeout",
      "read_timeout",
      "max_tags",
      "sync_master",
      "sync_studio",
      "sync_summary",
      "sync_tagline",
      "sync_date",
      "sync_performers",
      "sync_tags",
      "sync_poster",
      "sync_background",
      "sync_collection",
      "trigger_plex_scan",
      "skip_not_found",
      "debug_logging",
      "obfuscate_paths",
      "reconcile_interval",
      "reconcile_scope",
      "reconcile_missing",
      "plex_unmatched_path_map",
    ];
    for (const key of original) expect(Object.keys(manifest.settings as object)).toContain(key);
  });
});
