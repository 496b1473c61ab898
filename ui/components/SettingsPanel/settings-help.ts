import {
  describeRange,
  type SettingControl,
  type SettingDoc,
  settingDocList,
} from "../../../plugin/config/setting-docs";

/**
 * The settings panel's view of plugin/config/setting-docs.ts (labels, help, controls and defaults, grouped in
 * display order). Nothing here is written twice: a new setting or a changed default is made in that table.
 */
export type SettingKind =
  | { type: "boolean"; default: boolean }
  | { type: "number"; default: number; min: number; max: number; step?: number }
  | { type: "text"; default: string | undefined; placeholder?: string }
  | { type: "secret" }
  | { type: "choice"; default: string; options: readonly string[]; labels: Readonly<Record<string, string>> }
  | { type: "libraries"; default: string | undefined };

export interface SettingHelp {
  key: string;
  label: string;
  help: string;
  kind: SettingKind;
}

export interface SettingGroup {
  title: string;
  settings: SettingHelp[];
}

function kindOf(control: SettingControl): SettingKind {
  switch (control.type) {
    case "number":
      return {
        type: "number",
        default: control.default,
        min: control.min,
        max: control.max,
        step: control.step ?? 1,
      };
    case "text":
      return { type: "text", default: undefined, placeholder: control.placeholder };
    case "libraries":
      return { type: "libraries", default: undefined };
    default:
      return control;
  }
}

/** The panel shows a number's range after its help, e.g. "Seconds to wait for Plex to answer (1–30)." */
function panelHelp(doc: SettingDoc): string {
  if (doc.panelHelp) return doc.panelHelp;
  return doc.control.type === "number" ? `${doc.help} (${describeRange(doc.control)}).` : `${doc.help}.`;
}

function groupsOf(docs: ReturnType<typeof settingDocList>): SettingGroup[] {
  const groups: SettingGroup[] = [];
  for (const doc of docs) {
    const setting: SettingHelp = {
      key: doc.key,
      label: doc.panelLabel ?? doc.label,
      help: panelHelp(doc),
      kind: kindOf(doc.control),
    };
    const group = groups.find((g) => g.title === doc.group);
    if (group) group.settings.push(setting);
    else groups.push({ title: doc.group, settings: [setting] });
  }
  return groups;
}

export const SETTING_GROUPS: SettingGroup[] = groupsOf(settingDocList());

export const ALL_SETTINGS: SettingHelp[] = SETTING_GROUPS.flatMap((g) => g.settings);

export function defaultOf(kind: SettingKind): string | number | boolean | undefined {
  return kind.type === "secret" ? undefined : kind.default;
}
