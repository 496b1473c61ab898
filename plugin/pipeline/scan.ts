import { mapStashPathToPlex } from "../core-sync/index.js";
import type { SceneSnapshot } from "../domain/scene.js";
import type { SceneSyncDeps } from "./sync-deps.js";

/**
 * `trigger_plex_scan`: ask Plex for a partial scan of the folder that holds a new scene's (mapped) file, in the
 * section whose location contains it. Never a whole-section scan.
 */
export async function scanForNewScene(scene: SceneSnapshot, deps: SceneSyncDeps): Promise<void> {
  const file = scene.files[0];
  if (!file) return;
  const mapped = mapStashPathToPlex(file.path, deps.rules);
  const sep = mapped.includes("\\") && !mapped.includes("/") ? "\\" : "/";
  const folder = mapped.slice(0, mapped.lastIndexOf(sep));
  if (!folder) return;
  const section = deps.library.sections().find((s) => s.locations.some((loc) => isInside(folder, loc, sep)));
  if (!section) {
    deps.logger.info(`Scene ${scene.id}: no Plex library holds ${deps.obfuscate(folder)}; not scanning`);
    return;
  }
  await deps.plex.scanPath(section.key, folder);
  deps.logger.info(
    `Scene ${scene.id}: asked Plex to scan ${deps.obfuscate(folder)} (library "${section.title}")`,
  );
}

function isInside(folder: string, root: string, sep: string): boolean {
  const a = folder.toLowerCase();
  const b = root.replace(/[\\/]+$/, "").toLowerCase();
  return a === b || a.startsWith(b + sep);
}
