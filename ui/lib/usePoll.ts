import { useEffect, useRef } from "preact/hooks";

/**
 * Calls `tick` every `intervalMs`, but only while the page is visible: a hidden tab stops polling, and becoming
 * visible again ticks at once and restarts the timer. Everything is released on unmount. `tick` must handle its
 * own errors. `intervalMs <= 0` turns polling off.
 */
export function usePoll(tick: () => void, intervalMs: number, doc: Document = document): void {
  const latest = useRef(tick);
  latest.current = tick;
  useEffect(() => {
    if (intervalMs <= 0) return undefined;
    let timer: ReturnType<typeof setInterval> | undefined;
    const start = () => {
      timer ??= setInterval(() => latest.current(), intervalMs);
    };
    const stop = () => {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
    };
    const onVisibility = () => {
      if (doc.visibilityState === "visible") {
        latest.current();
        start();
      } else {
        stop();
      }
    };
    if (doc.visibilityState === "visible") start();
    doc.addEventListener("visibilitychange", onVisibility);
    return () => {
      stop();
      doc.removeEventListener("visibilitychange", onVisibility);
    };
  }, [intervalMs, doc]);
}
