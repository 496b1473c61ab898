import { BrokenCircuitError } from "cockatiel";
import { describe, expect, it } from "vitest";
import { PlexError } from "../../../plugin/plex/errors.js";
import { JobPayloadError } from "../../../plugin/queue/job.js";
import { coerceError } from "../../../plugin/worker/coerce-error.js";

describe("coerceError", () => {
  it("classifies a PlexError by its kind, also after a JSON round trip", () => {
    const error = new PlexError({
      kind: "maintenance",
      method: "GET",
      path: "/library/sections",
      status: 503,
      detail: "busy",
    });
    expect(coerceError(error)).toEqual({ class: "maintenance", message: error.message });
    expect(coerceError(JSON.parse(JSON.stringify(error)))).toEqual({
      class: "maintenance",
      message: error.message,
    });
  });

  it("keeps the candidates of an ambiguous match", () => {
    const outcome = {
      kind: "ambiguous",
      message: "2 Plex items share the basename",
      candidates: [{ ratingKey: "1" }],
    };
    expect(coerceError(outcome)).toEqual({
      class: "ambiguous",
      message: "2 Plex items share the basename",
      detail: { candidates: [{ ratingKey: "1" }] },
    });
  });

  it("recognises match outcomes not_found and no_file without a message", () => {
    expect(coerceError({ kind: "no_file" })).toEqual({ class: "no_file", message: "no file" });
    expect(coerceError({ kind: "not_found" }).class).toBe("not_found");
  });

  it("classifies Stash errors apart from Plex ones (refused_url is permanent)", () => {
    expect(coerceError({ isStashError: true, kind: "auth", message: "Stash FindScene: 401 [auth]" })).toEqual(
      {
        class: "stash_error",
        message: "Stash FindScene: 401 [auth]",
      },
    );
    expect(coerceError({ isStashError: true, kind: "refused_url", message: "x" }).class).toBe("bad_request");
  });

  it("recognises a stored payload that this version cannot run", () => {
    expect(coerceError(new JobPayloadError("sync-scene", "bad id")).class).toBe("bad_payload");
  });

  it("surfaces our own bug as itself: class internal with the stack's first line", () => {
    let thrown: unknown;
    try {
      (null as unknown as { x: number }).x;
    } catch (error) {
      thrown = error;
    }
    const coerced = coerceError(thrown);
    expect(coerced.class).toBe("internal");
    expect(coerced.message).toMatch(/^TypeError: /);
    expect(coerced.detail).toMatchObject({ at: expect.stringMatching(/^at /) });
  });

  it("does not trust an arbitrary kind, and handles non-Error throws", () => {
    expect(coerceError({ kind: "whatever", message: "m" }).class).toBe("internal");
    expect(coerceError("boom")).toEqual({ class: "internal", message: "Non-error thrown: boom" });
    expect(coerceError(undefined).class).toBe("internal");
  });
});

describe("coerceError and the circuit breaker", () => {
  it("classifies a call the open breaker refused as server_down (the job waits, no dead letter)", () => {
    expect(coerceError(new BrokenCircuitError("Plex circuit is open; next probe in 0s"))).toEqual({
      class: "server_down",
      message: "Plex circuit is open; next probe in 0s",
    });
  });
});
