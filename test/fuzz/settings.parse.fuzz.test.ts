import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_SETTINGS,
  parseSettings,
  SETTING_KEYS,
  type SettingKey,
  SettingsError,
} from "../../plugin/config/settings.js";

const TOKEN = "fuzz-plex-token-secret-0123";

/** Every JSON-ish value a settings map could hold after a hand-edited config.yml or an old plugin version. */
const confusedValue = fc.oneof(
  fc.anything(),
  fc.constantFrom(
    "",
    " ",
    "true",
    "FALSE",
    "yes",
    "maybe",
    "1",
    "0",
    " 5 ",
    "5.0",
    "1e3",
    "-1",
    "NaN",
    "Infinity",
    " Daily ",
    "http://plex:32400/",
    "ftp://x",
    TOKEN,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    -0,
    1e308,
    [],
    {},
    null,
  ),
);

const settingsMap = fc.dictionary(fc.oneof(fc.constantFrom(...SETTING_KEYS), fc.string()), confusedValue, {
  maxKeys: 12,
});

type Outcome = { ok: true } | { ok: false; error: SettingsError };

function outcome(raw: unknown): Outcome {
  try {
    parseSettings(raw);
    return { ok: true };
  } catch (error) {
    if (error instanceof SettingsError) return { ok: false, error };
    throw error;
  }
}

describe("parseSettings under type confusion", () => {
  it("gives settings or a SettingsError whose every problem names a known field that was set", () => {
    fc.assert(
      fc.property(settingsMap, (raw) => {
        const result = outcome(raw);
        if (result.ok) return;
        expect(result.error.problems.length).toBeGreaterThan(0);
        for (const problem of result.error.problems) {
          const field = problem.split(" ")[0] as SettingKey;
          expect(SETTING_KEYS).toContain(field);
          expect(Object.hasOwn(raw, field)).toBe(true);
        }
        expect(result.error.message).toMatch(/Fix them under Settings › Plugins › Stash2Plex/);
      }),
      { numRuns: 2000 },
    );
  });

  it("never echoes the Plex token, whatever it is set to and whatever else is wrong", () => {
    fc.assert(
      fc.property(settingsMap, fc.string({ minLength: 1 }), (raw, token) => {
        const result = outcome({ ...raw, plex_token: `${token}${TOKEN}` });
        if (!result.ok) expect(result.error.message).not.toContain(TOKEN);
      }),
      { numRuns: 500 },
    );
  });

  it("a token pasted into any other field is never echoed back (with or without plex_token set)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SETTING_KEYS),
        fc.boolean(),
        fc.string({ maxLength: 5 }),
        (key, withToken, pad) => {
          const raw: Record<string, unknown> = { [key]: `${pad}${TOKEN}` };
          if (withToken && key !== "plex_token") raw.plex_token = TOKEN;
          const result = outcome(raw);
          if (!result.ok) expect(result.error.message).not.toContain(TOKEN.slice(0, 16));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("the values a correct setup stores always parse, to the same values", () => {
    const valid = fc.record(
      {
        plex_url: fc.constantFrom("http://127.0.0.1:32400", "https://plex.example.com"),
        max_retries: fc.integer({ min: 1, max: 20 }),
        poll_interval: fc.double({ min: 0.5, max: 3600, noNaN: true }),
        strict_matching: fc.boolean(),
        reconcile_interval: fc.constantFrom("never", "hourly", "daily", "weekly"),
        max_tags: fc.integer({ min: 10, max: 500 }),
        path_map: fc.string().map((s) => s.trim()),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(valid, (raw) => {
        const parsed = parseSettings(raw);
        for (const [key, value] of Object.entries(raw)) {
          const expected = key === "path_map" && value === "" ? undefined : value;
          expect(parsed[key as SettingKey]).toEqual(expected);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("lenient spellings users type map to the intended value", () => {
    expect(
      parseSettings({ enabled: "YES", max_retries: " 7 ", reconcile_interval: " Daily " }),
    ).toMatchObject({
      enabled: true,
      max_retries: 7,
      reconcile_interval: "daily",
    });
    expect(parseSettings({ reconcile_interval: "", reconcile_scope: " " })).toMatchObject({
      reconcile_interval: DEFAULT_SETTINGS.reconcile_interval,
      reconcile_scope: DEFAULT_SETTINGS.reconcile_scope,
    });
  });

  it.each([
    ["max_retries", Number.NaN],
    ["max_retries", Number.POSITIVE_INFINITY],
    ["max_retries", 2.5],
    ["poll_interval", 0.1],
    ["connect_timeout", "5s"],
    ["max_tags", "1e3"],
    ["enabled", "maybe"],
    ["plex_url", "ftp://x"],
    ["plex_url", 32400],
    ["path_map", { a: 1 }],
    ["reconcile_scope", ["all"]],
  ])("%s = %j is refused, naming the field", (key, value) => {
    const result = outcome({ [key]: value });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.problems[0]).toMatch(new RegExp(`^${key} `));
  });

  it("a map that is not an object (null, array, string, number) gives the defaults or a SettingsError", () => {
    for (const raw of [null, undefined, [], ["x"], "enabled=true", 42, true]) {
      const result = outcome(raw);
      if (result.ok) expect(parseSettings(raw)).toEqual(DEFAULT_SETTINGS);
    }
  });
});
