// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { QueueSummary } from "../../plugin/ops/contracts";
import type { StashApi } from "../../ui/api/client";
import { noCache } from "../../ui/lib/cache";
import { createSummaryFeed, type SummaryState } from "../../ui/lib/queue-summary";
import { queueSummary } from "../fakes/stash/canned-answers";

const NOW = Date.UTC(2026, 11, 3, 8, 0, 0);

function fakeApi(): { api: StashApi; calls: () => number } {
  let calls = 0;
  const api = {
    runOperation: async () => {
      calls += 1;
      return queueSummary(Date.now()) as QueueSummary;
    },
  } as unknown as StashApi;
  return { api, calls: () => calls };
}

function setVisibility(state: "visible" | "hidden"): void {
  Object.defineProperty(document, "visibilityState", { configurable: true, get: () => state });
  document.dispatchEvent(new Event("visibilitychange"));
}

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
  setVisibility("visible");
});

afterEach(() => {
  vi.useRealTimers();
});

describe("shared queue summary feed", () => {
  it("asks once for any number of views and polls at the shortest wish", async () => {
    const { api, calls } = fakeApi();
    const feed = createSummaryFeed({ api, cache: noCache, now: () => Date.now(), doc: document });
    const seen: SummaryState[] = [];
    const offA = feed.subscribe(30_000, (s) => seen.push(s));
    const offB = feed.subscribe(30_000, () => {});
    await vi.advanceTimersByTimeAsync(10);
    expect(calls()).toBe(1);
    expect(seen.at(-1)?.value?.counts.pending).toBe(3);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(calls()).toBe(2);
    const offC = feed.subscribe(10_000, () => {}); // a fresh answer is shared, not asked again
    await vi.advanceTimersByTimeAsync(10);
    expect(calls()).toBe(2);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls()).toBe(3);
    offC();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls()).toBe(3);
    offA();
    offB();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(calls()).toBe(3);
  });

  it("stops while the page is hidden and asks at once when it shows again", async () => {
    const { api, calls } = fakeApi();
    const feed = createSummaryFeed({ api, cache: noCache, now: () => Date.now(), doc: document });
    feed.subscribe(30_000, () => {});
    await vi.advanceTimersByTimeAsync(10);
    setVisibility("hidden");
    await vi.advanceTimersByTimeAsync(300_000);
    expect(calls()).toBe(1);
    setVisibility("visible");
    await vi.advanceTimersByTimeAsync(10);
    expect(calls()).toBe(2);
  });

  it("shares a request already on its way", async () => {
    const { api, calls } = fakeApi();
    const feed = createSummaryFeed({ api, cache: noCache, now: () => Date.now(), doc: document });
    feed.subscribe(0, () => {});
    await Promise.all([feed.refresh(), feed.refresh()]);
    expect(calls()).toBe(1);
  });
});
