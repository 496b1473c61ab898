import { type ImageLog, imageLogSchema, type SceneSyncState } from "./facts.js";

/**
 * Per-scene sync state, the one collection that grows with the library (100k scenes ≈ 14 MB). The snapshot
 * stores it in shards (by a hash of the scene id), so a reader that needs one scene parses one shard, and an
 * operation that needs none parses nothing. Changes replayed from the journal sit in an overlay on top of the
 * shards until everything is loaded (`all()`), so replaying a journal tail never forces a shard load.
 */
export interface SyncShardSource {
  readonly shardCount: number;
  /** Rows of one shard; unreadable rows are skipped (and counted by the source). */
  readShard(index: number): Array<[string, SceneSyncState]>;
  /** Frees the source (an open file) once every shard is loaded or the store closes. */
  close(): void;
}

/** FNV-1a over the id's UTF-16 code units: stable across versions and platforms, cheap. */
export function shardOf(sceneId: string, shardCount: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < sceneId.length; i++) {
    hash ^= sceneId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % shardCount;
}

/** About this many scenes per shard: one shard parses in a couple of milliseconds. */
export const SCENES_PER_SHARD = 1_000;
export const MAX_SHARDS = 1_024;

/** Shards for `items` of about `perShard` each, between 1 and `maxShards`. */
export function shardCount(items: number, perShard: number, maxShards: number): number {
  return Math.max(1, Math.min(maxShards, Math.ceil(items / perShard)));
}

export function shardCountFor(scenes: number): number {
  return shardCount(scenes, SCENES_PER_SHARD, MAX_SHARDS);
}

export class SyncTable {
  private readonly base = new Map<string, SceneSyncState>();
  /** Journal changes not yet merged into `base` (null = removed); only while a source is attached. */
  private readonly overlay = new Map<string, SceneSyncState | null>();
  private readonly loadedShards = new Set<number>();

  constructor(private source: SyncShardSource | null = null) {}

  /** Whether every shard is in memory (no file behind the table any more). */
  get complete(): boolean {
    return this.source === null;
  }

  get(sceneId: string): SceneSyncState | null {
    const changed = this.overlay.get(sceneId);
    if (changed !== undefined) return changed;
    if (this.source) this.loadShard(this.source, shardOf(sceneId, this.source.shardCount));
    return this.base.get(sceneId) ?? null;
  }

  set(sceneId: string, state: SceneSyncState): void {
    if (this.source) this.overlay.set(sceneId, state);
    else this.base.set(sceneId, state);
  }

  delete(sceneId: string): void {
    if (this.source) this.overlay.set(sceneId, null);
    else this.base.delete(sceneId);
  }

  /** Every scene's state; loads the remaining shards first (reconcile, the writer's compaction). */
  all(): ReadonlyMap<string, SceneSyncState> {
    const source = this.source;
    if (source) {
      for (let i = 0; i < source.shardCount; i++) this.loadShard(source, i);
      for (const [sceneId, state] of this.overlay) {
        if (state === null) this.base.delete(sceneId);
        else this.base.set(sceneId, state);
      }
      this.overlay.clear();
      this.source = null;
      source.close();
    }
    return this.base;
  }

  /** Frees the file behind the table without loading it (the store is closing). */
  detach(): void {
    this.source?.close();
  }

  private loadShard(source: SyncShardSource, index: number): void {
    if (this.loadedShards.has(index)) return;
    this.loadedShards.add(index);
    for (const [sceneId, state] of source.readShard(index)) this.base.set(sceneId, state);
  }
}

/**
 * Compact row of one scene's state: [id, ratingKeys, lastSyncedAt, desiredHash, lastChanges, posterHash,
 * artHash] and, when the item's thumbs were recorded, [posterThumb, artThumb], and when an image log was,
 * [posterLog, artLog] (each an `ImageLog` as JSON). Absent strings are null.
 */
export type SyncRow = [string, string[], number, string | null, string[], ...(string | null)[]];

export function toSyncRow(sceneId: string, s: SceneSyncState): SyncRow {
  const row: SyncRow = [
    sceneId,
    s.ratingKeys,
    s.lastSyncedAt,
    s.desiredHash,
    s.lastChanges,
    s.imageHashes.poster ?? null,
    s.imageHashes.art ?? null,
  ];
  if (s.imageThumbs || s.imageLog) row.push(s.imageThumbs?.poster ?? null, s.imageThumbs?.art ?? null);
  if (s.imageLog) row.push(logText(s.imageLog.poster), logText(s.imageLog.art));
  return row;
}

const isString = (v: unknown): v is string => typeof v === "string";
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);
const optionalString = (v: unknown): boolean => v === null || typeof v === "string";

function images(poster: unknown, art: unknown): { poster?: string; art?: string } {
  const out: { poster?: string; art?: string } = {};
  if (isString(poster)) out.poster = poster;
  if (isString(art)) out.art = art;
  return out;
}

function logText(log: ImageLog | undefined): string | null {
  return log ? JSON.stringify(log) : null;
}

function logOf(text: string | null): ImageLog | undefined {
  if (text === null) return undefined;
  try {
    const parsed = imageLogSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The row's state, or null when it is not a row this version wrote (checked field by field: no zod per row). */
export function fromSyncRow(raw: unknown): [string, SceneSyncState] | null {
  if (!Array.isArray(raw) || ![7, 9, 11].includes(raw.length)) return null;
  const [id, ratingKeys, at, hash, changes, poster, art, posterThumb, artThumb, posterLog, artLog] =
    raw as unknown[];
  if (!isString(id) || !isStringArray(ratingKeys) || typeof at !== "number" || !Number.isFinite(at))
    return null;
  if (!optionalString(hash) || !isStringArray(changes)) return null;
  if (![poster, art].every(optionalString)) return null;
  const state: SceneSyncState = {
    ratingKeys,
    lastSyncedAt: at,
    desiredHash: hash as string | null,
    imageHashes: images(poster, art),
    lastChanges: changes,
  };
  if (raw.length >= 9) {
    if (![posterThumb, artThumb].every(optionalString)) return null;
    state.imageThumbs = images(posterThumb, artThumb);
  }
  if (raw.length === 11) {
    if (![posterLog, artLog].every(optionalString)) return null;
    const log: NonNullable<SceneSyncState["imageLog"]> = {};
    const p = logOf(posterLog as string | null);
    const a = logOf(artLog as string | null);
    if (p) log.poster = p;
    if (a) log.art = a;
    state.imageLog = log;
  }
  return [id, state];
}
