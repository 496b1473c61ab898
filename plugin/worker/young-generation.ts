import { getHeapSpaceStatistics, setFlagsFromString } from "node:v8";

/** Past this size the young generation stops growing (see below). */
export const YOUNG_GENERATION_CAP_BYTES = 8 * 1024 * 1024;

/**
 * Under a drain's steady allocation, V8 (Node 24) doubles the young generation up to 64 MB, which alone
 * costs a drainer ~80 MB of RSS while most of its time is spent waiting for Plex. Once new space has grown to
 * the cap, V8 is told to grow it no further (`--semi-space-growth-factor` is read at each growth, so setting
 * it at run time works; the size flags are read only at start-up). Started by every task and the drainer (a
 * task pages Stash and drains in the foreground); hooks and UI operations are too short to need it.
 */
export function capYoungGeneration(capBytes = YOUNG_GENERATION_CAP_BYTES): void {
  if (capping) return;
  capping = true;
  const timer = setInterval(() => {
    const newSpace = getHeapSpaceStatistics().find((space) => space.space_name === "new_space");
    if (!newSpace || newSpace.space_size < capBytes) return;
    setFlagsFromString("--semi-space-growth-factor=1");
    clearInterval(timer);
  }, 100);
  timer.unref();
}

let capping = false;

/**
 * A drain waits on Plex most of the time, so it trades V8's speed for a smaller heap (`--optimize-for-size`,
 * read at each heap-growth decision, so setting it at run time works). Drains and the tasks that mostly wait
 * call it; a reconcile is CPU-bound and runs markedly slower with it (docs/benchmarks.md).
 */
export function favorSmallHeap(): void {
  setFlagsFromString("--optimize-for-size");
}
