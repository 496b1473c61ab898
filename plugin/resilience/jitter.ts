import type { JitterOptions } from "../core/full-jitter.js";

/** The original plugin's health-probe backoff (full jitter, base 5 s, cap 60 s), never under 1 s. */
export const PROBE_BACKOFF: Required<JitterOptions> = { baseMs: 5_000, capMs: 60_000, floorMs: 1_000 };
