/**
 * Whether to upload the scene's image as poster/background. Plex gives every upload a new thumb path, so
 * "the thumb we saw right after our last upload" tells us whether someone replaced the image in Plex since.
 */
export interface ImagePlanInput {
  enabled: boolean;
  /** Hash of the image bytes Stash serves now; null when Stash has no image. */
  bytesHash: string | null;
  /** Hash of the bytes of our last successful upload; null when we never uploaded. */
  lastUploadedHash: string | null;
  /** The item's current thumb (or art) path. */
  itemThumb: string | null;
  /** The item's thumb (or art) path recorded right after our last upload; null when unknown. */
  lastItemThumb: string | null;
}

export type ImageDecision = "upload" | "skip";

export function planImage(input: ImagePlanInput): ImageDecision {
  if (!input.enabled || input.bytesHash === null) return "skip";
  if (input.bytesHash !== input.lastUploadedHash) return "upload";
  if (input.lastItemThumb !== null && input.itemThumb !== input.lastItemThumb) return "upload";
  return "skip";
}
