import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { SETTING_CONTROLS } from "../../../plugin/config/setting-controls.js";
import { settingDocList } from "../../../plugin/config/setting-docs.js";
import { DEFAULT_SETTINGS, SETTING_KEYS, settingsSchema } from "../../../plugin/config/settings.js";
import { manifestDescription, outOfDate, ROOT } from "../../../scripts/sync-docs.js";
import { ALL_SETTINGS, defaultOf, withWords } from "../../../ui/components/SettingsPanel/settings-help.js";
import { loadPlugin } from "../../fakes/stash/manifest";
import { pluginView } from "../../fakes/stash/resolvers";

let temp: string | null = null;
afterEach(() => {
  if (temp) rmSync(temp, { recursive: true, force: true });
  temp = null;
});

/** A copy of the files sync-docs reads, with `edit` applied to one of them. */
function editedCopy(name: string, edit: (text: string) => string): string {
  temp = mkdtempSync(path.join(tmpdir(), "s2p-docs-"));
  for (const file of ["package.json", "Stash2Plex.yml", "README.md"])
    cpSync(path.join(ROOT, file), path.join(temp, file));
  const file = path.join(temp, name);
  writeFileSync(file, edit(readFileSync(file, "utf8")));
  return temp;
}

const accepts = (key: string, value: unknown) =>
  settingsSchema.shape[key as keyof typeof settingsSchema.shape].safeParse(value).success;

describe("settings from one table (plugin/config/setting-docs.ts)", () => {
  it("schema ↔ table: the parser's defaults, ranges and choices are the table's", () => {
    expect(Object.keys(SETTING_CONTROLS).sort()).toEqual([...SETTING_KEYS].sort());
    // Every setting has its words: the texts table covers exactly the controls.
    for (const doc of settingDocList()) expect([doc.key, doc.label, doc.help].every(Boolean)).toBe(true);
    for (const doc of settingDocList()) {
      const c = doc.control;
      const parsed = DEFAULT_SETTINGS[doc.key];
      if (c.type === "boolean" || c.type === "number" || c.type === "choice")
        expect({ key: doc.key, default: parsed }).toEqual({ key: doc.key, default: c.default });
      else expect({ key: doc.key, default: parsed }).toEqual({ key: doc.key, default: undefined });
      if (c.type === "number") {
        expect([accepts(doc.key, c.min), accepts(doc.key, c.max)], doc.key).toEqual([true, true]);
        const step = c.integer ? 1 : 0.01;
        expect([accepts(doc.key, c.min - step), accepts(doc.key, c.max + step)], doc.key).toEqual([
          false,
          false,
        ]);
        expect(accepts(doc.key, c.min + 0.5), `${doc.key} fractions`).toBe(!c.integer);
      }
      if (c.type === "choice") {
        for (const option of c.options) expect(accepts(doc.key, option), `${doc.key} ${option}`).toBe(true);
        expect(accepts(doc.key, "fortnightly"), doc.key).toBe(false);
      }
    }
  });

  it("UI controls ↔ schema: the panel shows every setting once, with the schema's default and range", () => {
    expect(ALL_SETTINGS.map((s) => s.key).sort()).toEqual([...SETTING_KEYS].sort());
    for (const s of ALL_SETTINGS) {
      if (s.kind.type === "secret") continue;
      expect({ key: s.key, value: defaultOf(s.kind) }).toEqual({
        key: s.key,
        value: DEFAULT_SETTINGS[s.key as keyof typeof DEFAULT_SETTINGS],
      });
      if (s.kind.type === "number") {
        expect([accepts(s.key, s.kind.min), accepts(s.key, s.kind.max)], s.key).toEqual([true, true]);
        expect([accepts(s.key, s.kind.min - 1), accepts(s.key, s.kind.max + 1)], s.key).toEqual([
          false,
          false,
        ]);
      }
    }
  });

  it("manifest ↔ schema: Stash2Plex.yml's settings block is the generated one", () => {
    expect(outOfDate()).toEqual([]);
    const manifest = parse(readFileSync(path.join(ROOT, "Stash2Plex.yml"), "utf8")) as {
      settings: Record<string, { displayName: string; description: string }>;
    };
    expect(Object.keys(manifest.settings)).toEqual(settingDocList().map((d) => d.key));
    expect(manifest.settings.max_retries?.description).toContain("(1–20, default 5)");
  });

  it("UI words ↔ table: the panel shows the label and help Stash serves from the manifest", () => {
    const served = pluginView("Stash2Plex", loadPlugin(ROOT, "Stash2Plex.yml").manifest).settings ?? [];
    const words = Object.fromEntries(
      served.map((s) => [s.name, { label: s.display_name ?? undefined, help: s.description ?? undefined }]),
    );
    const docs = new Map(settingDocList().map((doc) => [doc.key, doc]));
    for (const setting of ALL_SETTINGS) {
      const doc = docs.get(setting.key as (typeof SETTING_KEYS)[number]);
      const { label, help } = withWords(setting, words);
      expect({ key: setting.key, label, help }).toEqual({
        key: setting.key,
        label: doc?.label,
        help: doc && manifestDescription(doc),
      });
    }
  });

  it("a manifest description edited alone is out of date", () => {
    const root = editedCopy("Stash2Plex.yml", (text) =>
      text.replace("(1–20, default 5)", "(1–20, default 3)"),
    );
    expect(outOfDate(root)).toEqual(["Stash2Plex.yml"]);
  });

  it("README ↔ schema: the settings table is the generated one, and one edited alone is out of date", () => {
    expect(readFileSync(path.join(ROOT, "README.md"), "utf8")).toContain("| `max_retries` | 5 |");
    const root = editedCopy("README.md", (text) =>
      text.replace("| `max_retries` | 5 |", "| `max_retries` | 3 |"),
    );
    expect(outOfDate(root)).toEqual(["README.md"]);
  });
});
