import { describe, expect, it } from "vitest";
import { stashEndpoint } from "../../../plugin/stash/connection.js";

describe("stashEndpoint", () => {
  it("maps Stash's wildcard listen hosts to loopback", () => {
    for (const Host of ["0.0.0.0", "::", "", undefined]) {
      expect(stashEndpoint({ Scheme: "http", Host, Port: 9999 }).baseUrl).toBe("http://127.0.0.1:9999");
    }
  });

  it("keeps named hosts, brackets IPv6 literals and defaults the scheme to http", () => {
    expect(stashEndpoint({ Host: "stash.lan", Port: 80 }).baseUrl).toBe("http://stash.lan:80");
    expect(stashEndpoint({ Scheme: "HTTPS", Host: "fe80::1", Port: 9999 }).baseUrl).toBe(
      "https://[fe80::1]:9999",
    );
    expect(stashEndpoint({ Scheme: "https", Host: "[::1]", Port: 1 }).baseUrl).toBe("https://[::1]:1");
  });

  it("builds the cookie header from the session cookie, or null without one", () => {
    const cookie = { Name: "session", Value: "abc=" };
    expect(stashEndpoint({ Host: "h", Port: 1, SessionCookie: cookie }).cookieHeader).toBe("session=abc=");
    expect(stashEndpoint({ Host: "h", Port: 1, SessionCookie: null }).cookieHeader).toBeNull();
    expect(
      stashEndpoint({ Host: "h", Port: 1, SessionCookie: { Name: "session", Value: "" } }).cookieHeader,
    ).toBeNull();
    expect(stashEndpoint({ Host: "h", Port: 1, SessionCookie: { Value: "v" } }).cookieHeader).toBe(
      "session=v",
    );
  });
});
