import type { SceneStatus } from "../../plugin/ops/contracts";
import { NOW } from "./helpers";

/** scene.status answers in the plugin's real shapes (field names as core-sync/plan.ts reports them). */
const MATCHED: SceneStatus["match"] = {
  state: "matched",
  ratingKeys: ["101"],
  items: [{ ratingKey: "101", title: "Morning Light", sectionId: "1", plexWebUrl: null }],
  how: "path",
};

const FIELDS: NonNullable<SceneStatus["fields"]> = [
  { field: "title", stash: "Morning Light", plex: "Morning Light", locked: true },
  { field: "summary", stash: "A walk at dawn.", plex: "A walk at dawn.", locked: false },
  { field: "tagline", stash: "ML-001", plex: "ML-001", locked: false },
  { field: "studio", stash: "Golden Hour", plex: "Golden Hour", locked: false },
  { field: "originallyAvailableAt", stash: "2024-05-01", plex: "2024-05-01", locked: false },
  { field: "genre", stash: ["Outdoor"], plex: ["Outdoor"], locked: false },
  { field: "actor", stash: ["Ava"], plex: ["Ava"], locked: false },
  { field: "collection", stash: ["Golden Hour"], plex: ["Golden Hour"], locked: false },
  { field: "userRating", stash: 8, plex: 8, locked: false },
];

export function status(partial: Partial<SceneStatus>): SceneStatus {
  return {
    configured: true,
    match: MATCHED,
    lastSync: {
      at: NOW - 3 * 3_600_000,
      changes: ["title", "originallyAvailableAt", "actor"].map((field) => ({ field, from: null, to: null })),
    },
    job: null,
    fields: FIELDS,
    ...partial,
  };
}

export const NEVER_SYNCED: SceneStatus = { ...status({}), lastSync: null, fields: null };

/** The text a user sees: everything but the content of closed `<details>` disclosures. */
export function visibleText(root: HTMLElement = document.body): string {
  const copy = root.cloneNode(true) as HTMLElement;
  for (const details of copy.querySelectorAll("details:not([open])")) {
    for (const child of [...details.children]) if (child.tagName !== "SUMMARY") child.remove();
  }
  return copy.textContent ?? "";
}
