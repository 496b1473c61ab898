import { describe, expect, it } from "vitest";
import {
  type DesiredState,
  desiredPlexState,
  encodeTagRemoval,
  planEdit,
} from "../../../plugin/sync/index.js";
import { ALL_ON, emptyTags, plexItem, scene } from "./fixtures.js";

const overwrite = { preservePlexEdits: false };
const preserve = { preservePlexEdits: true };

function desired(partial: Partial<DesiredState>): DesiredState {
  return { scalars: {}, lists: {}, images: { poster: false, background: false }, truncated: {}, ...partial };
}

/** The item Plex holds after a complete, locked sync of `scene()`. */
function syncedItem() {
  return plexItem({
    title: "Scene Title",
    summary: "A summary.",
    studio: "Studio A",
    originallyAvailableAt: "2024-01-15",
    tags: { ...emptyTags(), genre: ["Drama", "Outdoor"], actor: ["Alice", "Bob"], collection: ["Studio A"] },
    lockedFields: ["title", "summary", "studio", "originallyAvailableAt", "genre", "actor", "collection"],
  });
}

describe("planEdit: a fresh item", () => {
  it("writes every field with its lock, lists as indexed replacements", () => {
    const plan = planEdit(desiredPlexState(scene(), ALL_ON), plexItem(), overwrite);
    expect(plan.params).toEqual([
      ["title.value", "Scene Title"],
      ["title.locked", "1"],
      ["summary.value", "A summary."],
      ["summary.locked", "1"],
      ["studio.value", "Studio A"],
      ["studio.locked", "1"],
      ["originallyAvailableAt.value", "2024-01-15"],
      ["originallyAvailableAt.locked", "1"],
      ["genre[0].tag.tag", "Drama"],
      ["genre[1].tag.tag", "Outdoor"],
      ["genre.locked", "1"],
      ["actor[0].tag.tag", "Alice"],
      ["actor[1].tag.tag", "Bob"],
      ["actor.locked", "1"],
      ["collection[0].tag.tag", "Studio A"],
      ["collection.locked", "1"],
    ]);
    expect(plan.unchanged).toBe(false);
    expect(plan.changes).toContainEqual({ field: "title", from: "clip", to: "Scene Title" });
    expect(plan.changes).toContainEqual({ field: "genre", from: null, to: "Drama, Outdoor" });
  });
});

describe("planEdit: nothing to do", () => {
  it("an unchanged, locked item gives zero params", () => {
    const plan = planEdit(desiredPlexState(scene(), ALL_ON), syncedItem(), overwrite);
    expect(plan).toEqual({ params: [], changes: [], unchanged: true });
  });

  it("ignores differences Plex normalises: list order and case, smart quotes, summary whitespace, date format", () => {
    const item = plexItem({
      ...syncedItem(),
      title: "Scene\u00A0Title ",
      summary: "A   summary.\r\n",
      originallyAvailableAt: "2024-01-15T00:00:00Z",
      tags: {
        ...emptyTags(),
        genre: ["outdoor", "DRAMA"],
        actor: ["Bob", "Alice"],
        collection: ["Other", "studio a"],
      },
    });
    expect(planEdit(desiredPlexState(scene(), ALL_ON), item, overwrite).params).toEqual([]);
  });

  it("an empty desired state gives zero params", () => {
    expect(planEdit(desired({}), plexItem(), overwrite).unchanged).toBe(true);
  });

  it("locks a matching but unlocked field once (items synced by the original plugin)", () => {
    const item = {
      ...syncedItem(),
      lockedFields: ["summary", "studio", "originallyAvailableAt", "actor", "collection"],
    };
    const plan = planEdit(desiredPlexState(scene(), ALL_ON), item, overwrite);
    expect(plan.params).toEqual([
      ["title.locked", "1"],
      ["genre.locked", "1"],
    ]);
    expect(plan.changes).toEqual([]);
  });
});

describe("planEdit: scalars", () => {
  it("clears a scalar with an empty value and a lock", () => {
    const plan = planEdit(desired({ scalars: { summary: "" } }), plexItem({ summary: "Old" }), overwrite);
    expect(plan.params).toEqual([
      ["summary.value", ""],
      ["summary.locked", "1"],
    ]);
    expect(plan.changes).toEqual([{ field: "summary", from: "Old", to: null }]);
  });

  it("does not clear what is already empty", () => {
    expect(planEdit(desired({ scalars: { summary: "", studio: "" } }), plexItem(), overwrite).params).toEqual(
      [],
    );
  });

  it("treats a change of capitalisation as an edit", () => {
    const plan = planEdit(
      desired({ scalars: { title: "The Matrix" } }),
      plexItem({ title: "the matrix" }),
      overwrite,
    );
    expect(plan.params[0]).toEqual(["title.value", "The Matrix"]);
  });

  it("writes the rating without a lock and compares it numerically", () => {
    expect(planEdit(desired({ scalars: { userRating: "8.5" } }), plexItem(), overwrite).params).toEqual([
      ["userRating.value", "8.5"],
    ]);
    expect(
      planEdit(desired({ scalars: { userRating: "8.5" } }), plexItem({ userRating: 8.5 }), overwrite).params,
    ).toEqual([]);
  });
});

describe("planEdit: lists mirror Stash", () => {
  it("adds the missing and removes the extra with one indexed replacement", () => {
    const item = plexItem({ tags: { ...emptyTags(), genre: ["Drama", "Old Tag"] }, lockedFields: ["genre"] });
    const plan = planEdit(
      desired({ lists: { genre: { values: ["Drama", "New"], mode: "mirror" } } }),
      item,
      overwrite,
    );
    expect(plan.params).toEqual([
      ["genre[0].tag.tag", "Drama"],
      ["genre[1].tag.tag", "New"],
      ["genre.locked", "1"],
    ]);
    expect(plan.changes).toEqual([{ field: "genre", from: "Drama, Old Tag", to: "Drama, New" }]);
  });

  it("clears a list with the removal form, each name encoded first", () => {
    const item = plexItem({ tags: { ...emptyTags(), actor: ["a b", "x,y", "100%"] } });
    const plan = planEdit(desired({ lists: { actor: { values: [], mode: "mirror" } } }), item, overwrite);
    expect(plan.params).toEqual([
      ["actor[].tag.tag-", "a%20b,x%2Cy,100%25"],
      ["actor.locked", "1"],
    ]);
    expect(plan.changes).toEqual([{ field: "actor", from: "a b, x,y, 100%", to: null }]);
  });

  it("encodeTagRemoval survives the server's split-then-decode", () => {
    const names = ["Tag, With Comma", "Test Tag !@#$%^&*()-_=+[];:'\"/?,.", "\u00e9t\u00e9"];
    const value = encodeTagRemoval(names);
    expect(value.split(",").map(decodeURIComponent)).toEqual(names);
  });

  it("collections are only added to, keeping the user's own", () => {
    const item = plexItem({
      tags: { ...emptyTags(), collection: ["Favourites"] },
      lockedFields: ["collection"],
    });
    const plan = planEdit(
      desired({ lists: { collection: { values: ["Studio A"], mode: "ensure" } } }),
      item,
      overwrite,
    );
    expect(plan.params).toEqual([
      ["collection[0].tag.tag", "Favourites"],
      ["collection[1].tag.tag", "Studio A"],
      ["collection.locked", "1"],
    ]);
  });
});

describe("planEdit: preserve_plex_edits", () => {
  const everything = desiredPlexState(scene(), ALL_ON);

  it("fills only what Plex leaves empty, and never clears or locks the rest", () => {
    const item = plexItem({
      title: "User Title",
      summary: null,
      studio: "User Studio",
      tags: { ...emptyTags(), genre: ["User Genre"], actor: [], collection: ["Mine"] },
    });
    const plan = planEdit(everything, item, preserve);
    expect(plan.params).toEqual([
      ["summary.value", "A summary."],
      ["summary.locked", "1"],
      ["originallyAvailableAt.value", "2024-01-15"],
      ["originallyAvailableAt.locked", "1"],
      ["actor[0].tag.tag", "Alice"],
      ["actor[1].tag.tag", "Bob"],
      ["actor.locked", "1"],
    ]);
  });

  it("does not clear under preserve", () => {
    const item = plexItem({ summary: "Keep", tags: { ...emptyTags(), genre: ["Keep"] } });
    const clears = desired({ scalars: { summary: "" }, lists: { genre: { values: [], mode: "mirror" } } });
    expect(planEdit(clears, item, preserve).params).toEqual([]);
  });

  it("an item equal to Stash gives zero params without adding locks", () => {
    expect(planEdit(everything, { ...syncedItem(), lockedFields: [] }, preserve).params).toEqual([]);
  });
});
