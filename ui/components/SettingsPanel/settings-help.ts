import { SETTING_CONTROLS, type SettingControl } from "../../../plugin/config/setting-controls";
import type { SettingWords } from "../../api/client";

/**
 * The settings panel's view of plugin/config/setting-controls.ts (controls and defaults, grouped in display
 * order). The labels and help are not bundled: they are the manifest's, which Stash serves with the saved values
 * (`SettingsPage.words`), so a new setting or a changed wording is made once, in plugin/config/setting-docs.ts.
 */
export interface PanelSetting {
  key: string;
  /** The control as setting-controls.ts says it: type, default, range or choices. */
  kind: SettingControl;
}

/** A setting with the words it is shown with. */
export interface ShownSetting extends PanelSetting {
  label: string;
  help: string;
}

export interface SettingGroup {
  title: string;
  settings: PanelSetting[];
}

export const SETTING_GROUPS: SettingGroup[] = [];
for (const [key, { group, control }] of Object.entries(SETTING_CONTROLS)) {
  const setting: PanelSetting = { key, kind: control };
  const known = SETTING_GROUPS.find((g) => g.title === group);
  if (known) known.settings.push(setting);
  else SETTING_GROUPS.push({ title: group, settings: [setting] });
}

export const ALL_SETTINGS: PanelSetting[] = SETTING_GROUPS.flatMap((g) => g.settings);

/** The manifest's words for a setting; its key (what Stash's own page falls back to) when Stash gave none. */
export function withWords(setting: PanelSetting, words: Record<string, SettingWords>): ShownSetting {
  const said = words[setting.key];
  return { ...setting, label: said?.label || setting.key, help: said?.help ?? "" };
}

/** What Stash's settings hold when the user never set the key (text settings: nothing). */
export function defaultOf(kind: SettingControl): string | number | boolean | undefined {
  return "default" in kind ? kind.default : undefined;
}
