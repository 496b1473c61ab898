import type { Match } from "../../../plugin/ops/contracts";
import { formatBytes, safeHttpUrl } from "../../lib/format";
import { StatusBadge } from "../StatusBadge";

const HOW: Record<Extract<Match, { state: "matched" }>["how"], string> = {
  path: "by its file path",
  basename: "by file name",
  basename_size: "by file name and size",
  pinned: "pinned by you",
};

const UNKNOWN: Record<NonNullable<Extract<Match, { state: "unknown" }>["reason"]>, string> = {
  not_configured: "Not checked: Plex is not set up yet.",
  no_index: "Not checked yet: Stash2Plex has not read your Plex library.",
  no_scene: "Stash has no scene with this id.",
};

export function MatchState({
  match,
  busy,
  onPin,
  onReadLibrary,
}: {
  match: Match;
  busy: boolean;
  onPin(ratingKey: string, title: string): void;
  onReadLibrary(): void;
}) {
  switch (match.state) {
    case "matched":
      return (
        <div class="stash2plex-match">
          <StatusBadge state="matched" /> <span>Found in Plex {HOW[match.how]}.</span>
          <ul class="list-unstyled mt-2 mb-0">
            {match.items.map((item) => (
              <li key={item.ratingKey}>
                <PlexItemLink title={item.title} url={item.plexWebUrl} />
                {item.lowConfidence && (
                  <small class="d-block text-warning stash2plex-low-confidence">
                    Low confidence: picked by file name among several Plex items. Turn on strict matching to
                    choose yourself.
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
          <span>Several Plex items could hold this file. Pin the right one:</span>
          <ul class="list-unstyled mt-2 mb-0 stash2plex-candidates">
            {match.candidates.map((c) => (
              <li key={c.ratingKey} class="stash2plex-candidate">
                <div class="stash2plex-candidate-text">
                  <strong>{c.title}</strong>
                  <small class="d-block text-muted">
                    {c.file} · {formatBytes(c.size)}
                  </small>
                </div>
                <button
                  type="button"
                  class="btn btn-sm btn-secondary"
                  aria-disabled={busy}
                  onClick={() => !busy && onPin(c.ratingKey, c.title)}
                  aria-label={`Pin ${c.title} (${c.file})`}
                >
                  Pin
                </button>
              </li>
            ))}
          </ul>
        </div>
      );
    case "not_found":
      return (
        <div class="stash2plex-match">
          <StatusBadge state="not_found" />{" "}
          <span>
            Plex has no item for this scene's file: Plex has not scanned it yet, or the path map does not fit
            it.
          </span>
          {match.triedPaths.length > 0 && (
            <details class="small mt-1">
              <summary class="text-muted">Paths looked for</summary>
              <ul class="mb-0">
                {match.triedPaths.map((path) => (
                  <li key={path}>{path}</li>
                ))}
              </ul>
            </details>
          )}
        </div>
      );
    default:
      return (
        <div class="stash2plex-match">
          <StatusBadge state="unknown" /> <span>{UNKNOWN[match.reason ?? "no_index"]}</span>
          {(match.reason ?? "no_index") === "no_index" && (
            <div class="mt-2">
              <button
                type="button"
                class="btn btn-sm btn-secondary"
                aria-disabled={busy}
                onClick={() => !busy && onReadLibrary()}
              >
                Read Plex library
              </button>
            </div>
          )}
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
