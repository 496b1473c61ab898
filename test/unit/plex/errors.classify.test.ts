import { describe, expect, it } from "vitest";
import {
  isPlexError,
  isPlexErrorData,
  kindForNetworkError,
  kindForStatus,
  PlexError,
} from "../../../plugin/plex/errors.js";

describe("kindForStatus", () => {
  it.each([
    [503, "maintenance"],
    [429, "rate_limited"],
    [500, "server_error"],
    [502, "server_error"],
    [504, "server_error"],
    [401, "auth"],
    [403, "auth"],
    [404, "not_found"],
    [400, "bad_request"],
    [409, "bad_request"],
    [414, "bad_request"],
  ])("maps %i to %s", (status, kind) => {
    expect(kindForStatus(status)).toBe(kind);
  });
});

describe("kindForNetworkError", () => {
  const fetchFailed = (cause: unknown) => new TypeError("fetch failed", { cause });
  const coded = (code: string) => Object.assign(new Error(code), { code });

  it.each([
    ["ECONNREFUSED", "server_down"],
    ["ENOTFOUND", "server_down"],
    ["EAI_AGAIN", "server_down"],
    ["ECONNRESET", "server_down"],
    ["UND_ERR_SOCKET", "server_down"],
    ["UND_ERR_CONNECT_TIMEOUT", "timeout"],
    ["HPE_INVALID_CONSTANT", "bad_response"],
    ["ERR_INVALID_HTTP_STATUS", "bad_response"],
  ])("maps %s to %s", (code, kind) => {
    expect(kindForNetworkError(fetchFailed(coded(code)))).toBe(kind);
  });

  it("finds the code inside an AggregateError (happy eyeballs)", () => {
    const aggregate = new AggregateError([coded("ECONNREFUSED"), coded("ECONNREFUSED")]);
    expect(kindForNetworkError(fetchFailed(aggregate))).toBe("server_down");
  });

  it("returns null for failures that are not network failures (bugs, bad URLs)", () => {
    expect(kindForNetworkError(fetchFailed(new Error("bad port")))).toBeNull();
    expect(kindForNetworkError(new RangeError("oops"))).toBeNull();
    expect(kindForNetworkError("string throw")).toBeNull();
  });
});

describe("PlexError", () => {
  const error = new PlexError({
    kind: "not_found",
    status: 404,
    method: "GET",
    path: "/library/metadata/7",
    detail: "HTTP 404",
  });

  it("names method and path in its message", () => {
    expect(error.message).toBe("Plex GET /library/metadata/7: HTTP 404 [not_found]");
  });

  it("survives a JSON round trip as data", () => {
    const data: unknown = JSON.parse(JSON.stringify(error));
    expect(isPlexErrorData(data)).toBe(true);
    expect(isPlexError(data)).toBe(false);
    expect(data).toMatchObject({
      kind: "not_found",
      status: 404,
      method: "GET",
      path: "/library/metadata/7",
    });
  });

  it("is recognised by its marker, not by class identity", () => {
    const foreign = Object.assign(new Error("x"), { isPlexError: true, kind: "timeout" });
    expect(isPlexError(error)).toBe(true);
    expect(isPlexError(foreign)).toBe(true);
    expect(isPlexError(Object.assign(new Error("x"), { isPlexError: true, kind: "weird" }))).toBe(false);
    expect(isPlexError(new Error("plain"))).toBe(false);
  });
});
