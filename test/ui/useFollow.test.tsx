// @vitest-environment happy-dom
import { act, cleanup, render } from "@testing-library/preact";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { noCache } from "../../ui/lib/cache";
import { DepsContext, type UiDeps } from "../../ui/lib/deps";
import { useCachedAnswer } from "../../ui/lib/useCachedAnswer";
import { type Follow, useFollow } from "../../ui/lib/useFollow";

interface Answer {
  job: "queued" | "running" | null;
  lastSyncAt: number;
}

let server: Answer;
let loads: number;
let visibility: DocumentVisibilityState;
let follow: Follow;

function Followed({ active = true, normalMs = 15_000 }: { active?: boolean; normalMs?: number }) {
  const view = useCachedAnswer("k", async () => {
    loads += 1;
    return { ...server };
  });
  const baseline = view.value?.lastSyncAt ?? 0;
  follow = useFollow<Answer>({
    view,
    isPending: (v) => v.job !== null,
    isSettled: (v) => v.lastSyncAt > baseline,
    normalMs,
    active,
    now: () => Date.now(),
  });
  return <p>{follow.awaitingPickup ? "queued (from the action)" : (view.value?.job ?? "idle")}</p>;
}

const deps = { cache: noCache, now: () => Date.now() } as unknown as UiDeps;
function mount(props: { active?: boolean; normalMs?: number } = {}) {
  return render(
    <DepsContext.Provider value={deps}>
      <Followed {...props} />
    </DepsContext.Provider>,
  );
}

function setVisibility(state: DocumentVisibilityState) {
  visibility = state;
  document.dispatchEvent(new Event("visibilitychange"));
}

/** Lets `ms` pass in 50 ms steps: Preact's `act` runs effects only when each step's scope ends. */
async function pass(ms: number) {
  let left = ms;
  do {
    const step = Math.min(left, 50);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(step);
    });
    left -= step;
  } while (left > 0);
}

beforeEach(() => {
  vi.useFakeTimers();
  server = { job: null, lastSyncAt: 100 };
  loads = 0;
  visibility = "visible";
  vi.spyOn(document, "visibilityState", "get").mockImplementation(() => visibility);
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("useFollow", () => {
  it("does not poll when nothing is pending and nothing is followed", async () => {
    mount();
    await pass(0);
    expect(loads).toBe(1);
    await pass(120_000);
    expect(loads).toBe(1);
  });

  it("after an action: shows it as queued at once, polls about every second, and stops once settled", async () => {
    const view = mount();
    await pass(0);
    act(() => follow.follow());
    expect(view.container.textContent).toBe("queued (from the action)");
    // The store has not seen the action yet: the answer still says idle, the view keeps the action's state.
    await pass(1_000);
    expect(loads).toBe(2);
    expect(view.container.textContent).toBe("queued (from the action)");
    server.job = "running";
    await pass(1_250);
    expect(loads).toBe(3);
    expect(view.container.textContent).toBe("running");
    expect(follow.following).toBe(true);
    server = { job: null, lastSyncAt: 200 };
    await pass(1_600);
    expect(loads).toBe(4);
    expect(view.container.textContent).toBe("idle");
    expect(follow.following).toBe(false);
    await pass(60_000);
    expect(loads).toBe(4);
  });

  it("backs off from 1 s to at most 2 s, then gives up following after a minute", async () => {
    mount();
    await pass(0);
    act(() => follow.follow());
    const times: number[] = [];
    const start = Date.now();
    let seen = loads;
    while (Date.now() - start < 70_000) {
      await pass(10);
      if (loads !== seen) {
        seen = loads;
        times.push(Date.now() - start);
      }
    }
    const gaps = times.map((t, i) => t - (times[i - 1] ?? 0));
    expect(gaps[0]).toBe(1_000);
    expect(gaps[1]).toBeGreaterThan(gaps[0] ?? 0);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(2_050);
    expect(follow.following).toBe(false);
    const after = loads;
    await pass(60_000);
    expect(loads).toBe(after);
  });

  it("settles when a followed job went from pending to done even if no newer sync shows", async () => {
    mount();
    await pass(0);
    act(() => follow.follow());
    server.job = "queued";
    await pass(1_000);
    expect(follow.awaitingPickup).toBe(false);
    server.job = null;
    await pass(1_250);
    expect(follow.following).toBe(false);
  });

  it("polls at the normal interval while something is pending", async () => {
    server.job = "queued";
    mount({ normalMs: 15_000 });
    await pass(0);
    await pass(44_000);
    expect(loads).toBe(3);
  });

  it("never polls while the document is hidden, and reads once when it shows again", async () => {
    server.job = "queued";
    mount({ normalMs: 1_000 });
    await pass(0);
    setVisibility("hidden");
    await pass(0);
    const before = loads;
    await pass(30_000);
    expect(loads).toBe(before);
    setVisibility("visible");
    await pass(0);
    expect(loads).toBe(before + 1);
  });

  it("never polls while inactive (tab closed), and reads once when it becomes active", async () => {
    server.job = "queued";
    const view = mount({ active: false, normalMs: 1_000 });
    await pass(30_000);
    expect(loads).toBe(1);
    view.rerender(
      <DepsContext.Provider value={deps}>
        <Followed active normalMs={1_000} />
      </DepsContext.Provider>,
    );
    await pass(0);
    expect(loads).toBe(2);
  });
});
