/**
 * Whether to upload the poster and background (both from the scene's screenshot). Uploading the same bytes
 * on every sync (the original did) costs bandwidth and Plex thumbnail work, so a slot is uploaded only when
 *  - we never uploaded to this item, or
 *  - the bytes' hash differs from the hash we last uploaded, or
 *  - Plex no longer shows ours: the item's image path (`thumb`/`art`, whose `{ts}` moves on every change)
 *    differs from the one recorded after our upload, or the selected entry of the image list (when the shell
 *    fetched it) is not `upload://posters/<sha1>` (`upload://art/<sha1>` for backgrounds).
 * Plex keys an upload by the sha1 of its bytes and does not re-select bytes it already holds, so every upload
 * decision carries the key the shell must select afterwards. The sha1 function is injected (no node:crypto in
 * pure code).
 */

export type ImageSlot = "poster" | "background";

/** What the sync state recorded after our last upload to this item's slot. */
export interface UploadedImage {
  /** sha1 (hex) of the uploaded bytes. */
  hash: string;
  /** The item's `thumb` / `art` path read back after the upload (null if not read). */
  plexPath: string | null;
}

export interface ImageSlotInput {
  /** The desired state asks for this slot. */
  wanted: boolean;
  /** The screenshot bytes (null when the scene has none or the download failed). */
  bytes: Uint8Array | null;
  lastUploaded: UploadedImage | null;
  /** The item's current `thumb` (poster) or `art` (background). */
  currentPlexPath: string | null;
  /** ratingKey of the entry Plex marks selected in `posters()` / `arts()`, when the shell fetched it. */
  selectedKey?: string | null;
}

export type ImageDecision =
  | { action: "skip"; reason: "not_wanted" | "no_image" | "unchanged" }
  | {
      action: "upload";
      reason: "first_upload" | "bytes_changed" | "replaced_in_plex";
      hash: string;
      /** Select this entry after uploading (Plex does not re-select bytes it already holds). */
      selectKey: string;
    };

export interface ImagePlan {
  poster: ImageDecision;
  background: ImageDecision;
}

export type Sha1 = (bytes: Uint8Array) => string;

/** The ratingKey Plex gives uploaded bytes. */
export function uploadKey(slot: ImageSlot, hash: string): string {
  return `upload://${slot === "poster" ? "posters" : "art"}/${hash}`;
}

export function planImageSlot(slot: ImageSlot, input: ImageSlotInput, sha1: Sha1): ImageDecision {
  if (!input.wanted) return { action: "skip", reason: "not_wanted" };
  if (input.bytes === null || input.bytes.byteLength === 0) return { action: "skip", reason: "no_image" };
  const hash = sha1(input.bytes).toLowerCase();
  const selectKey = uploadKey(slot, hash);
  const upload = (reason: "first_upload" | "bytes_changed" | "replaced_in_plex"): ImageDecision => ({
    action: "upload",
    reason,
    hash,
    selectKey,
  });
  const last = input.lastUploaded;
  if (last === null) return upload("first_upload");
  if (last.hash.toLowerCase() !== hash) return upload("bytes_changed");
  const pathMoved = last.plexPath !== null && last.plexPath !== input.currentPlexPath;
  const selectedOther = input.selectedKey != null && input.selectedKey !== selectKey;
  if (pathMoved || selectedOther) return upload("replaced_in_plex");
  return { action: "skip", reason: "unchanged" };
}

export interface PlanImagesInput {
  poster: ImageSlotInput;
  background: ImageSlotInput;
}

/** Both slots; poster and background are decided independently (they may share the same bytes). */
export function planImages(input: PlanImagesInput, sha1: Sha1): ImagePlan {
  return {
    poster: planImageSlot("poster", input.poster, sha1),
    background: planImageSlot("background", input.background, sha1),
  };
}

/**
 * Whether the shell needs the screenshot bytes at all: not when the slot is unwanted, and not when the
 * screenshot URL (Stash stamps it with `?t=<updated>`) and Plex's image path are what they were after our last
 * upload — then nothing can have changed on either side.
 */
export function needsImageBytes(
  input: { wanted: boolean; screenshotUrl: string | null; currentPlexPath: string | null },
  last: (UploadedImage & { sourceUrl: string | null }) | null,
): boolean {
  if (!input.wanted || input.screenshotUrl === null) return false;
  if (last === null || last.sourceUrl === null || last.plexPath === null) return true;
  return last.sourceUrl !== input.screenshotUrl || last.plexPath !== input.currentPlexPath;
}
