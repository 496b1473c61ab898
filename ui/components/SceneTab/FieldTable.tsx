import type { SceneStatus } from "../../../plugin/ops/contracts";
import { formatValue } from "../../lib/format";
import { plexFieldName, stashFieldName } from "./field-words";

type Fields = NonNullable<SceneStatus["fields"]>;

/**
 * Stash's value next to Plex's, one row per field in Stash's words (Plex's name as small secondary text).
 * Differing rows are marked; a field Plex has locked carries a lock mark beside its name.
 */
export function FieldTable({ fields }: { fields: Fields }) {
  if (fields.length === 0) return <p class="text-muted">No fields to compare.</p>;
  return (
    <table class="table table-sm stash2plex-fields">
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Stash</th>
          <th scope="col">Plex</th>
        </tr>
      </thead>
      <tbody>
        {fields.map((f) => {
          const stash = formatValue(f.stash);
          const plex = formatValue(f.plex);
          const differs = stash !== plex;
          const plexName = plexFieldName(f.field);
          return (
            <tr key={f.field} class={differs ? "stash2plex-differs" : undefined} data-differs={differs}>
              <th scope="row">
                <FieldName name={stashFieldName(f.field)} locked={f.locked} />
                {plexName && <small class="d-block text-muted">Plex: {plexName}</small>}
              </th>
              <td>{stash}</td>
              <td>{plex}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The lock mark stays on the line of the name's last word (it never wraps alone). */
function FieldName({ name, locked }: { name: string; locked: boolean }) {
  if (!locked) return <span class="stash2plex-field-name">{name}</span>;
  const cut = name.lastIndexOf(" ") + 1;
  return (
    <span class="stash2plex-field-name">
      {name.slice(0, cut)}
      <span class="text-nowrap">
        {name.slice(cut)}
        <LockMark />
      </span>
    </span>
  );
}

function LockMark() {
  return (
    <span class="stash2plex-lock" title="Locked in Plex (Plex agents will not overwrite it)">
      <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
        <path fill="currentColor" d="M4 7V5a4 4 0 1 1 8 0v2h1v8H3V7h1zm2 0h4V5a2 2 0 1 0-4 0v2z" />
      </svg>
      <span class="sr-only">locked in Plex</span>
    </span>
  );
}
