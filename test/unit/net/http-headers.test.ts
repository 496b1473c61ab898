import { describe, expect, it } from "vitest";
import { HttpHeaders } from "../../../plugin/net/http-response.js";

/** The bundle hands graphql-request HttpHeaders as `Headers` (vite.config.ts): it must act as one where used. */
describe("HttpHeaders", () => {
  it("takes a record, pairs or another HttpHeaders, names case-insensitive", () => {
    const fromRecord = new HttpHeaders({ Cookie: "session=1", "Content-Type": "application/json" });
    expect(fromRecord.get("cookie")).toBe("session=1");
    expect(fromRecord.has("CONTENT-TYPE")).toBe(true);
    expect(new HttpHeaders([["X-One", "1"]]).get("x-one")).toBe("1");
    expect([...new HttpHeaders(fromRecord)]).toEqual([
      ["cookie", "session=1"],
      ["content-type", "application/json"],
    ]);
    expect(new HttpHeaders(undefined).get("anything")).toBeNull();
  });

  it("sets, appends (joined as fetch joins them), deletes and visits", () => {
    const headers = new HttpHeaders();
    headers.set("Accept", "application/graphql-response+json");
    headers.set("accept", "application/json");
    headers.append("Set-Cookie", "a=1");
    headers.append("set-cookie", "b=2");
    headers.delete("nothing");
    const seen: string[] = [];
    headers.forEach((value, name) => {
      seen.push(`${name}: ${value}`);
    });
    expect(seen).toEqual(["accept: application/json", "set-cookie: a=1, b=2"]);
    headers.delete("ACCEPT");
    expect(headers.has("accept")).toBe(false);
    expect(Object.fromEntries(headers.entries())).toEqual({ "set-cookie": "a=1, b=2" });
  });
});
