import { fnv1a64, type GroupCollection } from "../core-sync/index.js";
import { uploadedImageKey } from "../domain/plex-item.js";
import type { PlexCollection } from "../plex/index.js";
import type { SceneSyncDeps } from "./sync-deps.js";

/** What a collection was last given: its description and cover URL (which carries Stash's `?t=` version). */
export function collectionMark(group: GroupCollection): string {
  return fnv1a64(`${group.summary ?? ""}\u0000${group.coverUrl ?? ""}`);
}

/**
 * A group's Plex collection gets the group's description and cover (`sync_group_collections`). The item edit
 * before it put the item in the collection, so Plex has created it. Each collection is written once per change
 * of its group: every scene of a group carries the same mark, so the first scene synced after a change writes
 * it and the rest cost nothing. A collection Plex does not list yet is left for the next scene of the group.
 * Returns how many collections were written.
 */
export async function syncGroupCollections(
  groups: readonly GroupCollection[] | undefined,
  sectionIds: readonly string[],
  deps: SceneSyncDeps,
): Promise<number> {
  let written = 0;
  for (const sectionId of new Set(sectionIds)) {
    let listed: Promise<PlexCollection[]> | null = null;
    for (const group of groups ?? []) {
      const mark = collectionMark(group);
      const upToDate = () => deps.collectionMark(sectionId, group.name) === mark;
      if (upToDate()) continue;
      // Scenes of one group sync side by side: the first writes, the others find the mark when their turn comes.
      const wrote = await deps.oneAtATime(`${sectionId}/${group.name}`, async () => {
        if (upToDate()) return false;
        listed ??= deps.plex.collections(sectionId);
        const collection = (await listed).find((c) => c.title === group.name);
        if (!collection) {
          deps.logger.debug(
            `Group "${group.name}": Plex lists no such collection in section ${sectionId} yet`,
          );
          return false;
        }
        if (!(await writeCollection(sectionId, collection.ratingKey, group, deps))) return false;
        deps.recordCollectionMark(sectionId, group.name, mark);
        return true;
      });
      if (wrote) written++;
    }
  }
  return written;
}

async function writeCollection(
  sectionId: string,
  ratingKey: string,
  group: GroupCollection,
  deps: SceneSyncDeps,
): Promise<boolean> {
  if (group.summary !== undefined) {
    const params = [
      ["summary.value", group.summary],
      ["summary.locked", "1"],
    ] as const;
    await deps.plex.editCollection(sectionId, ratingKey, params);
  }
  if (group.coverUrl === undefined) return true;
  const bytes = await deps.downloadImage(group.coverUrl);
  if (!bytes || bytes.length === 0) {
    deps.logger.warn(
      `Group "${group.name}": Stash did not deliver its front image; the collection's cover is tried again with the group's next scene`,
    );
    return false;
  }
  await deps.plex.uploadPoster(ratingKey, bytes);
  // Plex does not re-select bytes it already holds (a cover changed back): select ours explicitly.
  await deps.plex.selectPoster(ratingKey, uploadedImageKey("poster", deps.sha1(bytes)));
  return true;
}
