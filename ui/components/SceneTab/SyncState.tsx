import type { ImageStatus, SceneStatus } from "../../../plugin/ops/contracts";
import { formatStashDateTime, sinceWords } from "../../lib/stash-dates";
import type { JobWords } from "../../lib/words";
import { fieldList } from "./field-words";

/** The job line: a badge, what is happening, the next step, and the internals behind a disclosure. */
export function JobLine({ words }: { words: JobWords }) {
  return (
    <div class="stash2plex-job" data-tone={words.tone}>
      <span class={`badge badge-${words.tone} stash2plex-badge`}>{words.label}</span>{" "}
      <span class="stash2plex-job-sentence">{words.sentence}</span>
      {words.nextStep && <div class="small mt-1 stash2plex-next-step">{words.nextStep}</div>}
      {words.details && (
        <details class="small mt-1 stash2plex-details">
          <summary class="text-muted">Details</summary>
          <span class="stash2plex-error-text">{words.details}</span>
        </details>
      )}
    </div>
  );
}

export function LastSync({
  lastSync,
  now,
  locale,
}: {
  lastSync: SceneStatus["lastSync"];
  now: number;
  locale: string;
}) {
  if (!lastSync) return <p class="text-muted mb-2 stash2plex-last-sync">Not synced yet.</p>;
  const changed = lastSync.changes.map((c) => c.field);
  return (
    <p class="stash2plex-last-sync mb-2">
      <span title={formatStashDateTime(lastSync.at, locale)}>
        Last synced {sinceWords(lastSync.at, now, locale)}
      </span>
      {changed.length === 0 ? (
        <span class="text-muted"> — Plex already had everything.</span>
      ) : (
        <span class="stash2plex-changed-fields"> — updated {fieldList(changed)}.</span>
      )}
    </p>
  );
}

const IMAGE_NAMES = { poster: "Poster", background: "Background" } as const;

function imageWords(image: ImageStatus, now: number, locale: string): string {
  const when = image.at === null ? "" : ` ${sinceWords(image.at, now, locale)}`;
  switch (image.state) {
    case "uploaded":
      return `Uploaded${when}.`;
    case "unchanged":
      return image.at === null
        ? "Uploaded earlier; unchanged since."
        : `Unchanged since it was uploaded ${formatStashDateTime(image.at, locale)}.`;
    case "off":
      return "Off in the plugin settings.";
    case "no_cover":
      return "The scene has no cover in Stash.";
    case "not_yet":
      return "Not uploaded yet.";
    case "failed":
      return "Not uploaded: the last sync could not send it.";
  }
}

/** Poster and background rows: uploaded when, unchanged since, off, or failed with why (in the details). */
export function ImageRows({
  images,
  now,
  locale,
}: {
  images: NonNullable<SceneStatus["images"]>;
  now: number;
  locale: string;
}) {
  return (
    <dl class="stash2plex-images mb-0">
      {(["poster", "background"] as const).map((slot) => {
        const image = images[slot];
        return (
          <div key={slot} class="stash2plex-image-row" data-state={image.state}>
            <dt>{IMAGE_NAMES[slot]}</dt>
            <dd class="mb-1">
              {imageWords(image, now, locale)}
              {image.problem && (
                <details class="small">
                  <summary class="text-muted">Details</summary>
                  <span class="stash2plex-error-text">{image.problem}</span>
                </details>
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
