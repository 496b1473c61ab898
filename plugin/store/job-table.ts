import type { Job } from "../queue/job.js";
import { shardCount, shardOf } from "./sync-table.js";

/**
 * The queued jobs. Like the sync table, a reader's table can be backed by the snapshot's job shards (by a hash
 * of the job's key), so the scene page's one question — "what is queued for this scene?" — parses one shard
 * instead of the whole queue (10k queued jobs ≈ 2.6 MB of JSON, ~20 ms to parse in a fresh process). Journal
 * changes sit in an overlay until everything is loaded; anything that needs the whole queue (counts, claims,
 * compaction) loads it first, so only `withKey` and `put`/`remove` are lazy.
 */
export interface JobShardSource {
  readonly shardCount: number;
  /** Jobs of one shard; unreadable ones are skipped (and reported by the source). */
  readShard(index: number): Job[];
}

/** The shard of a job: by key, so the jobs of one scene share a shard; keyless jobs by id. */
export function jobShardOf(job: Pick<Job, "id" | "key">, shardCount: number): number {
  return shardOf(job.key ?? job.id, shardCount);
}

export const JOBS_PER_SHARD = 500;
export const MAX_JOB_SHARDS = 256;

export function jobShardCountFor(jobs: number): number {
  return shardCount(jobs, JOBS_PER_SHARD, MAX_JOB_SHARDS);
}

export class JobTable {
  private readonly base = new Map<string, Job>();
  /** key → ids of `base` jobs with that key (at most a running one and its follow-up). */
  private readonly byKey = new Map<string, Set<string>>();
  /** Journal changes not yet merged into `base` (null = removed); only while a source is attached. */
  private readonly overlay = new Map<string, Job | null>();
  private readonly loadedShards = new Set<number>();

  constructor(private source: JobShardSource | null = null) {}

  get size(): number {
    return this.all().size;
  }

  get(id: string): Job | undefined {
    return this.all().get(id);
  }

  values(): IterableIterator<Job> {
    return this.all().values();
  }

  put(job: Job): void {
    if (this.source) this.overlay.set(job.id, job);
    else this.putBase(job);
  }

  remove(id: string): void {
    if (this.source) this.overlay.set(id, null);
    else this.removeBase(id);
  }

  /** Jobs sharing a key, oldest first; reads at most one shard. */
  withKey(key: string): Job[] {
    const source = this.source;
    if (source) this.loadShard(source, shardOf(key, source.shardCount));
    const jobs: Job[] = [];
    for (const id of this.byKey.get(key) ?? []) {
      const job = this.base.get(id);
      if (job && !this.overlay.has(id)) jobs.push(job);
    }
    for (const job of this.overlay.values()) if (job?.key === key) jobs.push(job);
    return jobs.sort((a, b) => a.createdAt - b.createdAt);
  }

  /** Every job; loads the remaining shards and folds the overlay in first. */
  all(): ReadonlyMap<string, Job> {
    const source = this.source;
    if (source) {
      for (let i = 0; i < source.shardCount; i++) this.loadShard(source, i);
      this.source = null;
      for (const [id, job] of this.overlay) {
        if (job === null) this.removeBase(id);
        else this.putBase(job);
      }
      this.overlay.clear();
    }
    return this.base;
  }

  private loadShard(source: JobShardSource, index: number): void {
    if (this.loadedShards.has(index)) return;
    this.loadedShards.add(index);
    // A job id appears in one shard only, and the overlay is folded in after: no replacement to undo here.
    for (const job of source.readShard(index)) this.index(job);
  }

  private putBase(job: Job): void {
    this.removeBase(job.id);
    this.index(job);
  }

  private index(job: Job): void {
    this.base.set(job.id, job);
    if (job.key === null) return;
    let ids = this.byKey.get(job.key);
    if (!ids) {
      ids = new Set();
      this.byKey.set(job.key, ids);
    }
    ids.add(job.id);
  }

  private removeBase(id: string): void {
    const previous = this.base.get(id);
    if (!previous) return;
    this.base.delete(id);
    if (previous.key === null) return;
    const ids = this.byKey.get(previous.key);
    ids?.delete(id);
    if (ids?.size === 0) this.byKey.delete(previous.key);
  }
}
