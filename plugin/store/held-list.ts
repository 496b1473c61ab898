import { mergeReasons } from "../queue/job.js";

/**
 * The scenes a bulk sync holds (held-ops.ts): sceneId → reasons, in the order they were held.
 *
 * During a 100k-scene Sync All the snapshot holds up to 100k ids, and building a Map of them costs a fresh process
 * ~30 ms. A reader that only asks whether one scene is held (the scene page) does not need the Map: the snapshot's
 * ids stay one comma-joined string per group, searched directly, and journal facts replayed on top are kept as a
 * list, newest last. Anything else (counts, listing, the writer) builds the Map once (`map()`).
 */
export interface HeldGroup {
  /** Comma-joined ids (snapshot format 3), or the ids as an array (earlier snapshots, or an id with a comma). */
  ids: string | readonly string[];
  reasons: readonly string[];
}

interface PendingChange {
  held: boolean;
  sceneIds: readonly string[];
  reasons: readonly string[];
}

export class HeldList {
  private materialized: Map<string, readonly string[]> | null;
  private readonly pending: PendingChange[] = [];

  constructor(private groups: readonly HeldGroup[] = []) {
    this.materialized = groups.length === 0 ? new Map() : null;
  }

  has(sceneId: string): boolean {
    if (this.materialized) return this.materialized.has(sceneId);
    for (let i = this.pending.length - 1; i >= 0; i--) {
      const change = this.pending[i];
      if (change?.sceneIds.includes(sceneId)) return change.held;
    }
    // An id with a comma is never joined into a string group (heldGroups), so it is only looked for in arrays.
    const needle = sceneId.includes(",") ? null : `,${sceneId},`;
    return this.groups.some((group) =>
      typeof group.ids === "string"
        ? needle !== null && `,${group.ids},`.includes(needle)
        : group.ids.includes(sceneId),
    );
  }

  /** Holds scenes; one already held keeps its place and gains the new reasons. */
  hold(sceneIds: readonly string[], reasons: readonly string[]): void {
    if (this.materialized) holdInto(this.materialized, sceneIds, reasons);
    else this.pending.push({ held: true, sceneIds, reasons });
  }

  release(sceneIds: readonly string[]): void {
    if (this.materialized) for (const sceneId of sceneIds) this.materialized.delete(sceneId);
    else this.pending.push({ held: false, sceneIds, reasons: [] });
  }

  /** Every held scene in release order, with its reasons. */
  map(): ReadonlyMap<string, readonly string[]> {
    if (this.materialized) return this.materialized;
    const map = new Map<string, readonly string[]>();
    for (const group of this.groups) {
      const ids = typeof group.ids === "string" ? group.ids.split(",") : group.ids;
      holdInto(map, ids, group.reasons);
    }
    for (const change of this.pending) {
      if (change.held) holdInto(map, change.sceneIds, change.reasons);
      else for (const sceneId of change.sceneIds) map.delete(sceneId);
    }
    this.pending.length = 0;
    this.groups = [];
    this.materialized = map;
    return map;
  }
}

function holdInto(
  map: Map<string, readonly string[]>,
  sceneIds: readonly string[],
  reasons: readonly string[],
): void {
  for (const sceneId of sceneIds) {
    const previous = map.get(sceneId);
    // Entries of one commit share one reasons array: 100k held scenes cost a Map entry each, no more.
    map.set(sceneId, previous ? mergeReasons(previous, reasons) : reasons);
  }
}

/** Consecutive held scenes with the same reasons, ids comma-joined (arrays only if an id has a comma). */
export function heldGroups(held: ReadonlyMap<string, readonly string[]>): HeldGroup[] {
  const runs: Array<{ ids: string[]; reasons: readonly string[] }> = [];
  let last: { ids: string[]; reasons: readonly string[] } | null = null;
  for (const [sceneId, reasons] of held) {
    const same =
      last !== null && (reasons === last.reasons || reasons.join("\n") === last.reasons.join("\n"));
    if (last && same) last.ids.push(sceneId);
    else {
      last = { ids: [sceneId], reasons };
      runs.push(last);
    }
  }
  return runs.map(({ ids, reasons }) => ({
    ids: ids.some((id) => id.includes(",")) ? ids : ids.join(","),
    reasons: [...reasons],
  }));
}
