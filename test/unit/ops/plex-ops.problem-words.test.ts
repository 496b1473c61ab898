import { describe, expect, it } from "vitest";
import { problemWords } from "../../../plugin/ops/plex-ops";
import { PLEX_ERROR_KINDS, PlexError } from "../../../plugin/plex/errors";

const CODE = /\b[a-z]+_[a-z_]+\b|\[[^\]]*\]|ECONNREFUSED|\/library\//;

describe("problemWords", () => {
  it("words every Plex error kind without codes, paths or errno names", () => {
    for (const kind of PLEX_ERROR_KINDS) {
      const error = new PlexError({
        kind,
        method: "GET",
        path: "/library/sections",
        status: kind === "server_error" ? 500 : undefined,
        detail: "connect ECONNREFUSED 10.0.0.2:32400",
      });
      expect(error.message).toMatch(CODE);
      const words = problemWords(error);
      expect({ kind, words: CODE.test(words) ? words : "ok" }).toEqual({ kind, words: "ok" });
      expect(words).toMatch(/^[A-Z].+\.$/);
    }
  });

  it("says the HTTP status of an error answer and keeps other errors' own message", () => {
    const error = new PlexError({ kind: "server_error", method: "GET", path: "/", status: 503, detail: "x" });
    expect(problemWords(error)).toContain("(HTTP 503)");
    expect(problemWords(new Error("Enter a Plex URL first."))).toBe("Enter a Plex URL first.");
  });
});
