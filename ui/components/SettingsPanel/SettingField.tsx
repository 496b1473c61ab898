import type { SettingValue } from "../../lib/settings-merge";
import type { PanelSetting, ShownSetting } from "./settings-help";

/** Why a value cannot be saved, or null when it can ("" always can: it means the default). */
export function problemOf(setting: PanelSetting, value: SettingValue | undefined): string | null {
  const kind = setting.kind;
  if (kind.type !== "number" || value === "" || value === undefined) return null;
  if (typeof value !== "number" || value < kind.min || value > kind.max) {
    return `Enter a number from ${kind.min} to ${kind.max}; it is saved once it fits.`;
  }
  return null;
}

/**
 * One labelled input with its help text, in Stash's own input classes (`text-input` for typed values,
 * `input-control` for selects, `custom-switch` for switches) so it takes Stash's dark look; ids tie label,
 * input and help together for screen readers.
 */
export function SettingField({
  setting,
  value,
  onChange,
}: {
  setting: ShownSetting;
  value: SettingValue | undefined;
  onChange(value: SettingValue): void;
}) {
  const id = `stash2plex-setting-${setting.key}`;
  const helpId = `${id}-help`;
  const kind = setting.kind;
  const problem = problemOf(setting, value);
  const help = (
    <small id={helpId} class="form-text text-muted">
      {setting.help}
    </small>
  );
  const invalid = problem ? " is-invalid" : "";
  if (kind.type === "boolean") {
    return (
      <div class="form-group custom-control custom-switch">
        <input
          id={id}
          type="checkbox"
          class="custom-control-input"
          checked={value === true}
          aria-describedby={helpId}
          onChange={(e) => onChange((e.currentTarget as HTMLInputElement).checked)}
        />
        <label class="custom-control-label" for={id}>
          {setting.label}
        </label>
        {help}
      </div>
    );
  }
  return (
    <div class="form-group">
      <label for={id}>{setting.label}</label>
      {kind.type === "choice" ? (
        <select
          id={id}
          class="form-control input-control"
          value={String(value ?? kind.default)}
          aria-describedby={helpId}
          onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value)}
        >
          {kind.options.map((o) => (
            <option key={o} value={o}>
              {kind.labels[o] ?? o}
            </option>
          ))}
        </select>
      ) : kind.type === "number" ? (
        <input
          id={id}
          class={`form-control text-input${invalid}`}
          type="number"
          value={value === undefined ? "" : String(value)}
          min={kind.min}
          max={kind.max}
          step={kind.step ?? 1}
          aria-describedby={helpId}
          aria-invalid={problem ? true : undefined}
          onInput={(e) => {
            const raw = (e.currentTarget as HTMLInputElement).value;
            onChange(raw !== "" && !Number.isNaN(Number(raw)) ? Number(raw) : raw);
          }}
        />
      ) : (
        <input
          id={id}
          class="form-control text-input"
          type="text"
          value={value === undefined ? "" : String(value)}
          placeholder={kind.type === "text" ? kind.placeholder : undefined}
          aria-describedby={helpId}
          onInput={(e) => onChange((e.currentTarget as HTMLInputElement).value)}
        />
      )}
      {problem && <div class="invalid-feedback d-block">{problem}</div>}
      {help}
    </div>
  );
}
