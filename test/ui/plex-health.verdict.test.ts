import { describe, expect, it } from "vitest";
import { plexVerdict } from "../../ui/lib/plex-health";
import { queueSummary } from "../fakes/stash/canned-answers";

const NOW = Date.UTC(2026, 11, 3, 8, 0, 0);

function summary(breaker: "closed" | "open" | "half_open", ok: boolean | null) {
  const s = queueSummary(NOW);
  s.breaker = { state: breaker, openedAt: breaker === "closed" ? null : NOW - 5 * 60_000, failures: 0 };
  s.health = { lastCheckAt: ok === null ? null : NOW - 20_000, ok, latencyMs: ok ? 12 : null };
  return s;
}

describe("plexVerdict", () => {
  it("gives one verdict per breaker and health combination, never 'reachable' beside 'not checked'", () => {
    const cases = [
      ["open", false, "down", true],
      ["open", null, "down", true],
      ["half_open", true, "testing", false],
      ["closed", false, "unsteady", true],
      ["closed", true, "up", false],
      ["closed", null, "unchecked", false],
    ] as const;
    for (const [breaker, ok, condition, waiting] of cases) {
      const verdict = plexVerdict(summary(breaker, ok), NOW, "en-GB");
      expect({ breaker, ok, condition: verdict.condition, waiting: verdict.waiting }).toEqual({
        breaker,
        ok,
        condition,
        waiting,
      });
      const text = `${verdict.label} ${verdict.sentence}`;
      if (verdict.condition === "up") expect(text).toContain("answered in 12 ms (checked 20 s ago)");
      else expect(text).not.toMatch(/answered in/);
      expect(text).not.toMatch(/Not checked|\b[a-z]+_[a-z]+\b/);
    }
  });

  it("says how long Plex has been down", () => {
    expect(plexVerdict(summary("open", false), NOW, "en-GB").sentence).toContain("for 5 min");
    const old = summary("open", false);
    old.breaker.openedAt = NOW - 3 * 86_400_000;
    expect(plexVerdict(old, NOW, "en-GB").sentence).toMatch(/since \d+ November 2026 \d{2}:\d{2}/);
  });
});
