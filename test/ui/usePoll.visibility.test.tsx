// @vitest-environment happy-dom
import { cleanup, render } from "@testing-library/preact";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { usePoll } from "../../ui/lib/usePoll";

function Poller({ tick, ms }: { tick: () => void; ms: number }) {
  usePoll(tick, ms);
  return null;
}

let visibility: DocumentVisibilityState = "visible";
function setVisibility(state: DocumentVisibilityState) {
  visibility = state;
  document.dispatchEvent(new Event("visibilitychange"));
}

beforeEach(() => {
  vi.useFakeTimers();
  visibility = "visible";
  vi.spyOn(document, "visibilityState", "get").mockImplementation(() => visibility);
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("usePoll", () => {
  it("ticks on its interval only while the page is visible, and at once when it becomes visible", () => {
    const tick = vi.fn();
    render(<Poller tick={tick} ms={1000} />);
    vi.advanceTimersByTime(3000);
    expect(tick).toHaveBeenCalledTimes(3);
    setVisibility("hidden");
    vi.advanceTimersByTime(10_000);
    expect(tick).toHaveBeenCalledTimes(3);
    setVisibility("visible");
    expect(tick).toHaveBeenCalledTimes(4);
    vi.advanceTimersByTime(1000);
    expect(tick).toHaveBeenCalledTimes(5);
  });

  it("stops and removes its listener on unmount", () => {
    const tick = vi.fn();
    const removed = vi.spyOn(document, "removeEventListener");
    const { unmount } = render(<Poller tick={tick} ms={1000} />);
    unmount();
    vi.advanceTimersByTime(5000);
    setVisibility("visible");
    expect(tick).not.toHaveBeenCalled();
    expect(removed).toHaveBeenCalledWith("visibilitychange", expect.any(Function));
    expect(vi.getTimerCount()).toBe(0);
  });

  it("does not start when the page is hidden, and never with a zero interval", () => {
    const tick = vi.fn();
    visibility = "hidden";
    render(<Poller tick={tick} ms={1000} />);
    vi.advanceTimersByTime(5000);
    expect(tick).not.toHaveBeenCalled();
    cleanup();
    visibility = "visible";
    render(<Poller tick={tick} ms={0} />);
    vi.advanceTimersByTime(5000);
    expect(vi.getTimerCount()).toBe(0);
  });
});
