/** Mutable state of one fake Plex server: sections, items, collections, pending files, scans. */
import { randomUUID } from "node:crypto";
import type { Clock } from "../../../plugin/core/clock.js";
import {
  type FakeItem,
  type FakeSection,
  type FakeTagType,
  type ItemSpec,
  itemFromSpec,
  type PendingFileSpec,
  type SectionSpec,
  stemOf,
} from "./model.js";

export interface FakeScan {
  uuid: string;
  sectionId: string;
  /** Folder to scan; null = whole section. */
  path: string | null;
  startedAt: number;
  dueAt: number;
}

export interface FakeCollection {
  ratingKey: string;
  sectionId: string;
  title: string;
  addedAt: number;
  summary?: string;
  /** sha1 of every poster uploaded to it, and the selected one. */
  posters?: string[];
  poster?: string;
}

/** One row of the watch history. */
export interface FakePlay {
  id: number;
  ratingKey: string;
  sectionId: string;
  /** Epoch seconds. */
  viewedAt: number;
  accountId: number;
  deviceId: number;
}

export class FakePlexState {
  readonly sections = new Map<string, FakeSection>();
  readonly items = new Map<string, FakeItem>();
  readonly pending: Array<Required<PendingFileSpec>> = [];
  readonly scans: FakeScan[] = [];
  readonly collections: FakeCollection[] = [];
  readonly history: FakePlay[] = [];
  private nextRatingKey = 1000;
  private nextChange = 200_000;
  private readonly tagIds = new Map<string, number>();

  constructor(
    readonly clock: Clock,
    readonly machineIdentifier: string,
    /** Delay before a started scan finishes; 0 = at the next request. */
    public scanDelayMs: number,
  ) {}

  nowSeconds(): number {
    return Math.floor(this.clock.now() / 1000);
  }

  addSection(spec: SectionSpec): FakeSection {
    const now = this.nowSeconds();
    const section: FakeSection = {
      key: spec.key,
      title: spec.title,
      type: spec.type ?? "movie",
      agent: spec.agent ?? "tv.plex.agents.none",
      scanner: "Plex Video Files",
      uuid: randomUUID(),
      locations: [...spec.locations],
      refreshing: false,
      updatedAt: now,
      scannedAt: now,
      contentChangedAt: this.nextChange++,
    };
    this.sections.set(section.key, section);
    return section;
  }

  private sectionFor(sectionId: string | undefined): FakeSection {
    const section =
      sectionId === undefined ? this.sections.values().next().value : this.sections.get(sectionId);
    if (!section) throw new Error(`fake Plex: no section ${sectionId ?? "(none defined)"}`);
    return section;
  }

  allocateRatingKey(): string {
    let key = String(this.nextRatingKey++);
    while (this.items.has(key)) key = String(this.nextRatingKey++);
    return key;
  }

  addItem(spec: ItemSpec): FakeItem {
    const section = this.sectionFor(spec.sectionId);
    const ratingKey = spec.ratingKey ?? this.allocateRatingKey();
    if (this.items.has(ratingKey)) throw new Error(`fake Plex: ratingKey ${ratingKey} already exists`);
    const item = itemFromSpec(spec, ratingKey, section.key, this.nowSeconds());
    this.items.set(ratingKey, item);
    this.ensureCollections(item);
    this.changed(section.key);
    return item;
  }

  /** Mutates an item in place (tests set up odd states this way). */
  setItem(ratingKey: string, mutate: (item: FakeItem) => void): FakeItem {
    const item = this.items.get(ratingKey);
    if (!item) throw new Error(`fake Plex: no item ${ratingKey}`);
    mutate(item);
    this.touch(item);
    return item;
  }

  removeItem(ratingKey: string): void {
    const item = this.items.get(ratingKey);
    if (!item) return;
    this.items.delete(ratingKey);
    this.changed(item.sectionId);
  }

  addPendingFile(spec: PendingFileSpec): void {
    const section = this.sectionFor(spec.sectionId);
    this.pending.push({
      sectionId: section.key,
      file: spec.file,
      size: spec.size ?? 1_000_000,
      title: spec.title ?? stemOf(spec.file),
    });
  }

  itemsOf(sectionId: string): FakeItem[] {
    return [...this.items.values()].filter((i) => i.sectionId === sectionId);
  }

  tagId(type: FakeTagType, name: string): number {
    const key = `${type}\u0000${name}`;
    let id = this.tagIds.get(key);
    if (id === undefined) {
      id = 7000 + this.tagIds.size;
      this.tagIds.set(key, id);
    }
    return id;
  }

  /** After an edit: bump updatedAt and the section's change stamp. */
  touch(item: FakeItem): void {
    item.updatedAt = Math.max(this.nowSeconds(), item.updatedAt + 1);
    this.ensureCollections(item);
    this.changed(item.sectionId);
  }

  /** A strictly newer `{ts}` for an image path. */
  nextTimestamp(previous: number | null): number {
    return Math.max(this.nowSeconds(), (previous ?? 0) + 1);
  }

  private changed(sectionId: string): void {
    const section = this.sections.get(sectionId);
    if (section) section.contentChangedAt = this.nextChange++;
  }

  private ensureCollections(item: FakeItem): void {
    for (const title of item.tags.collection) {
      if (this.collections.some((c) => c.sectionId === item.sectionId && c.title === title)) continue;
      const ratingKey = this.allocateRatingKey();
      this.collections.push({ ratingKey, sectionId: item.sectionId, title, addedAt: this.nowSeconds() });
    }
  }

  startScan(sectionId: string, path: string | null): FakeScan {
    const section = this.sectionFor(sectionId);
    const now = this.clock.now();
    const scan = {
      uuid: randomUUID(),
      sectionId: section.key,
      path,
      startedAt: now,
      dueAt: now + this.scanDelayMs,
    };
    this.scans.push(scan);
    section.refreshing = true;
    return scan;
  }

  cancelScan(uuid: string): boolean {
    const index = this.scans.findIndex((s) => s.uuid === uuid);
    if (index < 0) return false;
    const [scan] = this.scans.splice(index, 1);
    if (scan) this.settleSection(scan.sectionId);
    return true;
  }

  /** Finishes scans that are due (all of them with `force`): pending files under the path become items. */
  completeDueScans(force = false): void {
    const now = this.clock.now();
    for (const scan of [...this.scans]) {
      if (!force && scan.dueAt > now) continue;
      this.scans.splice(this.scans.indexOf(scan), 1);
      const found = this.pending.filter((p) => p.sectionId === scan.sectionId && isUnder(p.file, scan.path));
      for (const file of found) {
        this.pending.splice(this.pending.indexOf(file), 1);
        this.addItem({ sectionId: file.sectionId, file: file.file, size: file.size, title: file.title });
      }
      this.settleSection(scan.sectionId);
    }
  }

  private settleSection(sectionId: string): void {
    const section = this.sections.get(sectionId);
    if (!section) return;
    section.refreshing = this.scans.some((s) => s.sectionId === sectionId);
    if (!section.refreshing) section.scannedAt = this.nowSeconds();
  }
}

function isUnder(file: string, folder: string | null): boolean {
  if (folder === null) return true;
  const trimmed = folder.replace(/[\\/]+$/, "");
  return file === trimmed || file.startsWith(`${trimmed}/`) || file.startsWith(`${trimmed}\\`);
}
