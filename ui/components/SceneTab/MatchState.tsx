import type { Match } from "../../../plugin/ops/contracts";
import { formatBytes, safeHttpUrl } from "../../lib/format";
import { StatusBadge } from "../StatusBadge";

const HOW: Record<Extract<Match, { state: "matched" }>["how"], string> = {
  path: "by its mapped path",
  basename: "by file name",
  basename_size: "by file name and size",
  pinned: "pinned by you",
};

export function MatchState({
  match,
  busy,
  onPin,
}: {
  match: Match;
  busy: boolean;
  onPin(ratingKey: string): void;
}) {
  switch (match.state) {
    case "matched":
      return (
        <div class="stash2plex-match">
          <StatusBadge state="matched" /> <span class="ml-1">Found in Plex {HOW[match.how]}.</span>
          <ul class="list-unstyled mt-2 mb-0">
            {match.items.map((item) => (
              <li key={item.ratingKey}>
                <PlexItemLink title={item.title} url={item.plexWebUrl} />{" "}
                <small class="text-muted">
                  (item {item.ratingKey}, library {item.sectionId})
                </small>
                {item.lowConfidence && (
                  <small class="text-warning stash2plex-low-confidence">
                    {" "}
                    — low confidence: picked by file name among several Plex items (strict matching lets you
                    choose)
                  </small>
                )}
              </li>
            ))}
          </ul>
        </div>
      );
    case "ambiguous":
      return (
        <div class="stash2plex-match">
          <StatusBadge state="ambiguous" />{" "}
          <span class="ml-1">Several Plex items could hold this file. Pin the right one:</span>
          <table class="table table-sm table-striped mt-2 stash2plex-candidates">
            <thead>
              <tr>
                <th scope="col">Plex title</th>
                <th scope="col">File</th>
                <th scope="col">Size</th>
                <th scope="col">
                  <span class="sr-only">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {match.candidates.map((c) => (
                <tr key={c.ratingKey}>
                  <td>{c.title}</td>
                  <td class="text-break">{c.file}</td>
                  <td>{formatBytes(c.size)}</td>
                  <td>
                    <button
                      type="button"
                      class="btn btn-sm btn-secondary"
                      disabled={busy}
                      onClick={() => onPin(c.ratingKey)}
                      aria-label={`Pin ${c.title} (${c.file})`}
                    >
                      Pin
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    case "not_found":
      return (
        <div class="stash2plex-match">
          <StatusBadge state="not_found" />{" "}
          <span class="ml-1">
            Plex has no item for this scene's file (it may not have scanned it yet). Looked for:
          </span>
          <ul class="mt-2 mb-0 small text-break">
            {match.triedPaths.map((path) => (
              <li key={path}>{path}</li>
            ))}
          </ul>
        </div>
      );
    default:
      return (
        <div class="stash2plex-match">
          <StatusBadge state="unknown" />{" "}
          <span class="ml-1">Not matched yet: sync the scene to look it up.</span>
        </div>
      );
  }
}

/** Plex titles are text; the link exists only for an http(s) URL. */
function PlexItemLink({ title, url }: { title: string; url: string | null }) {
  const safe = safeHttpUrl(url);
  if (!safe) return <span class="stash2plex-item-title">{title}</span>;
  return (
    <a class="stash2plex-item-title" href={safe} target="_blank" rel="noopener noreferrer">
      {title}
    </a>
  );
}
