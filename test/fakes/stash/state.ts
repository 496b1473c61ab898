/**
 * The fake Stash's in-memory library: scenes with their studios, performers, tags, files and covers,
 * plugin settings per plugin id. Timestamps are RFC3339 text with a fixed offset, like Stash stores them
 * (seconds precision, local offset; `Z` for UTC), taken from an injected clock.
 */
import type { Clock } from "../../../plugin/core/clock.js";

export interface FakeStudio {
  id: string;
  name: string;
  parentId: string | null;
}
export interface FakeNamed {
  id: string;
  name: string;
}
/** A group (formerly movie): a description and a front image, both optional as in Stash. */
export interface FakeGroup extends FakeNamed {
  synopsis: string | null;
  frontImage: FakeCover | null;
  /** Bumped on every change: part of the image URL, as Stash's `?t=` is. */
  version: number;
}
export interface FakeFile {
  id: string;
  path: string;
  basename: string;
  size: number;
  duration: number;
  width: number;
  height: number;
}
export interface FakeCover {
  bytes: Uint8Array;
  contentType: string;
}
export interface FakeScene {
  id: string;
  title: string | null;
  code: string | null;
  details: string | null;
  director: string | null;
  urls: string[];
  date: string | null;
  rating100: number | null;
  organized: boolean;
  studioId: string | null;
  performerIds: string[];
  tagIds: string[];
  fileIds: string[];
  stashIds: Array<{ endpoint: string; stash_id: string }>;
  createdAt: string;
  updatedAt: string;
  /** Bumped whenever the cover changes; the served bytes depend on it. */
  coverVersion: number;
  /** Bytes set through `cover_image` (a data URL); null → generated from id + version. */
  cover: FakeCover | null;
  checksum: string;
  oshash: string;
  /** Epoch ms of each play, in the order added (Stash keeps them sorted by time when it answers). */
  plays: number[];
  /** Seconds; null = no resume point. */
  resumeTime: number | null;
  playDuration: number;
  groupIds: string[];
}

export interface FakeStashStateOptions {
  clock: Clock;
  /** Offset of Stash's local time zone, in minutes east of UTC (0 → `Z`). */
  utcOffsetMinutes?: number;
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, "0");

/** RFC3339 with seconds precision and a fixed offset, as Go's time.RFC3339 prints it. */
export function formatStashTime(epochMs: number, utcOffsetMinutes = 0): string {
  const local = new Date(Math.floor(epochMs / 1000) * 1000 + utcOffsetMinutes * 60_000);
  const date = `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
  const time = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`;
  if (utcOffsetMinutes === 0) return `${date}T${time}Z`;
  const sign = utcOffsetMinutes < 0 ? "-" : "+";
  const offset = Math.abs(utcOffsetMinutes);
  return `${date}T${time}${sign}${pad(Math.floor(offset / 60))}:${pad(offset % 60)}`;
}

export class FakeStashState {
  readonly scenes = new Map<string, FakeScene>();
  readonly studios = new Map<string, FakeStudio>();
  readonly performers = new Map<string, FakeNamed>();
  readonly tags = new Map<string, FakeNamed>();
  readonly files = new Map<string, FakeFile>();
  readonly groups = new Map<string, FakeGroup>();
  /** configurePlugin replaces a plugin's whole map; unset keys are absent. */
  readonly pluginSettings = new Map<string, Record<string, unknown>>();
  version = { version: "v0.30.1", hash: "cf3489efd", build_time: "2026-01-11 07:07:53" };
  private readonly ids = new Map<string, number>();

  constructor(private readonly options: FakeStashStateOptions) {}

  get clock(): Clock {
    return this.options.clock;
  }

  /** Now, formatted like Stash stores timestamps. */
  now(): string {
    return formatStashTime(this.options.clock.now(), this.options.utcOffsetMinutes ?? 0);
  }

  nextId(kind: "scene" | "studio" | "performer" | "tag" | "file" | "group"): string {
    const next = (this.ids.get(kind) ?? 0) + 1;
    this.ids.set(kind, next);
    return String(next);
  }

  addStudio(name: string, parentId: string | null = null): FakeStudio {
    const studio = { id: this.nextId("studio"), name, parentId };
    this.studios.set(studio.id, studio);
    return studio;
  }

  addPerformer(name: string): FakeNamed {
    const performer = { id: this.nextId("performer"), name };
    this.performers.set(performer.id, performer);
    return performer;
  }

  addTag(name: string): FakeNamed {
    const tag = { id: this.nextId("tag"), name };
    this.tags.set(tag.id, tag);
    return tag;
  }

  addFile(file: Omit<FakeFile, "id" | "basename"> & { basename?: string }): FakeFile {
    const basename = file.basename ?? file.path.split(/[\\/]/).pop() ?? file.path;
    const added = { ...file, basename, id: this.nextId("file") };
    this.files.set(added.id, added);
    return added;
  }

  addScene(fields: Partial<Omit<FakeScene, "id">> = {}): FakeScene {
    const id = this.nextId("scene");
    const stamp = this.now();
    const scene: FakeScene = {
      title: null,
      code: null,
      details: null,
      director: null,
      urls: [],
      date: null,
      rating100: null,
      organized: false,
      studioId: null,
      performerIds: [],
      tagIds: [],
      fileIds: [],
      stashIds: [],
      createdAt: stamp,
      updatedAt: stamp,
      coverVersion: 1,
      cover: null,
      checksum: `md5-${id}`,
      oshash: `oshash-${id}`,
      plays: [],
      resumeTime: null,
      playDuration: 0,
      groupIds: [],
      ...fields,
      id,
    };
    this.scenes.set(id, scene);
    return scene;
  }

  /** Applies a change and bumps `updated_at`, as every Stash scene write does. */
  updateScene(id: string, change: Partial<Omit<FakeScene, "id" | "createdAt">>): FakeScene {
    const scene = this.scenes.get(id);
    if (!scene) throw new Error(`scene with id ${id} not found`);
    Object.assign(scene, change, { updatedAt: this.now() });
    return scene;
  }

  /** Formats an epoch-ms instant the way this Stash answers timestamps. */
  format(epochMs: number): string {
    return formatStashTime(epochMs, this.options.utcOffsetMinutes ?? 0);
  }

  groupNamed(name: string): FakeGroup {
    const found = [...this.groups.values()].find((g) => g.name === name);
    if (found) return found;
    const group = { id: this.nextId("group"), name, synopsis: null, frontImage: null, version: 0 };
    this.groups.set(group.id, group);
    return group;
  }

  /** Changes a group's description or front image (`null` removes it), as the group page's Save does. */
  updateGroup(id: string, patch: { synopsis?: string | null; frontImage?: FakeCover | null }): FakeGroup {
    const group = this.groups.get(id);
    if (!group) throw new Error(`no group ${id}`);
    if (patch.synopsis !== undefined) group.synopsis = patch.synopsis;
    if (patch.frontImage !== undefined) group.frontImage = patch.frontImage;
    group.version++;
    return group;
  }

  /** Find a tag/performer/studio by name, creating it when absent (for tests and the seed). */
  tagNamed(name: string): FakeNamed {
    return [...this.tags.values()].find((t) => t.name === name) ?? this.addTag(name);
  }

  performerNamed(name: string): FakeNamed {
    return [...this.performers.values()].find((p) => p.name === name) ?? this.addPerformer(name);
  }

  studioNamed(name: string, parentId: string | null = null): FakeStudio {
    return [...this.studios.values()].find((s) => s.name === name) ?? this.addStudio(name, parentId);
  }
}
