import type { QueueSummary } from "../../plugin/ops/contracts";
import { sinceWords } from "./stash-dates";

/**
 * One verdict on Plex from the breaker and the last health check together, so the queue page's health line, its
 * progress bar and the navbar's red dot can never disagree ("Plex reachable" next to "Not checked yet").
 */
export type PlexCondition = "up" | "unchecked" | "unsteady" | "testing" | "down";

export interface PlexVerdict {
  condition: PlexCondition;
  /** Short, for a badge. */
  label: string;
  tone: "success" | "secondary" | "warning" | "danger";
  /** What it means for the queue, in one or two sentences. */
  sentence: string;
  /** True when jobs wait for Plex instead of being worked on (the navbar's red dot). */
  waiting: boolean;
}

export function plexVerdict(summary: QueueSummary, now: number, locale: string): PlexVerdict {
  const { breaker, health } = summary;
  const checked =
    health.lastCheckAt === null ? "" : ` (checked ${sinceWords(health.lastCheckAt, now, locale)})`;
  if (breaker.state === "open") {
    const since = breaker.openedAt === null ? "" : downFor(sinceWords(breaker.openedAt, now, locale));
    return {
      condition: "down",
      label: "Plex is down",
      tone: "danger",
      sentence: `Plex has not been answering${since}. Scenes wait for it without using up attempts.`,
      waiting: true,
    };
  }
  if (breaker.state === "half_open") {
    return {
      condition: "testing",
      label: "Plex is coming back",
      tone: "warning",
      sentence: "Plex answered again: a few scenes go first, then the rest.",
      waiting: false,
    };
  }
  if (health.ok === false) {
    return {
      condition: "unsteady",
      label: "Plex did not answer",
      tone: "warning",
      sentence: `Plex did not answer the last check${checked}; scenes are still tried.`,
      waiting: true,
    };
  }
  if (health.ok === true) {
    const latency = health.latencyMs === null ? "" : ` in ${Math.round(health.latencyMs)} ms`;
    return {
      condition: "up",
      label: "Plex is up",
      tone: "success",
      sentence: `Plex answered${latency}${checked}.`,
      waiting: false,
    };
  }
  return {
    condition: "unchecked",
    label: "No problems seen",
    tone: "secondary",
    sentence: "No call to Plex has failed yet.",
    waiting: false,
  };
}

/** "5 min ago" → " for 5 min"; "on 3 December 2026 07:29" → " since 3 December 2026 07:29". */
function downFor(since: string): string {
  if (since.startsWith("on ")) return ` since ${since.slice(3)}`;
  if (since === "just now") return "";
  return ` for ${since.replace(/ ago$/, "")}`;
}
