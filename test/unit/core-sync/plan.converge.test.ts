/**
 * Applies planned edits with the fake Plex server's edit semantics (the same parser and reducer the fake
 * server runs, after the wire encoding the Plex client uses) and checks that one plan brings any item to the
 * desired state and that planning again then gives zero params.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { desiredPlexState } from "../../../plugin/core-sync/desired.js";
import { planEdit } from "../../../plugin/core-sync/plan.js";
import { sanitizeLine } from "../../../plugin/core-sync/sanitize.js";
import type { PlexItem } from "../../../plugin/domain/plex-item.js";
import type { SceneSnapshot } from "../../../plugin/domain/scene.js";
import { applyEdit, parseEdit } from "../../fakes/plex/edits.js";
import { emptyTags as fakeEmptyTags } from "../../fakes/plex/model.js";
import { decodeQuery } from "../../fakes/plex/wire.js";
import { makeItem, makeScene, settings } from "./fixtures.js";

/** What the client sends and the fake decodes: encodeURIComponent on key and value, then Plex decoding. */
function overTheWire(params: ReadonlyArray<readonly [string, string]>): Array<[string, string]> {
  const raw = params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
  const decoded = decodeQuery(raw);
  if (decoded === null) throw new Error("undecodable query");
  return decoded;
}

function applyWithPlexSemantics(item: PlexItem, params: ReadonlyArray<readonly [string, string]>): PlexItem {
  const edit = parseEdit(overTheWire(params));
  if ("invalid" in edit) throw new Error(`fake Plex rejects parameter ${edit.invalid}`);
  const values: Record<string, string> = {};
  if (item.title) values.title = item.title;
  for (const field of ["summary", "tagline", "studio", "originallyAvailableAt"] as const) {
    const value = item[field];
    if (value) values[field] = value;
  }
  if (item.userRating !== null) values.userRating = String(item.userRating);
  const tags = { ...fakeEmptyTags(), ...item.tags };
  const fake = { values, tags, locks: new Set(item.lockedFields) };
  applyEdit(fake as unknown as Parameters<typeof applyEdit>[0], edit);
  return {
    ...item,
    title: fake.values.title ?? "",
    summary: fake.values.summary ?? null,
    tagline: fake.values.tagline ?? null,
    studio: fake.values.studio ?? null,
    originallyAvailableAt: fake.values.originallyAvailableAt ?? null,
    userRating: fake.values.userRating === undefined ? null : Number(fake.values.userRating),
    tags: {
      genre: fake.tags.genre,
      actor: fake.tags.actor,
      collection: fake.tags.collection,
      director: fake.tags.director,
    },
    lockedFields: [...fake.locks],
  };
}

const nameArb = fc.oneof(
  fc.constantFrom(
    "Drama",
    "drama",
    "a b",
    "x,y",
    "100%",
    "A+B",
    "\u00e9t\u00e9",
    "e\u0301te\u0301",
    "O\u2019Neil",
  ),
  fc.string({ minLength: 1, maxLength: 12 }),
);
const namesArb = fc.array(nameArb, { maxLength: 6 });

const sceneArb: fc.Arbitrary<SceneSnapshot> = fc
  .record({
    title: fc.option(fc.string({ maxLength: 20 }), { nil: null }),
    code: fc.option(fc.string({ maxLength: 8 }), { nil: null }),
    details: fc.option(fc.string({ maxLength: 40 }), { nil: null }),
    date: fc.option(fc.constantFrom("2024-01-15", "2024-01-15T10:00:00Z", "1999-12-31", "bad"), {
      nil: null,
    }),
    studio: fc.option(
      fc.string({ maxLength: 10 }).map((name) => ({ name, parentName: null })),
      { nil: null },
    ),
    performers: namesArb,
    tags: namesArb,
    rating100: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
  })
  .map((overrides) => makeScene(overrides));

const itemArb: fc.Arbitrary<PlexItem> = fc
  .record({
    title: fc.string({ maxLength: 20 }),
    summary: fc.option(fc.string({ maxLength: 40 }), { nil: null }),
    tagline: fc.option(fc.string({ maxLength: 8 }), { nil: null }),
    studio: fc.option(fc.string({ maxLength: 10 }), { nil: null }),
    originallyAvailableAt: fc.option(fc.constantFrom("2024-01-15", "2000-01-01"), { nil: null }),
    userRating: fc.option(fc.constantFrom(2, 4.5, 10), { nil: null }),
    genre: namesArb,
    actor: namesArb,
    collection: namesArb,
    lockedFields: fc.subarray(["title", "summary", "studio", "genre", "actor", "collection"]),
  })
  .map(({ genre, actor, collection, ...rest }) =>
    makeItem({ ...rest, tags: { genre, actor, collection, director: [] } }),
  );

const allOn = settings({
  sync_master: true,
  sync_studio: true,
  sync_summary: true,
  sync_tagline: true,
  sync_date: true,
  sync_performers: true,
  sync_tags: true,
  sync_collection: true,
  sync_rating: true,
});
const overwrite = { preservePlexEdits: false };
const preserve = { preservePlexEdits: true };
/** How Plex shows a name once sanitised (the planner compares that way: NFC, straight quotes, no case). */
const keys = (names: readonly string[]) => new Set(names.map((n) => sanitizeLine(n, 255).toLowerCase()));

describe("planEdit converges under Plex edit semantics", () => {
  it("property: one plan reaches the desired state; the next plan is empty", () => {
    fc.assert(
      fc.property(sceneArb, itemArb, (s, item) => {
        const desired = desiredPlexState(s, allOn);
        const first = planEdit(desired, item, overwrite);
        const after = applyWithPlexSemantics(item, first.params);
        expect(planEdit(desired, after, overwrite).params).toEqual([]);
        for (const field of ["genre", "actor"] as const) {
          const wanted = desired[field];
          if (wanted) expect(keys(after.tags[field])).toEqual(keys(wanted));
        }
        if (desired.title !== undefined) expect(after.title).toBe(desired.title);
        if (desired.studio !== undefined) expect(sanitizeLine(after.studio, 255)).toBe(desired.studio);
      }),
      { numRuns: 300 },
    );
  });

  it("property: preserve_plex_edits never changes a non-empty Plex value and also converges", () => {
    fc.assert(
      fc.property(sceneArb, itemArb, (s, item) => {
        const desired = desiredPlexState(s, allOn);
        const plan = planEdit(desired, item, preserve);
        const after = applyWithPlexSemantics(item, plan.params);
        if (item.title.trim()) expect(after.title).toBe(item.title);
        if (item.summary?.trim()) expect(after.summary).toBe(item.summary);
        if (item.tagline?.trim()) expect(after.tagline).toBe(item.tagline);
        if (item.studio?.trim()) expect(after.studio).toBe(item.studio);
        if (item.userRating) expect(after.userRating).toBe(item.userRating);
        for (const field of ["genre", "actor", "collection"] as const) {
          if (item.tags[field].some((t) => t.trim() !== ""))
            expect(after.tags[field]).toEqual(item.tags[field]);
        }
        expect(planEdit(desired, after, preserve).params).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("a matching but unlocked field is locked once, and a second plan is empty", () => {
    const item = makeItem({
      title: "Same",
      tags: { genre: ["Drama"], actor: [], collection: [], director: [] },
    });
    const desired = { title: "Same", genre: ["drama"] };
    const plan = planEdit(desired, item, overwrite);
    expect(plan.params).toEqual([
      ["title.locked", "1"],
      ["genre.locked", "1"],
    ]);
    const after = applyWithPlexSemantics(item, plan.params);
    expect(after.lockedFields.sort()).toEqual(["genre", "title"]);
    expect(after.tags.genre).toEqual(["Drama"]);
    expect(planEdit(desired, after, overwrite).params).toEqual([]);
  });

  it("clearing a list with awkward names removes exactly them", () => {
    const item = makeItem({
      tags: { genre: [], actor: ["a b", "x,y", "100%", "A+B", "%2C"], collection: [], director: [] },
    });
    const s = makeScene({ performers: [], tags: ["keep"] });
    const after = applyWithPlexSemantics(item, planEdit(desiredPlexState(s, allOn), item, overwrite).params);
    expect(after.tags.actor).toEqual([]);
    expect(after.lockedFields).toContain("actor");
  });
});
