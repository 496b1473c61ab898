import type { Database } from "../db/database.js";

/**
 * The Plex library index's tables: every part file of the swept sections, looked up by an indexed key. The
 * keys (normalised path, basename) are computed by the caller (core-sync/normalize.ts); the store only keeps
 * them. A section is swept page by page into a staging section and swapped in by one transaction, so readers
 * never see half a section and no transaction waits on Plex.
 */
export interface LibraryRow {
  ratingKey: string;
  sectionId: string;
  file: string;
  /** Bytes; null when Plex did not say. */
  size: number | null;
  title: string;
}

export interface KeyedLibraryRow extends LibraryRow {
  pathKey: string;
  basenameKey: string;
}

export type LibraryTable = ReturnType<typeof libraryTable>;

const STAGING = "~staging:";
const SELECT =
  "SELECT rating_key AS ratingKey, section_id AS sectionId, file, size, title FROM library_items";

export function libraryTable(db: Database) {
  const rows = (where: string, value: string) =>
    db.all<LibraryRow>(`${SELECT} WHERE ${where} = ? AND section_id NOT LIKE '~%' ORDER BY rowid`, value);
  return {
    byPathKey: (key: string) => rows("path_key", key),
    byBasenameKey: (key: string) => rows("basename_key", key),
    byRatingKey: (key: string) => rows("rating_key", key),
    /** Every row with one of these path keys, basename keys or items, in one query (a page of a reconcile). */
    byAnyKey: (pathKeys: readonly string[], basenameKeys: readonly string[], ratingKeys: readonly string[]) =>
      db.all<LibraryRow>(
        `${SELECT} WHERE section_id NOT LIKE '~%' AND (path_key IN (SELECT value FROM json_each(?))
           OR basename_key IN (SELECT value FROM json_each(?)) OR rating_key IN (SELECT value FROM json_each(?)))
         ORDER BY rowid`,
        JSON.stringify(pathKeys),
        JSON.stringify(basenameKeys),
        JSON.stringify(ratingKeys),
      ),
    /** Swept sections → the content marker recorded when they were swept. */
    sectionMarkers: (): Map<string, string> =>
      new Map(
        db
          .all<{ id: string; marker: string }>(
            "SELECT section_id AS id, marker FROM library_sections WHERE section_id NOT LIKE '~%'",
          )
          .map((row) => [row.id, row.marker]),
      ),
    count: (): number =>
      db.get<{ n: number }>("SELECT count(*) AS n FROM library_items WHERE section_id NOT LIKE '~%'")?.n ?? 0,
    isEmpty: (): boolean =>
      db.get("SELECT 1 FROM library_items WHERE section_id NOT LIKE '~%' LIMIT 1") === undefined,
    /** Adds one page of a section being swept (`first`: a new sweep of it starts). */
    stagePage(sectionId: string, page: readonly KeyedLibraryRow[], first: boolean): void {
      const staging = `${STAGING}${sectionId}`;
      // The index is a cache (one sweep rebuilds it): its commits skip the fsync.
      db.relaxed(() =>
        db.write(() => {
          if (first) db.run("DELETE FROM library_sections WHERE section_id = ?", staging);
          db.run("INSERT OR IGNORE INTO library_sections (section_id, marker) VALUES (?, '')", staging);
          // One statement per page: SQLite unpacks the rows from JSON (per-row statements cost more than the insert).
          db.run(
            `INSERT INTO library_items (section_id, rating_key, file, path_key, basename_key, size, title)
             SELECT ?, value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5 FROM json_each(?)`,
            staging,
            JSON.stringify(page.map((r) => [r.ratingKey, r.file, r.pathKey, r.basenameKey, r.size, r.title])),
          );
        }),
      );
    },
    /** Makes the staged sweep the section's entries, with its marker. */
    commitSection(sectionId: string, marker: string): void {
      const staging = `${STAGING}${sectionId}`;
      db.relaxed(() =>
        db.write(() => {
          db.run(
            `INSERT INTO library_sections (section_id, marker) VALUES (?, ?)
           ON CONFLICT (section_id) DO UPDATE SET marker = excluded.marker`,
            sectionId,
            marker,
          );
          db.run("DELETE FROM library_items WHERE section_id = ?", sectionId);
          db.run("UPDATE library_items SET section_id = ? WHERE section_id = ?", sectionId, staging);
          db.run("DELETE FROM library_sections WHERE section_id = ?", staging);
        }),
      );
    },
    setMarker: (sectionId: string, marker: string) =>
      void db.run("UPDATE library_sections SET marker = ? WHERE section_id = ?", marker, sectionId),
    removeSection: (sectionId: string) =>
      void db.run("DELETE FROM library_sections WHERE section_id = ?", sectionId),
    clear: (): void => void db.run("DELETE FROM library_sections"),
  };
}
