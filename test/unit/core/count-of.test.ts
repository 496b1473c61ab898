import { describe, expect, it } from "vitest";
import { countOf } from "../../../plugin/core/count-of.js";

describe("countOf", () => {
  it("names one thing in the singular and any other count in the plural", () => {
    expect([0, 1, 2].map((n) => countOf(n, "rating"))).toEqual(["0 ratings", "1 rating", "2 ratings"]);
    expect(countOf(1, "library", "libraries")).toBe("1 library");
    expect(countOf(3, "library", "libraries")).toBe("3 libraries");
    expect(countOf(1204, "scene")).toBe("1,204 scenes");
  });
});
