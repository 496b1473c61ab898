import { buildSchema, parse, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { ALL_OPERATIONS } from "../../../plugin/stash/operations.js";
import { UI_DOCUMENTS } from "../../../ui/api/client.js";
import { fakeSubsetSdl, loadRealSchema, subsetProblems } from "./schema-compat.js";

const real = loadRealSchema();
const subset = buildSchema(fakeSubsetSdl());

describe("fake Stash schema subset", () => {
  it("has only types, fields and arguments that exist in Stash's real schema, with the same types", () => {
    expect(subsetProblems(subset, real)).toEqual([]);
  });

  it("reports a field, an argument and a type that Stash does not have", () => {
    const wrong = buildSchema(`
      type Query { findScenes(bogus: Int): Scene  nothing: Int }
      type Scene { id: ID  title: String! }
      input FindJobInput { id: ID! extra: Int }
      input SceneDestroyInput { delete_file: Boolean }
    `);
    expect(subsetProblems(wrong, real)).toEqual([
      "Query.findScenes is Scene here but FindScenesResultType! in Stash",
      "Query.findScenes(args).bogus does not exist in Stash",
      "Query.nothing does not exist in Stash",
      "Scene.id is ID here but ID! in Stash",
      "Scene.title is String! here but String in Stash",
      "FindJobInput.extra does not exist in Stash",
      "SceneDestroyInput.id is required in Stash but missing here",
    ]);
  });
});

describe("plugin GraphQL operations", () => {
  for (const [name, document] of Object.entries(ALL_OPERATIONS)) {
    it(`${name} validates against Stash's real schema and the fake's subset`, () => {
      const ast = parse(document);
      expect(validate(real, ast).map((e) => e.message)).toEqual([]);
      expect(validate(subset, ast).map((e) => e.message)).toEqual([]);
    });
  }
});

describe("UI GraphQL documents", () => {
  for (const [name, document] of Object.entries(UI_DOCUMENTS)) {
    it(`${name} validates against Stash's real schema and the fake's subset`, () => {
      const ast = parse(document);
      expect(validate(real, ast).map((e) => e.message)).toEqual([]);
      expect(validate(subset, ast).map((e) => e.message)).toEqual([]);
    });
  }
});
