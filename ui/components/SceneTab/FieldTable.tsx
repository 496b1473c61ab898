import type { SceneStatus } from "../../../plugin/ops/contracts";
import { formatValue } from "../../lib/format";

type Fields = NonNullable<SceneStatus["fields"]>;

/** Stash value vs Plex value per field; differing rows are marked, locked Plex fields carry a lock mark. */
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
          return (
            <tr key={f.field} class={differs ? "stash2plex-differs" : undefined} data-differs={differs}>
              <th scope="row">{f.field}</th>
              <td class="text-break">{stash}</td>
              <td class="text-break">
                {plex}
                {f.locked && (
                  <span
                    class="stash2plex-lock ml-1"
                    title="Locked in Plex (Plex agents will not overwrite it)"
                  >
                    <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
                      <path
                        fill="currentColor"
                        d="M4 7V5a4 4 0 1 1 8 0v2h1v8H3V7h1zm2 0h4V5a2 2 0 1 0-4 0v2z"
                      />
                    </svg>
                    <span class="sr-only">locked</span>
                  </span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
