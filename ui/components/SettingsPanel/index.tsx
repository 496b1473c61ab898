import { useEffect, useState } from "preact/hooks";
import type { PluginSettingsMap, SettingWords } from "../../api/client";
import { errorText } from "../../api/errors";
import { useDeps } from "../../lib/deps";
import { mergeSettings, type SettingValue } from "../../lib/settings-merge";
import { useStashVersion } from "../../lib/useStashVersion";
import { isOldStash } from "../../lib/version";
import { ErrorAlert, Loading } from "../common";
import { OldStashNotice } from "../OldStashNotice";
import { ConnectionTest, LibraryPicker } from "./ConnectionTools";
import { PathMapTester } from "./PathMapTester";
import { problemOf, SettingField } from "./SettingField";
import { defaultOf, type PanelSetting, SETTING_GROUPS, type ShownSetting, withWords } from "./settings-help";
import { useAutoSave } from "./useAutoSave";

/**
 * Replaces Stash's generic plugin settings list for Stash2Plex (patch `PluginSettings`). Like Stash's own
 * settings, every change is saved on its own (a value that does not fit is not saved and says why); only the
 * Plex token waits for its own Save button. Feedback comes in Stash's toast. Labels and help are the manifest's,
 * loaded from Stash with the saved values.
 */
export function SettingsPanel() {
  const { api } = useDeps();
  const version = useStashVersion();
  const [saved, setSaved] = useState<PluginSettingsMap | null>(null);
  const [words, setWords] = useState<Record<string, SettingWords>>({});
  const [loadError, setLoadError] = useState<unknown>(null);
  const [shown, setShown] = useState<Record<string, SettingValue>>({});
  const [newToken, setNewToken] = useState("");
  const save = useAutoSave(setSaved);

  const load = () => {
    setLoadError(null);
    api.readSettingsPage().then((page) => {
      setWords(page.words);
      setSaved(page.values);
    }, setLoadError);
  };
  useEffect(load, [api]);

  if (saved === null)
    return loadError ? <ErrorAlert error={loadError} onRetry={load} /> : <Loading what="settings" />;
  const settingValue = (s: PanelSetting): SettingValue | undefined => {
    if (s.key in shown) return shown[s.key];
    const stored = saved[s.key];
    return typeof stored === "string" || typeof stored === "number" || typeof stored === "boolean"
      ? stored
      : defaultOf(s.kind);
  };
  const edit = (s: PanelSetting, value: SettingValue) => {
    setShown((old) => ({ ...old, [s.key]: value }));
    if (problemOf(s, value) === null) save(s.key, value);
  };
  const tokenSet = typeof saved["plex_token"] === "string" && saved["plex_token"] !== "";

  return (
    <div class="stash2plex-settings">
      {version && isOldStash(version) && <OldStashNotice version={version} />}
      {SETTING_GROUPS.map((group) => (
        <fieldset key={group.title} class="stash2plex-setting-group setting-group mb-4">
          <legend>{group.title}</legend>
          {group.settings.map((setting) => {
            const s = withWords(setting, words);
            return s.kind.type === "secret" ? (
              <TokenField
                key={s.key}
                setting={s}
                tokenSet={tokenSet}
                value={newToken}
                onChange={setNewToken}
                onSaved={(map) => {
                  setSaved(map);
                  setNewToken("");
                }}
              />
            ) : s.kind.type === "libraries" ? (
              <LibraryPicker
                key={s.key}
                label={s.label}
                value={settingValue(s)?.toString()}
                onChange={(v) => edit(s, v)}
              />
            ) : (
              <SettingField key={s.key} setting={s} value={settingValue(s)} onChange={(v) => edit(s, v)} />
            );
          })}
          {group.title === "Plex connection" && (
            <ConnectionTest plexUrl={textOf(shown["plex_url"] ?? saved["plex_url"])} newToken={newToken} />
          )}
          {group.title === "Matching" && <PathMapTester />}
        </fieldset>
      ))}
    </div>
  );
}

function textOf(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/** The token is never shown: the field says whether one is set, takes a replacement, and saves it on confirm. */
function TokenField(props: {
  setting: ShownSetting;
  tokenSet: boolean;
  value: string;
  onChange(v: string): void;
  onSaved(map: PluginSettingsMap): void;
}) {
  const { api, host } = useDeps();
  const [saving, setSaving] = useState(false);
  const id = `stash2plex-setting-${props.setting.key}`;
  const saveToken = async () => {
    setSaving(true);
    try {
      const next = mergeSettings(await api.readPluginSettings(), {}, props.value);
      await api.writePluginSettings(next);
      props.onSaved(next);
      host.toast.success("Plex token saved");
    } catch (error) {
      host.toast.error(`The Plex token was not saved: ${errorText(error)}`);
    } finally {
      setSaving(false);
    }
  };
  return (
    <div class="form-group">
      <label for={id}>{props.setting.label}</label>
      <div class="input-group">
        <input
          id={id}
          class="form-control text-input"
          type="password"
          autocomplete="off"
          value={props.value}
          placeholder={props.tokenSet ? "•••••••• (saved — type to replace)" : "not set"}
          aria-describedby={`${id}-help`}
          onInput={(e) => props.onChange((e.currentTarget as HTMLInputElement).value)}
        />
        <div class="input-group-append">
          <button
            type="button"
            class="btn btn-primary text-nowrap"
            disabled={saving || props.value.trim() === ""}
            onClick={() => void saveToken()}
          >
            {saving ? "Saving…" : "Save token"}
          </button>
        </div>
      </div>
      <small id={`${id}-help`} class="form-text text-muted">
        {props.setting.help}
      </small>
    </div>
  );
}
