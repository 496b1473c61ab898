import { describe, expect, expectTypeOf, it } from "vitest";
import type { PlexItem } from "../../../plugin/domain/plex-item.js";
import {
  type EndpointResponse,
  type JsonEndpoint,
  type PathParams,
  resolveEndpoint,
  type WriteEndpoint,
} from "../../../plugin/plex/endpoints.js";
import type { PlexClient, PlexIdentity } from "../../../plugin/plex/index.js";

describe("endpoint map types", () => {
  it("derives path parameters from the template", () => {
    expectTypeOf<PathParams<"GET /library/metadata/{ratingKey}/posters">>().toEqualTypeOf<
      Record<"ratingKey", string> & Record<never, string>
    >();
    expectTypeOf<PathParams<"GET /identity">>().toEqualTypeOf<Record<never, string>>();
  });

  it("splits JSON endpoints from write endpoints and types responses", () => {
    expectTypeOf<"GET /identity">().toExtend<JsonEndpoint>();
    expectTypeOf<"PUT /library/sections/{sectionId}/all">().toExtend<WriteEndpoint>();
    expectTypeOf<"PUT /library/sections/{sectionId}/all">().not.toExtend<JsonEndpoint>();
    expectTypeOf<EndpointResponse<"GET /identity">["MediaContainer"]>().toEqualTypeOf<PlexIdentity>();
    expectTypeOf<PlexClient["metadata"]>().returns.resolves.toEqualTypeOf<PlexItem>();
  });

  it("fills templates with URL-encoded values and refuses empty ones", () => {
    expect(resolveEndpoint("GET /library/metadata/{ratingKey}", { ratingKey: "a/b c" })).toEqual({
      method: "GET",
      path: "/library/metadata/a%2Fb%20c",
    });
    expect(() => resolveEndpoint("GET /library/sections/{sectionId}/all", { sectionId: "" })).toThrow(
      RangeError,
    );
  });
});
