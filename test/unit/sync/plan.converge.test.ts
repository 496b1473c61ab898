/**
 * Applies planned edits with the fake Plex server's edit semantics (the same parser and reducer the fake
 * server runs, after the wire encoding the Plex client uses) and checks that one plan brings any item to the
 * desired state and that planning again then gives zero params.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PlexItem } from "../../../plugin/domain/plex-item.js";
import type { SceneSnapshot } from "../../../plugin/domain/scene.js";
import { type DesiredSettings, desiredPlexState, listKey, planEdit } from "../../../plugin/sync/index.js";
import { applyEdit, parseEdit } from "../../fakes/plex/edits.js";
import { emptyTags as fakeEmptyTags } from "../../fakes/plex/model.js";
import { decodeQuery } from "../../fakes/plex/wire.js";
import { ALL_ON, emptyTags, plexItem, scene } from "./fixtures.js";

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
  .map((overrides) => scene(overrides));

const itemArb: fc.Arbitrary<PlexItem> = fc
  .record({
    title: fc.string({ maxLength: 20 }),
    summary: fc.option(fc.string({ maxLength: 40 }), { nil: null }),
    studio: fc.option(fc.string({ maxLength: 10 }), { nil: null }),
    originallyAvailableAt: fc.option(fc.constantFrom("2024-01-15", "2000-01-01"), { nil: null }),
    genre: namesArb,
    actor: namesArb,
    collection: namesArb,
    lockedFields: fc.subarray(["title", "summary", "genre", "actor", "collection"]),
  })
  .map(({ genre, actor, collection, ...rest }) =>
    plexItem({ ...rest, tags: { ...emptyTags(), genre, actor, collection } }),
  );

const settings: DesiredSettings = { ...ALL_ON, sync_rating: true };

describe("planEdit converges under Plex edit semantics", () => {
  it("property: one plan reaches the desired state; the next plan is empty", () => {
    fc.assert(
      fc.property(sceneArb, itemArb, (s, item) => {
        const desired = desiredPlexState(s, settings);
        const first = planEdit(desired, item, { preservePlexEdits: false });
        const after = applyWithPlexSemantics(item, first.params);
        const second = planEdit(desired, after, { preservePlexEdits: false });
        expect(second.params).toEqual([]);
        for (const field of ["genre", "actor"] as const) {
          const wanted = desired.lists[field];
          if (wanted)
            expect(new Set(after.tags[field].map(listKey))).toEqual(new Set(wanted.values.map(listKey)));
        }
        if (desired.scalars.title !== undefined) expect(after.title).toBe(desired.scalars.title);
      }),
      { numRuns: 300 },
    );
  });

  it("property: preserve_plex_edits never changes a non-empty Plex value and also converges", () => {
    fc.assert(
      fc.property(sceneArb, itemArb, (s, item) => {
        const desired = desiredPlexState(s, settings);
        const plan = planEdit(desired, item, { preservePlexEdits: true });
        const after = applyWithPlexSemantics(item, plan.params);
        if (item.title) expect(after.title).toBe(item.title);
        if (item.summary?.trim()) expect(after.summary).toBe(item.summary);
        if (item.studio?.trim()) expect(after.studio).toBe(item.studio);
        for (const field of ["genre", "actor", "collection"] as const) {
          if (item.tags[field].some((t) => t.trim() !== ""))
            expect(after.tags[field]).toEqual(item.tags[field]);
        }
        expect(planEdit(desired, after, { preservePlexEdits: true }).params).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("clearing a list with awkward names removes exactly them", () => {
    const item = plexItem({ tags: { ...emptyTags(), actor: ["a b", "x,y", "100%", "A+B", "%2C"] } });
    const s = scene({ performers: [], tags: ["keep"] });
    const after = applyWithPlexSemantics(
      item,
      planEdit(desiredPlexState(s, ALL_ON), item, { preservePlexEdits: false }).params,
    );
    expect(after.tags.actor).toEqual([]);
    expect(after.lockedFields).toContain("actor");
  });
});
