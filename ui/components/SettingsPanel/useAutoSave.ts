import { useEffect, useRef } from "preact/hooks";
import type { PluginSettingsMap } from "../../api/client";
import { errorText } from "../../api/errors";
import { useDeps } from "../../lib/deps";
import { mergeSettings, type SettingValue } from "../../lib/settings-merge";

/** Like Stash's own settings: a change is saved once no further change came for this long. */
export const SAVE_DELAY_MS = 500;

/**
 * Saves edits on change, as Stash's settings pages do: edits made within `SAVE_DELAY_MS` of each other go out
 * as one read–modify–write of the whole plugin map (so keys another tab saved meanwhile survive). Feedback is
 * Stash's toast only. Unmounting with edits still waiting saves them at once.
 */
export function useAutoSave(
  onSaved: (map: PluginSettingsMap) => void,
): (key: string, value: SettingValue) => void {
  const { api, host } = useDeps();
  const waiting = useRef<Record<string, SettingValue>>({});
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const saved = useRef(onSaved);
  saved.current = onSaved;

  const flush = useRef(async () => {
    timer.current = undefined;
    const edits = waiting.current;
    waiting.current = {};
    if (Object.keys(edits).length === 0) return;
    try {
      const next = mergeSettings(await api.readPluginSettings(), edits, "");
      await api.writePluginSettings(next);
      saved.current(next);
      host.toast.success("Stash2Plex settings saved");
    } catch (error) {
      host.toast.error(`Stash2Plex settings were not saved: ${errorText(error)}`);
    }
  });

  useEffect(
    () => () => {
      if (timer.current !== undefined) {
        clearTimeout(timer.current);
        void flush.current();
      }
    },
    [],
  );

  return (key, value) => {
    waiting.current = { ...waiting.current, [key]: value };
    if (timer.current !== undefined) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush.current(), SAVE_DELAY_MS);
  };
}
