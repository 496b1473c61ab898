import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, desiredPlexState, desiredStateHash, fnv1a64 } from "../../../plugin/sync/index.js";
import { ALL_ON, scene } from "./fixtures.js";

describe("fnv1a64", () => {
  it("matches the published FNV-1a 64 test vectors", () => {
    expect(fnv1a64("")).toBe("cbf29ce484222325");
    expect(fnv1a64("a")).toBe("af63dc4c8601ec8c");
    expect(fnv1a64("foobar")).toBe("85944171f73967e8");
  });

  it("hashes UTF-8 bytes", () => {
    expect(fnv1a64("\u00e9")).not.toBe(fnv1a64("e\u0301"));
    expect(fnv1a64("\u{1F600}")).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe("canonicalJson", () => {
  it("sorts keys at every level and drops undefined members", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[2,{"y":2,"z":1}]},"b":1}',
    );
  });
});

describe("desiredStateHash", () => {
  it("is stable for the same scene and differs when a field changes", () => {
    const a = desiredStateHash(desiredPlexState(scene(), ALL_ON));
    expect(desiredStateHash(desiredPlexState(scene(), ALL_ON))).toBe(a);
    expect(desiredStateHash(desiredPlexState(scene({ title: "Other" }), ALL_ON))).not.toBe(a);
    expect(desiredStateHash(desiredPlexState(scene({ tags: ["Outdoor", "Drama"] }), ALL_ON))).not.toBe(a);
    expect(desiredStateHash(desiredPlexState(scene(), { ...ALL_ON, sync_poster: false }))).not.toBe(a);
  });

  it("ignores key insertion order and the informational truncation counts", () => {
    const one = desiredPlexState(scene(), ALL_ON);
    const reordered = {
      ...one,
      scalars: Object.fromEntries(Object.entries(one.scalars).reverse()),
      truncated: { genre: 3 },
    };
    expect(desiredStateHash(reordered)).toBe(desiredStateHash(one));
  });

  it("property: equal desired states hash equal, different titles (almost surely) differ", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 20 }),
        fc.string({ minLength: 1, maxLength: 20 }),
        (t1, t2) => {
          const h1 = desiredStateHash(desiredPlexState(scene({ title: t1 }), ALL_ON));
          const h2 = desiredStateHash(desiredPlexState(scene({ title: t2 }), ALL_ON));
          const d1 = desiredPlexState(scene({ title: t1 }), ALL_ON).scalars.title;
          const d2 = desiredPlexState(scene({ title: t2 }), ALL_ON).scalars.title;
          expect(h1 === h2).toBe(d1 === d2);
        },
      ),
    );
  });
});
