import { rmSync } from "node:fs";
import path from "node:path";

/** The persisted Plex library index lives beside the journal (it is a cache: losing it costs one sweep). */
export const LIBRARY_INDEX_FILE = "library-index.json";

export function libraryIndexPath(dataDir: string): string {
  return path.join(dataDir, LIBRARY_INDEX_FILE);
}

export function clearLibraryIndexFile(dataDir: string): void {
  rmSync(libraryIndexPath(dataDir), { force: true });
}
