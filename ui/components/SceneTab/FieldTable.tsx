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
                    <span aria-hidden="true">🔒</span>
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
