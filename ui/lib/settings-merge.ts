import type { PluginSettingsMap } from "../api/client";

export type SettingValue = string | number | boolean;

/**
 * Read–modify–write of the whole plugin map (configurePlugin replaces it): keys we do not know survive, edited
 * keys are replaced, an edit to "" removes the key (back to the default), and the token changes only when a new
 * one was typed.
 */
export function mergeSettings(
  current: PluginSettingsMap,
  edits: Readonly<Record<string, SettingValue>>,
  newToken: string,
): PluginSettingsMap {
  const next: PluginSettingsMap = { ...current };
  for (const [key, value] of Object.entries(edits)) {
    if (value === "") delete next[key];
    else next[key] = value;
  }
  const token = newToken.trim();
  if (token !== "") next["plex_token"] = token;
  return next;
}
