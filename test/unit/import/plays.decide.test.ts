import { describe, expect, it } from "vitest";
import {
  chunkPlays,
  decidePlays,
  epochSecondsOf,
  historySince,
  LOOKBACK_SECONDS,
  type PlayTarget,
  playKey,
  resolvePending,
  timestampOf,
} from "../../../plugin/import-rules/plays.js";

const scene = (sceneId: string): PlayTarget => ({ kind: "scene", sceneId });
const play = (key: string, ratingKey: string, viewedAt: number) => ({
  key,
  ratingKey,
  viewedAt,
  accountId: "1",
});

describe("decidePlays", () => {
  it("sends unseen plays of matched items in viewedAt order, counts the rest", () => {
    const targets: Record<string, PlayTarget> = {
      "10": scene("1"),
      "11": { kind: "unmatched" },
      "12": { kind: "ambiguous", sceneIds: ["2", "3"] },
    };
    const decision = decidePlays(
      [
        play("c", "10", 300),
        play("a", "10", 100),
        play("b", "11", 200),
        play("d", "12", 50),
        play("e", "10", 400),
      ],
      (key) => key === "e",
      (rk) => targets[rk] ?? { kind: "unmatched" },
    );
    expect(decision.send).toEqual([
      { key: "a", sceneId: "1", viewedAt: 100 },
      { key: "c", sceneId: "1", viewedAt: 300 },
    ]);
    expect(decision).toMatchObject({ alreadyImported: 1, unmatched: 1, ambiguous: 1 });
  });

  it("a row repeated by a page shift is counted once", () => {
    const decision = decidePlays(
      [play("a", "10", 1), play("a", "10", 1)],
      () => false,
      () => scene("1"),
    );
    expect(decision.send).toHaveLength(1);
  });

  it("play keys: Plex's historyKey, else item + time + account", () => {
    expect(
      playKey({ historyKey: "/status/sessions/history/9", ratingKey: "1", viewedAt: 5, accountId: "1" }),
    ).toBe("h:/status/sessions/history/9");
    expect(playKey({ ratingKey: "1", viewedAt: 5, accountId: null })).toBe("p:1:5:-");
  });
});

describe("history window and chunks", () => {
  it("reads everything the first time, then from the high-water mark minus the look-back (Plex's clock)", () => {
    expect(historySince(null)).toBeNull();
    expect(historySince(1_000_000_000)).toBe(1_000_000_000 - LOOKBACK_SECONDS);
    expect(historySince(5)).toBe(0);
  });

  it("chunks never split plays of the same second", () => {
    const plays = [1, 2, 2, 2, 3, 4].map((t, i) => ({ key: String(i), sceneId: "1", viewedAt: t }));
    expect(chunkPlays(plays, 2).map((c) => c.map((p) => p.viewedAt))).toEqual([
      [1, 2, 2, 2],
      [3, 4],
    ]);
  });
});

describe("resolvePending (a run died between recording and confirming)", () => {
  const intent = (key: string, sceneId: string, viewedAt: number) => ({ key, sceneId, viewedAt });

  it("confirms what Stash's play_history holds, resends the rest, drops scenes that are gone", () => {
    const result = resolvePending(
      [intent("a", "1", 100), intent("b", "1", 100), intent("c", "1", 200), intent("d", "2", 300)],
      new Map<string, number[] | null>([
        ["1", [100, 50]],
        ["2", null],
      ]),
    );
    expect(result.confirmed).toEqual(["a"]);
    expect(result.resend.map((p) => p.key)).toEqual(["b", "c"]);
    expect(result.dropped).toEqual(["d"]);
  });

  it("round-trips Stash timestamps in any offset to epoch seconds", () => {
    expect(timestampOf(1_717_243_200)).toBe("2024-06-01T12:00:00Z");
    expect(epochSecondsOf(["2024-06-01T14:00:00+02:00", "garbage"])).toEqual([1_717_243_200]);
  });
});
