/**
 * The Plex endpoints the client calls, as one map, so a path and its response schema are written once: the
 * key is "<METHOD> <path template>", the value the response schema (null = the body is ignored; Plex answers
 * writes with 200 and an empty body). Path parameters are typed from the template.
 */
import type { z } from "zod";
import { PlexError } from "./errors.js";
import type { HttpMethod, PlexResponse } from "./http.js";
import {
  activitiesSchema,
  collectionsSchema,
  historyPageSchema,
  identitySchema,
  imagesSchema,
  metadataSchema,
  sectionPageSchema,
  sectionsSchema,
} from "./schemas.js";

export const PLEX_ENDPOINTS = {
  "GET /identity": identitySchema,
  "GET /library/sections": sectionsSchema,
  "GET /library/sections/{sectionId}/all": sectionPageSchema,
  "GET /library/sections/{sectionId}/collections": collectionsSchema,
  "GET /library/metadata/{ratingKey}": metadataSchema,
  "GET /library/metadata/{ratingKey}/posters": imagesSchema,
  "GET /library/metadata/{ratingKey}/arts": imagesSchema,
  "GET /activities": activitiesSchema,
  "GET /status/sessions/history/all": historyPageSchema,
  "PUT /library/sections/{sectionId}/all": null,
  "POST /library/metadata/{ratingKey}/posters": null,
  "POST /library/metadata/{ratingKey}/arts": null,
  "PUT /library/metadata/{ratingKey}/poster": null,
  "PUT /library/metadata/{ratingKey}/art": null,
  "GET /library/sections/{sectionId}/refresh": null,
} as const satisfies Record<string, z.ZodType | null>;

type Endpoints = typeof PLEX_ENDPOINTS;
export type PlexEndpoint = keyof Endpoints;
export type JsonEndpoint = { [K in PlexEndpoint]: Endpoints[K] extends null ? never : K }[PlexEndpoint];
export type WriteEndpoint = Exclude<PlexEndpoint, JsonEndpoint>;
export type EndpointResponse<K extends JsonEndpoint> = z.output<NonNullable<Endpoints[K]>>;

/** `{sectionId: string}` for "GET /library/sections/{sectionId}/all". */
export type PathParams<T extends string> = T extends `${string}{${infer P}}${infer Rest}`
  ? Record<P, string> & PathParams<Rest>
  : Record<never, string>;

/** Splits an endpoint key and fills its path template (every parameter URL-encoded). */
export function resolveEndpoint<K extends PlexEndpoint>(
  endpoint: K,
  params: PathParams<K>,
): { method: HttpMethod; path: string } {
  const space = endpoint.indexOf(" ");
  const method = endpoint.slice(0, space) as HttpMethod;
  const values = params as Record<string, string>;
  const path = endpoint.slice(space + 1).replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined || value.trim() === "") {
      throw new RangeError(`Plex ${endpoint}: path parameter "${name}" is empty`);
    }
    return encodeURIComponent(value);
  });
  return { method, path };
}

const CONTROL_OR_SPACE = /[\s\u0000-\u001f\u007f-\u009f\ufffd]+/g;

/** The first bytes of a body, printable and with the token (if echoed) masked. */
export function bodySnippet(body: Uint8Array, secret: string, max = 80): string {
  let text = new TextDecoder("utf-8", { fatal: false }).decode(body.subarray(0, max * 4));
  if (secret.length > 0) text = text.split(secret).join("****");
  text = text.replace(CONTROL_OR_SPACE, " ").trim();
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Parses a 200 answer with the endpoint's schema, or throws `bad_response` saying what arrived. */
export function decodeJson<K extends JsonEndpoint>(
  endpoint: K,
  method: HttpMethod,
  path: string,
  response: PlexResponse,
  secret: string,
): EndpointResponse<K> {
  const fail = (detail: string): PlexError =>
    new PlexError({ kind: "bad_response", status: response.status, method, path, detail });
  const type = response.contentType || "no content-type";
  const snippet = bodySnippet(response.body, secret);
  const text = new TextDecoder().decode(response.body);
  if (!/json/i.test(response.contentType) && !text.trimStart().startsWith("{")) {
    throw fail(`expected JSON, received ${type} (${response.body.byteLength} bytes): "${snippet}"`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw fail(`invalid JSON, received ${type} (${response.body.byteLength} bytes): "${snippet}"`);
  }
  const schema = PLEX_ENDPOINTS[endpoint] as unknown as z.ZodType<EndpointResponse<K>>;
  const result = schema.safeParse(parsed);
  if (result.success) return result.data;
  const issues = result.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
    .join("; ");
  throw fail(`JSON does not have the expected shape (${issues})`);
}
