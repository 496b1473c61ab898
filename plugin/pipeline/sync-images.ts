import type { DesiredState } from "../core-sync/index.js";
import { planImage } from "../core-sync/index.js";
import { uploadedImageKey } from "../domain/plex-item.js";
import type { SceneSnapshot } from "../domain/scene.js";
import type { SceneSyncState } from "../domain/sync-state.js";
import { isPlexError } from "../plex/index.js";
import type { SceneSyncDeps } from "./sync-deps.js";

/**
 * Poster and background from the scene's screenshot: downloaded at most once per sync, uploaded to an item
 * only when the bytes differ from our last upload or Plex shows another image since (core-sync/images.ts).
 */
export type CoverLoader = () => Promise<{ bytes: Uint8Array; hash: string } | null>;

export function lazyCover(scene: SceneSnapshot, deps: SceneSyncDeps): CoverLoader {
  let loaded: Promise<{ bytes: Uint8Array; hash: string } | null> | null = null;
  return () => {
    if (!scene.screenshotUrl) return Promise.resolve(null);
    loaded ??= deps
      .downloadImage(scene.screenshotUrl)
      .then((bytes) => (bytes && bytes.length > 0 ? { bytes, hash: deps.sha1(bytes) } : null));
    return loaded;
  };
}

/** What this sync did per image slot, for the scene's Plex tab: uploaded, or why not. */
export type ImageEvents = { poster?: ImageEvent; art?: ImageEvent };
export type ImageEvent = { uploaded: true } | { problem: string };

export async function syncImages(
  desired: DesiredState,
  item: { ratingKey: string; thumb: string | null; art: string | null },
  cover: CoverLoader,
  images: {
    hashes: { poster?: string; art?: string };
    thumbs: { poster?: string; art?: string };
    events: ImageEvents;
  },
  deps: SceneSyncDeps,
): Promise<number> {
  let uploads = 0;
  for (const kind of ["poster", "art"] as const) {
    const enabled = kind === "poster" ? desired.poster === true : desired.art === true;
    if (!enabled) continue;
    const image = await cover();
    if (!image) {
      images.events[kind] = { problem: "Stash did not deliver the scene's cover image" };
      continue;
    }
    const itemThumb = kind === "poster" ? item.thumb : item.art;
    // The first sync after our upload learns the thumb path Plex gave our image.
    if (images.hashes[kind] === image.hash && images.thumbs[kind] === undefined && itemThumb) {
      images.thumbs[kind] = itemThumb;
    }
    const decision = planImage({
      enabled,
      bytesHash: image.hash,
      lastUploadedHash: images.hashes[kind] ?? null,
      itemThumb,
      lastItemThumb: images.thumbs[kind] ?? null,
    });
    if (decision !== "upload") continue;
    try {
      if (kind === "poster") await deps.plex.uploadPoster(item.ratingKey, image.bytes);
      else await deps.plex.uploadArt(item.ratingKey, image.bytes);
    } catch (error) {
      if (isPlexError(error) && error.kind === "bad_request") {
        deps.logger.warn(`Plex refused the ${kind} image for item ${item.ratingKey}: ${error.message}`);
        images.events[kind] = { problem: `Plex refused the image: ${error.message}` };
        continue;
      }
      throw error;
    }
    // Plex keys uploads by the bytes' sha1 and does not re-select bytes it already holds (a cover changed
    // back, or someone picked another poster in Plex): after a re-upload, select ours explicitly. A first
    // upload to the slot selects itself, so it costs no second request.
    if (images.hashes[kind] !== undefined) {
      const key = uploadedImageKey(kind, image.hash);
      if (kind === "poster") await deps.plex.selectPoster(item.ratingKey, key);
      else await deps.plex.selectArt(item.ratingKey, key);
    }
    images.hashes[kind] = image.hash;
    delete images.thumbs[kind];
    images.events[kind] = { uploaded: true };
    uploads++;
  }
  return uploads;
}

export type ItemImages = NonNullable<SceneSyncState["itemImages"]>;
type Slots = { poster?: string; art?: string };

/**
 * Each item's image state from the last sync. A state written before images were kept per item recorded the
 * upload to the scene's first item only (the others were skipped as unchanged), so it stands for that item.
 */
export function itemImagesOf(previous: SceneSyncState | null): ItemImages {
  if (previous?.itemImages) {
    return Object.fromEntries(
      Object.entries(previous.itemImages).map(([rk, s]) => [
        rk,
        { hashes: { ...s.hashes }, thumbs: { ...s.thumbs } },
      ]),
    );
  }
  const first = previous?.ratingKeys[0];
  if (!previous || first === undefined) return {};
  return { [first]: { hashes: { ...previous.imageHashes }, thumbs: { ...(previous.imageThumbs ?? {}) } } };
}

/** The hash each slot has on every one of the items (the scene-wide `imageHashes`). */
export function commonHashes(images: ItemImages, ratingKeys: readonly string[]): Slots {
  const common: Slots = {};
  for (const kind of ["poster", "art"] as const) {
    const hashes = new Set(ratingKeys.map((rk) => images[rk]?.hashes[kind]));
    const [only] = [...hashes];
    if (hashes.size === 1 && only !== undefined) common[kind] = only;
  }
  return common;
}

/** The image log after a sync at `at`: uploads stamp their time, failures their reason; untouched slots keep theirs. */
export function nextImageLog(
  previous: NonNullable<SceneSyncState["imageLog"]> | undefined,
  events: ImageEvents,
  at: number,
): NonNullable<SceneSyncState["imageLog"]> {
  const log = { ...(previous ?? {}) };
  for (const kind of ["poster", "art"] as const) {
    const event = events[kind];
    if (!event) continue;
    log[kind] =
      "uploaded" in event
        ? { uploadedAt: at }
        : {
            ...(log[kind]?.uploadedAt !== undefined ? { uploadedAt: log[kind].uploadedAt } : {}),
            problem: event.problem,
            failedAt: at,
          };
  }
  return log;
}
