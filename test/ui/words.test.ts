import { describe, expect, it } from "vitest";
import { JOB_STATES } from "../../plugin/ops/contracts";
import { ERROR_CLASSES } from "../../plugin/queue/failure-table";
import {
  formatStashDate,
  formatStashDateTime,
  sinceWords,
  stashLocale,
  untilWords,
} from "../../ui/lib/stash-dates";
import {
  countOf,
  describeJob,
  ERROR_CLASS_WORDS,
  errorClassLabel,
  JOB_STATE_LABELS,
  type JobFacts,
} from "../../ui/lib/words";

const NOW = Date.UTC(2026, 11, 3, 7, 29, 25);
const ctx = { now: NOW, locale: "en-GB" };
const SNAKE_OR_BRACKET = /\b[a-z]+_[a-z_]+\b|\[[^\]]*\]/;

function visibleText(job: JobFacts, paused = false): string {
  const words = describeJob(job, { ...ctx, queuePaused: paused });
  return [words.label, words.sentence, words.nextStep ?? ""].join(" ");
}

const RAW = "Plex GET /library/sections (ECONNREFUSED) [server_down]";

describe("describeJob: every state × every error class", () => {
  const cases: JobFacts[] = [];
  for (const state of JOB_STATES) {
    for (const attempts of [0, 1, 4]) {
      for (const nextAttemptAt of [
        null,
        NOW - 7_000,
        NOW,
        NOW + 4_000,
        NOW + 30 * 60_000,
        NOW + 2 * 86_400_000,
      ]) {
        cases.push({ state, attempts, nextAttemptAt, error: null });
        for (const cls of [...ERROR_CLASSES, "from_a_newer_version"]) {
          cases.push({ state, attempts, nextAttemptAt, error: { class: cls, message: `${cls}: ${RAW}` } });
        }
      }
    }
  }

  it("never shows a code, a bracketed class, or the raw message outside the details", () => {
    for (const job of cases) {
      const text = visibleText(job);
      expect(text, JSON.stringify(job)).not.toMatch(SNAKE_OR_BRACKET);
      expect(text).not.toContain("ECONNREFUSED");
      expect(text).not.toContain("/library/");
    }
  });

  it("never contradicts itself: no '0 attempts', no overdue 'ago' or 'just now' for a next attempt", () => {
    for (const job of cases) {
      const text = visibleText(job);
      expect(text, JSON.stringify(job)).not.toMatch(/\b0 (attempts|times)\b/);
      expect(text).not.toMatch(/\bago\b|just now/);
      expect(text).not.toMatch(/Failed/);
    }
  });

  it("keeps the internals for the details disclosure", () => {
    const words = describeJob(
      {
        state: "retrying",
        attempts: 0,
        nextAttemptAt: NOW + 4_000,
        error: { class: "server_down", message: RAW },
      },
      ctx,
    );
    expect(words.details).toContain("ECONNREFUSED");
    expect(words.details).toContain("server_down");
    expect(
      describeJob({ state: "running", attempts: 1, nextAttemptAt: null, error: null }, ctx).details,
    ).toBeNull();
  });

  it("says the state in the label and the tone", () => {
    for (const state of JOB_STATES) {
      expect(describeJob({ state, attempts: 1, nextAttemptAt: null, error: null }, ctx).label).toBe(
        JOB_STATE_LABELS[state],
      );
    }
    expect(
      describeJob({ state: "running", attempts: 1, nextAttemptAt: null, error: null }, ctx).sentence,
    ).toBe("Syncing with Plex now…");
  });
});

describe("describeJob: the next step fits the cause", () => {
  const job = (state: JobFacts["state"], cls: string, attempts = 3): JobFacts => ({
    state,
    attempts,
    nextAttemptAt: NOW + 4_000,
    error: { class: cls, message: "x" },
  });

  it("ambiguous → Pin is the fix, never 'fix the cause, then Sync now'", () => {
    const words = describeJob(job("dead", "ambiguous"), ctx);
    expect(words.fix).toBe("pin");
    expect(words.nextStep).toMatch(/Pin/);
    expect(words.sentence).toBe("Not synced: several Plex items could hold this file.");
  });

  it("Plex down → wait, with when, and no attempt count (waiting spends none)", () => {
    const words = describeJob(job("retrying", "server_down", 0), ctx);
    expect(words.sentence).toBe(
      "Plex cannot be reached; trying again in 4 s. Waiting for Plex uses up no attempts.",
    );
    expect(words.fix).toBeNull();
  });

  it("transient failures count tries only when there were some", () => {
    expect(describeJob(job("retrying", "timeout", 2), ctx).sentence).toBe(
      "Plex took too long to answer (tried 2 times); trying again in 4 s.",
    );
    expect(describeJob(job("retrying", "timeout", 1), ctx).sentence).toContain("(tried once)");
    expect(describeJob(job("retrying", "timeout", 0), ctx).sentence).not.toContain("tried");
  });

  it("an overdue next attempt reads 'in a moment'", () => {
    const words = describeJob({ ...job("retrying", "timeout", 1), nextAttemptAt: NOW - 7_000 }, ctx);
    expect(words.sentence).toContain("trying again in a moment");
  });

  it("not found → check the path map; token rejected → settings; our bug → details", () => {
    expect(describeJob(job("retrying", "not_found"), ctx).fix).toBe("paths");
    expect(describeJob(job("dead", "not_found", 12), ctx).sentence).toBe(
      "Not synced: Plex has no item for this scene's file. Gave up after trying 12 times.",
    );
    const auth = describeJob(job("retrying", "auth", 0), ctx);
    expect(auth.fix).toBe("settings");
    expect(auth.sentence).toBe("Plex rejected the token, so the queue is paused.");
    expect(describeJob(job("dead", "internal", 1), ctx).nextStep).toMatch(/details/);
    expect(describeJob(job("dead", "no_file", 0), ctx).fix).toBe("sync");
  });

  it("a queued job in a paused queue says it waits for the queue", () => {
    const words = describeJob(
      { state: "pending", attempts: 0, nextAttemptAt: null, error: null },
      { ...ctx, queuePaused: true },
    );
    expect(words.sentence).toMatch(/paused/);
  });
});

describe("error class labels", () => {
  it("gives every class a human label (also for filters), and one for unknown classes", () => {
    for (const cls of ERROR_CLASSES) {
      const label = errorClassLabel(cls);
      expect(label).toBe(ERROR_CLASS_WORDS[cls][0]);
      expect(label).not.toMatch(SNAKE_OR_BRACKET);
      expect(label.length).toBeGreaterThan(3);
    }
    expect(errorClassLabel("something_new")).toBe("Other error");
    expect(new Set(ERROR_CLASSES.map(errorClassLabel)).size).toBe(ERROR_CLASSES.length);
  });

  it("counts say what they count", () => {
    expect(countOf(1, "scene")).toBe("1 scene");
    expect(countOf(8, "scene")).toBe("8 scenes");
    expect(countOf(12_345, "scene")).toBe("12,345 scenes");
  });
});

describe("Stash dates", () => {
  const at = Date.UTC(2026, 11, 3, 7, 29, 25);
  it("maps Stash's language to an Intl locale, defaulting to en-GB", () => {
    expect(stashLocale(null)).toBe("en-GB");
    expect(stashLocale("")).toBe("en-GB");
    expect(stashLocale("de-DE")).toBe("de-DE");
    expect(stashLocale("nn-NO")).toBe("nb-NO");
    expect(stashLocale("not a locale!!")).toBe("en-GB");
  });

  it("formats like Stash: long date, then short time", () => {
    const tz = (locale: string, opts: Intl.DateTimeFormatOptions) =>
      new Intl.DateTimeFormat(locale, opts).format(at);
    expect(formatStashDate(at, "en-GB")).toBe(
      tz("en-GB", { year: "numeric", month: "long", day: "numeric" }),
    );
    expect(formatStashDate(at, "en-GB")).toMatch(/^\d{1,2} December 2026$/);
    expect(formatStashDate(at, "en-US")).toMatch(/^December \d{1,2}, 2026$/);
    expect(formatStashDate(at, "de-DE")).toMatch(/^\d{1,2}\. Dezember 2026$/);
    expect(formatStashDateTime(at, "en-GB")).toBe(
      `${formatStashDate(at, "en-GB")} ${tz("en-GB", { hour: "numeric", minute: "numeric" })}`,
    );
    expect(formatStashDateTime(at, "en-GB")).not.toMatch(/\d\/\d/);
  });

  it("says past times without a future and future times without a past", () => {
    expect(sinceWords(at, at + 3_000, "en-GB")).toBe("just now");
    expect(sinceWords(at + 2_000, at, "en-GB")).toBe("just now");
    expect(sinceWords(at, at + 40_000, "en-GB")).toBe("40 s ago");
    expect(sinceWords(at, at + 5 * 60_000, "en-GB")).toBe("5 min ago");
    expect(sinceWords(at, at + 3 * 3_600_000, "en-GB")).toBe("3 h ago");
    expect(sinceWords(at, at + 3 * 86_400_000, "en-GB")).toBe(`on ${formatStashDateTime(at, "en-GB")}`);
    expect(untilWords(null, at, "en-GB")).toBe("shortly");
    expect(untilWords(at - 7_000, at, "en-GB")).toBe("in a moment");
    expect(untilWords(at + 4_000, at, "en-GB")).toBe("in 4 s");
    expect(untilWords(at + 5 * 60_000, at, "en-GB")).toBe("in 5 min");
    expect(untilWords(at + 3 * 86_400_000, at, "en-GB")).toMatch(/^on \d{1,2} December 2026 /);
  });
});
