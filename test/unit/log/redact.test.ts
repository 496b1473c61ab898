import { describe, expect, it } from "vitest";
import { maskToken, Redactor } from "../../../plugin/log/redact.js";

describe("Redactor", () => {
  it("removes registered secrets wherever they appear, also URL-encoded", () => {
    const r = new Redactor();
    r.add("tok/en+value=1");
    const text = `GET /x?X-Plex-Token=tok%2Fen%2Bvalue%3D1 and raw tok/en+value=1`;
    const out = r.redact(text);
    expect(out).not.toContain("tok/en+value=1");
    expect(out).not.toContain("tok%2Fen%2Bvalue%3D1");
  });

  it("masks well-known carriers even for unregistered values", () => {
    const r = new Redactor();
    expect(r.redact("http://plex/?a=1&X-Plex-Token=abcdef123&b=2")).toBe(
      "http://plex/?a=1&X-Plex-Token=****&b=2",
    );
    expect(r.redact("Cookie: session=MTY5abc; other=1")).toBe("Cookie: session=****; other=1");
    expect(r.redact('{"plex_token":"zzzzzzzzzz"}')).toBe('{"plex_token":"****"}');
  });

  it("masks tokens for display", () => {
    expect(maskToken("abcdefghijkl")).toBe("abcd****ijkl");
    expect(maskToken("short")).toBe("****");
    expect(maskToken(undefined)).toBe("(not set)");
  });
});
