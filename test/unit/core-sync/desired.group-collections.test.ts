import { describe, expect, it } from "vitest";
import { desiredPlexState } from "../../../plugin/core-sync/desired.js";
import { planEdit } from "../../../plugin/core-sync/plan.js";
import { makeItem, makeScene, settings } from "./fixtures.js";

const group = (name: string, synopsis: string | null = null, frontImageUrl: string | null = null) => ({
  name,
  synopsis,
  frontImageUrl,
});

const scene = makeScene({
  studio: { name: "Studio X", parentName: null },
  groups: [group("Series One"), group(" Series Two "), group("Studio X")],
});

describe("group collections (sync_group_collections)", () => {
  it("off by default: only the studio collection", () => {
    expect(desiredPlexState(scene, settings()).collection).toEqual(["Studio X"]);
  });

  it("on: every group becomes a collection next to the studio's, once each", () => {
    const desired = desiredPlexState(scene, settings({ sync_group_collections: true }));
    expect(desired.collection).toEqual(["Studio X", "Series One", "Series Two"]);
    expect(
      desiredPlexState(scene, settings({ sync_group_collections: true, sync_collection: false })).collection,
    ).toEqual(["Series One", "Series Two", "Studio X"]);
  });

  it("only added: the user's own Plex collections stay in the edit", () => {
    const desired = desiredPlexState(scene, settings({ sync_group_collections: true }));
    const item = makeItem({ tags: { genre: [], actor: [], collection: ["My Favourites"], director: [] } });
    const plan = planEdit(desired, item, { preservePlexEdits: false });
    const names = plan.params.filter(([k]) => k.startsWith("collection[")).map(([, v]) => v);
    expect(names).toEqual(["My Favourites", "Studio X", "Series One", "Series Two"]);
  });

  it("groups with a description or a cover: their collection carries them; groups with neither add nothing", () => {
    const withCovers = makeScene({
      groups: [
        group("Saga", "Part one\u0000of three", "http://stash/group/1/frontimage?t=5"),
        group("Plain"),
        group("Told", "Only words"),
        group(" Saga ", "a second entry for the same name is ignored"),
      ],
    });
    const on = desiredPlexState(withCovers, settings({ sync_group_collections: true }));
    expect(on.groupCollections).toEqual([
      { name: "Saga", summary: "Part one of three", coverUrl: "http://stash/group/1/frontimage?t=5" },
      { name: "Told", summary: "Only words" },
    ]);
    expect(desiredPlexState(withCovers, settings()).groupCollections).toBeUndefined();
    expect(
      desiredPlexState(scene, settings({ sync_group_collections: true })).groupCollections,
    ).toBeUndefined();
  });
});
