import { useEffect, useState } from "preact/hooks";
import type { PluginSettingsMap } from "../../api/client";
import { useDeps } from "../../lib/deps";
import { mergeSettings, type SettingValue } from "../../lib/settings-merge";
import { useAction } from "../../lib/useAction";
import { useStashVersion } from "../../lib/useStashVersion";
import { isOldStash } from "../../lib/version";
import { ErrorAlert, Loading } from "../common";
import { OldStashNotice } from "../OldStashNotice";
import { ConnectionTest, LibraryPicker, PathMapTester } from "./ConnectionTools";
import { SettingField } from "./SettingField";
import { defaultOf, SETTING_GROUPS, type SettingHelp } from "./settings-help";

/** Replaces Stash's generic plugin settings list for Stash2Plex (patch `PluginSettings`). */
export function SettingsPanel() {
  const { api } = useDeps();
  const version = useStashVersion();
  const [saved, setSaved] = useState<PluginSettingsMap | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [edits, setEdits] = useState<Record<string, SettingValue>>({});
  const [newToken, setNewToken] = useState("");
  const { busy, run } = useAction();

  const load = () => {
    setLoadError(null);
    api.readPluginSettings().then(setSaved, setLoadError);
  };
  useEffect(load, [api]);

  if (saved === null)
    return loadError ? <ErrorAlert error={loadError} onRetry={load} /> : <Loading what="settings" />;
  const settingValue = (s: SettingHelp): SettingValue | undefined => {
    if (s.key in edits) return edits[s.key];
    const stored = saved[s.key];
    return typeof stored === "string" || typeof stored === "number" || typeof stored === "boolean"
      ? stored
      : defaultOf(s.kind);
  };
  const edit = (key: string, value: SettingValue) => setEdits((e) => ({ ...e, [key]: value }));
  const dirty = Object.keys(edits).length > 0 || newToken.trim() !== "";
  const save = () =>
    void run("Save settings", async () => {
      const current = await api.readPluginSettings(); // re-read: another tab may have saved meanwhile
      const next = mergeSettings(current, edits, newToken);
      await api.writePluginSettings(next);
      setSaved(next);
      setEdits({});
      setNewToken("");
      return "Settings saved";
    });
  const tokenSet = typeof saved["plex_token"] === "string" && saved["plex_token"] !== "";

  return (
    <div class="stash2plex-settings">
      {version && isOldStash(version) && <OldStashNotice version={version} />}
      {SETTING_GROUPS.map((group) => (
        <fieldset key={group.title} class="stash2plex-setting-group mb-4">
          <legend>{group.title}</legend>
          {group.settings.map((s) =>
            s.kind.type === "secret" ? (
              <TokenField
                key={s.key}
                setting={s}
                tokenSet={tokenSet}
                value={newToken}
                onChange={setNewToken}
              />
            ) : s.kind.type === "libraries" ? (
              <LibraryPicker
                key={s.key}
                value={settingValue(s)?.toString()}
                onChange={(v) => edit(s.key, v)}
              />
            ) : (
              <SettingField
                key={s.key}
                setting={s}
                value={settingValue(s)}
                onChange={(v) => edit(s.key, v)}
              />
            ),
          )}
          {group.title === "Plex connection" && (
            <ConnectionTest plexUrl={textOf(edits["plex_url"] ?? saved["plex_url"])} newToken={newToken} />
          )}
          {group.title === "Matching" && <PathMapTester />}
        </fieldset>
      ))}
      <div class="stash2plex-save-bar">
        <button type="button" class="btn btn-primary" disabled={!dirty || busy !== null} onClick={save}>
          {busy === "Save settings" ? "Saving…" : "Save"}
        </button>
        {dirty && <span class="ml-2 small text-muted">Unsaved changes</span>}
      </div>
    </div>
  );
}

function textOf(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/** The token is never shown: the field says whether one is set and takes a replacement. */
function TokenField(props: {
  setting: SettingHelp;
  tokenSet: boolean;
  value: string;
  onChange(v: string): void;
}) {
  const id = `stash2plex-setting-${props.setting.key}`;
  return (
    <div class="form-group">
      <label for={id}>{props.setting.label}</label>
      <input
        id={id}
        class="form-control"
        type="password"
        autocomplete="off"
        value={props.value}
        placeholder={props.tokenSet ? "•••••••• (saved — type to replace)" : "not set"}
        aria-describedby={`${id}-help`}
        onInput={(e) => props.onChange((e.currentTarget as HTMLInputElement).value)}
      />
      <small id={`${id}-help`} class="form-text text-muted">
        {props.setting.help}
      </small>
    </div>
  );
}
