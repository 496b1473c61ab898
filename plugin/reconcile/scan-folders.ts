/**
 * Which Plex folders to scan so that files Plex has not picked up yet (the `missing` gaps) can be found: the
 * mapped parent folder of each missing scene's files, in the configured section whose location holds it.
 * Pure; partial scans only (an empty path would scan the whole section).
 */
import { mapStashPathToPlex, type PathRule } from "../core-sync/index.js";
import type { SceneSnapshot } from "../domain/scene.js";
import type { PlexSection } from "../plex/index.js";

export const MAX_FOLDER_SCANS = 50;

export interface FolderScan {
  sectionId: string;
  folder: string;
}

function parentOf(mapped: string): string {
  const sep = mapped.includes("\\") && !mapped.includes("/") ? "\\" : "/";
  return mapped.slice(0, mapped.lastIndexOf(sep));
}

function isInside(folder: string, root: string): boolean {
  const a = folder.toLowerCase().replaceAll("\\", "/");
  const b = root
    .replace(/[\\/]+$/, "")
    .toLowerCase()
    .replaceAll("\\", "/");
  return a === b || a.startsWith(`${b}/`);
}

/** Adds the scene's folders to `into` (keyed `section|folder`), up to MAX_FOLDER_SCANS in all. */
export function addFolderScans(
  scene: SceneSnapshot,
  rules: readonly PathRule[],
  sections: readonly PlexSection[],
  into: Map<string, FolderScan>,
): void {
  for (const file of scene.files) {
    if (into.size >= MAX_FOLDER_SCANS) return;
    const folder = parentOf(mapStashPathToPlex(file.path, rules));
    if (folder === "") continue;
    const section = sections.find((s) => s.locations.some((loc) => isInside(folder, loc)));
    if (section) into.set(`${section.key}|${folder}`, { sectionId: section.key, folder });
  }
}
