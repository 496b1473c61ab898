import { describe, expect, it } from "vitest";
import { desiredPlexState } from "../../../plugin/core-sync/desired.js";
import { fieldTableRows, planEdit } from "../../../plugin/core-sync/plan.js";
import { encodePlexTagRemoval } from "../../../plugin/domain/plex-item.js";
import { makeItem, makeScene, settings } from "./fixtures.js";

const overwrite = { preservePlexEdits: false };
const preserve = { preservePlexEdits: true };

describe("planEdit scalars", () => {
  it("sets changed scalars with their locks, in field order", () => {
    const plan = planEdit(
      { title: "New", studio: "S", originallyAvailableAt: "2024-01-02" },
      makeItem({ title: "Old" }),
      overwrite,
    );
    expect(plan.params).toEqual([
      ["title.value", "New"],
      ["title.locked", "1"],
      ["studio.value", "S"],
      ["studio.locked", "1"],
      ["originallyAvailableAt.value", "2024-01-02"],
      ["originallyAvailableAt.locked", "1"],
    ]);
    expect(plan.changes).toEqual([
      { field: "title", from: "Old", to: "New" },
      { field: "studio", from: null, to: "S" },
      { field: "originallyAvailableAt", from: null, to: "2024-01-02" },
    ]);
    expect(plan.unchanged).toBe(false);
  });

  it("clears with an empty value and a lock", () => {
    const plan = planEdit({ summary: "" }, makeItem({ summary: "old text" }), overwrite);
    expect(plan.params).toEqual([
      ["summary.value", ""],
      ["summary.locked", "1"],
    ]);
    expect(plan.changes).toEqual([{ field: "summary", from: "old text", to: null }]);
  });

  it("does not clear what Plex does not have", () => {
    expect(planEdit({ summary: "", studio: "" }, makeItem(), overwrite).unchanged).toBe(true);
  });

  it("never clears the title", () => {
    expect(planEdit({ title: "  " }, makeItem({ title: "Keep" }), overwrite).params).toEqual([]);
  });

  it("compares after sanitising both sides", () => {
    const item = makeItem({
      title: "  \u201CQuoted\u201D  ",
      summary: "a\r\nb ",
      lockedFields: ["title", "summary"],
    });
    expect(planEdit({ title: '"Quoted"', summary: "a\nb" }, item, overwrite).params).toEqual([]);
  });

  it("locks a matching but unlocked value with one lock-only param (not under preserve_plex_edits)", () => {
    const item = makeItem({
      title: "Same",
      studio: "S",
      tags: { genre: ["Drama"], actor: [], collection: ["S"], director: [] },
      lockedFields: ["studio"],
    });
    const desired = { title: "Same", studio: "S", genre: ["drama"], collection: ["S"], summary: "" };
    const plan = planEdit(desired, item, overwrite);
    // The empty summary matches and stays unlocked; the additive collection is never lock-only.
    expect(plan.params).toEqual([
      ["title.locked", "1"],
      ["genre.locked", "1"],
    ]);
    expect(plan.changes).toEqual([]);
    expect(plan.unchanged).toBe(false);
    expect(planEdit(desired, item, preserve).params).toEqual([]);
  });

  it("writes userRating without a lock and tolerates float noise", () => {
    expect(planEdit({ userRating: 8.5 }, makeItem({ userRating: 4 }), overwrite).params).toEqual([
      ["userRating.value", "8.5"],
    ]);
    expect(planEdit({ userRating: 8.5 }, makeItem({ userRating: 8.500001 }), overwrite).unchanged).toBe(true);
  });

  it("preserve_plex_edits only fills empty scalars and never clears", () => {
    const item = makeItem({ title: "Plex title", summary: "Plex summary", studio: null });
    const plan = planEdit({ title: "Stash", summary: "", studio: "S" }, item, preserve);
    expect(plan.params).toEqual([
      ["studio.value", "S"],
      ["studio.locked", "1"],
    ]);
  });
});

describe("planEdit lists", () => {
  it("replaces a differing list with the whole desired list and locks it", () => {
    const item = makeItem({ tags: { genre: ["Old", "Drama"], actor: [], collection: [], director: [] } });
    const plan = planEdit({ genre: ["Drama", "Comedy, Dark"] }, item, overwrite);
    expect(plan.params).toEqual([
      ["genre[0].tag.tag", "Drama"],
      ["genre[1].tag.tag", "Comedy, Dark"],
      ["genre.locked", "1"],
    ]);
    expect(plan.changes).toEqual([{ field: "genre", from: ["Old", "Drama"], to: ["Drama", "Comedy, Dark"] }]);
  });

  it("treats lists as case-insensitive, order-insensitive sets", () => {
    const item = makeItem({
      tags: { genre: ["comedy", "DRAMA"], actor: ["Ann"], collection: [], director: [] },
      lockedFields: ["genre", "actor"],
    });
    expect(planEdit({ genre: ["Drama", "Comedy"], actor: ["ann"] }, item, overwrite).params).toEqual([]);
  });

  it("clears a list with the removal form of every current name", () => {
    const names = ["a b", "x,y", "100%"];
    const item = makeItem({ tags: { genre: [], actor: names, collection: [], director: [] } });
    const plan = planEdit({ actor: [] }, item, overwrite);
    expect(plan.params).toEqual([
      ["actor[].tag.tag-", encodePlexTagRemoval(names)],
      ["actor.locked", "1"],
    ]);
    expect(plan.params[0]?.[1]).toBe("a%20b,x%2Cy,100%25");
    expect(plan.changes).toEqual([{ field: "actor", from: names, to: [] }]);
  });

  it("does nothing for an empty desired list when Plex's is empty too", () => {
    expect(planEdit({ genre: [], actor: [] }, makeItem(), overwrite).unchanged).toBe(true);
  });

  it("adds the studio collection to the item's collections without removing others", () => {
    const item = makeItem({ tags: { genre: [], actor: [], collection: ["Favourites"], director: [] } });
    expect(planEdit({ collection: ["Studio X"] }, item, overwrite).params).toEqual([
      ["collection[0].tag.tag", "Favourites"],
      ["collection[1].tag.tag", "Studio X"],
      ["collection.locked", "1"],
    ]);
    const already = makeItem({
      tags: { genre: [], actor: [], collection: ["studio x", "Fav"], director: [] },
    });
    expect(planEdit({ collection: ["Studio X"] }, already, overwrite).unchanged).toBe(true);
  });

  it("preserve_plex_edits only fills empty lists and never clears", () => {
    const item = makeItem({ tags: { genre: ["Plex"], actor: ["Someone"], collection: [], director: [] } });
    const plan = planEdit({ genre: ["Stash"], actor: [], collection: ["S"] }, item, preserve);
    expect(plan.params).toEqual([
      ["collection[0].tag.tag", "S"],
      ["collection.locked", "1"],
    ]);
  });
});

describe("planEdit end to end", () => {
  const scene = makeScene({
    title: "Title",
    details: "Details",
    date: "2024-05-06",
    code: "C-1",
    studio: { name: "Studio", parentName: null },
    performers: ["Ann", "Bob"],
    tags: ["Drama"],
  });

  it("an item already in the desired state yields zero params", () => {
    const desired = desiredPlexState(scene, settings());
    const item = makeItem({
      title: "Title",
      summary: "Details",
      tagline: "C-1",
      studio: "Studio",
      originallyAvailableAt: "2024-05-06",
      tags: { genre: ["drama"], actor: ["Bob", "Ann"], collection: ["Studio", "Other"], director: ["D"] },
      lockedFields: ["title", "summary", "tagline", "studio", "originallyAvailableAt", "genre", "actor"],
    });
    expect(planEdit(desired, item, overwrite)).toEqual({ params: [], changes: [], unchanged: true });
  });

  it("a fresh item gets every field in one plan", () => {
    const plan = planEdit(desiredPlexState(scene, settings()), makeItem({ title: "a" }), overwrite);
    const keys = plan.params.map(([k]) => k);
    expect(keys).toContain("title.value");
    expect(keys).toContain("summary.value");
    expect(keys).toContain("tagline.value");
    expect(keys).toContain("actor[1].tag.tag");
    expect(keys).toContain("collection.locked");
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("applying the planned values makes the next plan empty (idempotent)", () => {
    const desired = desiredPlexState(scene, settings());
    const plan = planEdit(desired, makeItem({ title: "a" }), overwrite);
    const value = (key: string) => plan.params.find(([k]) => k === key)?.[1] ?? null;
    const tagsOf = (type: string) =>
      plan.params.filter(([k]) => k.startsWith(`${type}[`) && k.endsWith("].tag.tag")).map(([, v]) => v);
    const after = makeItem({
      title: value("title.value") ?? "",
      summary: value("summary.value"),
      tagline: value("tagline.value"),
      studio: value("studio.value"),
      originallyAvailableAt: value("originallyAvailableAt.value"),
      tags: {
        genre: tagsOf("genre"),
        actor: tagsOf("actor"),
        collection: tagsOf("collection"),
        director: [],
      },
      lockedFields: plan.params.filter(([k]) => k.endsWith(".locked")).map(([k]) => k.slice(0, -7)),
    });
    expect(planEdit(desired, after, overwrite).unchanged).toBe(true);
  });
});

describe("fieldTableRows", () => {
  it("shows what Stash wants, what Plex has and the locks", () => {
    const item = makeItem({
      title: "Plex",
      userRating: 6,
      lockedFields: ["title", "genre"],
      tags: { genre: ["g"], actor: [], collection: [], director: [] },
    });
    const rows = fieldTableRows({ title: "Stash", summary: "", genre: ["a"] }, item);
    expect(rows.map((r) => r.field)).toEqual([
      "title",
      "summary",
      "tagline",
      "studio",
      "originallyAvailableAt",
      "genre",
      "actor",
      "collection",
      "userRating",
    ]);
    expect(rows[0]).toEqual({ field: "title", stash: "Stash", plex: "Plex", synced: true, locked: true });
    expect(rows[1]).toEqual({ field: "summary", stash: null, plex: null, synced: true, locked: false });
    expect(rows[2]).toMatchObject({ synced: false });
    expect(rows[5]).toEqual({ field: "genre", stash: ["a"], plex: ["g"], synced: true, locked: true });
    expect(rows[8]).toEqual({ field: "userRating", stash: null, plex: 6, synced: false, locked: false });
  });
});
