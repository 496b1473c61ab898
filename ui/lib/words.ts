import type { JobState } from "../../plugin/ops/contracts";
import type { ErrorClass } from "../../plugin/queue/failure-table";
import { untilWords } from "./stash-dates";

/** Counts say what they count: one implementation for the plugin's messages and the UI's. */
export { countOf } from "../../plugin/core/count-of";

/*
 * The one place that turns a job into words a Stash user understands: the scene tab, the queue page and the
 * navbar tooltip all read these, so no line contradicts another. Error classes never appear as codes; the raw
 * message (HTTP paths, errno codes) is returned separately as `details`, for a disclosure only.
 */

/** A job as the operations report it (scene.status's `job`, queue.list's jobs). */
export interface JobFacts {
  state: JobState;
  attempts: number;
  nextAttemptAt: number | null;
  error: { class: string; message: string } | null;
}

export interface WordsContext {
  now: number;
  /** From `stashLocale(...)`, for times further away than an hour. */
  locale: string;
  /** True when the whole queue is paused (e.g. the token was rejected). */
  queuePaused?: boolean;
}

/** The one action that fixes a job, when there is one; a view may offer it as its main button. */
export type JobFix = "pin" | "sync" | "retry" | "settings" | "paths";

export type Tone = "info" | "primary" | "warning" | "danger" | "secondary";

export interface JobWords {
  /** A badge or tab label: "Queued", "Syncing", "Will retry", "Not synced". */
  label: string;
  tone: Tone;
  /** What is happening, and when the next thing happens. One or two sentences. */
  sentence: string;
  /** What the user can do; null when nothing is needed. */
  nextStep: string | null;
  fix: JobFix | null;
  /** Internals for a "details" disclosure (raw message and error class); null when there are none. */
  details: string | null;
}

type ClassGroup = "outage" | "transient" | "not_found" | "auth" | "permanent";

/** [short label for filters and badges, the cause as a sentence fragment, how the queue treats it]. */
type ClassWords = readonly [label: string, cause: string, group: ClassGroup];

/** Every class of the failure table has words; the type makes a new class without words a compile error. */
export const ERROR_CLASS_WORDS: Record<ErrorClass, ClassWords> = {
  server_down: ["Plex unreachable", "Plex cannot be reached", "outage"],
  maintenance: ["Plex busy", "Plex is busy (starting up or under maintenance)", "outage"],
  timeout: ["Plex too slow", "Plex took too long to answer", "transient"],
  rate_limited: ["Plex asked to slow down", "Plex asked to slow down", "transient"],
  server_error: ["Plex error", "Plex answered with an error", "transient"],
  bad_response: ["Unreadable Plex answer", "Plex sent an answer Stash2Plex could not read", "transient"],
  stash_error: ["Stash unreachable", "Stash could not be read", "transient"],
  not_found: ["Not in Plex", "Plex has no item for this scene's file", "not_found"],
  auth: ["Token rejected", "Plex rejected the token", "auth"],
  ambiguous: ["Several Plex matches", "several Plex items could hold this file", "permanent"],
  bad_request: ["Refused by Plex", "Plex refused the change", "permanent"],
  no_file: ["Scene has no file", "the scene has no file, so Plex cannot have it", "permanent"],
  bad_payload: [
    "Outdated queue entry",
    "this queue entry was written by another version and cannot run",
    "permanent",
  ],
  internal: ["Unexpected error", "Stash2Plex hit an unexpected error", "permanent"],
};

const UNKNOWN_CLASS: ClassWords = ["Other error", "something went wrong", "permanent"];

function wordsOf(errorClass: string): ClassWords {
  return Object.hasOwn(ERROR_CLASS_WORDS, errorClass)
    ? ERROR_CLASS_WORDS[errorClass as ErrorClass]
    : UNKNOWN_CLASS;
}

/** A human label for an error class, for filters and lists ("Plex unreachable", never "server_down"). */
export function errorClassLabel(errorClass: string): string {
  return wordsOf(errorClass)[0];
}

/** Labels of the job states, for tabs and badges. */
export const JOB_STATE_LABELS: Record<JobState, string> = {
  pending: "Queued",
  running: "Syncing",
  retrying: "Will retry",
  dead: "Not synced",
};

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function tries(attempts: number): string {
  return attempts === 1 ? "once" : `${attempts} times`;
}

function detailsOf(error: JobFacts["error"]): string | null {
  if (!error) return null;
  return `${error.message} (error class: ${error.class})`;
}

const PIN_STEP = "Pin the right Plex item on the scene's Plex tab; the scene syncs right after.";
const PATHS_STEP =
  "If Plex has already scanned the file, check the path map in the plugin settings; otherwise scan the library in Plex.";
const TOKEN_STEP =
  "Enter a new Plex token under Settings › Plugins › Stash2Plex; the queue resumes by itself.";
const OUTAGE_STEP = "Nothing to do if Plex comes back; otherwise check that Plex is running.";

/** The words for a job in any state. Pure: the same facts and clock give the same words. */
export function describeJob(job: JobFacts, ctx: WordsContext): JobWords {
  const when = untilWords(job.nextAttemptAt, ctx.now, ctx.locale);
  const details = detailsOf(job.error);
  switch (job.state) {
    case "pending":
      return {
        label: JOB_STATE_LABELS.pending,
        tone: "info",
        sentence: ctx.queuePaused
          ? "Queued; the queue is paused, so it waits until the queue resumes."
          : `Queued; syncs ${when}.`,
        nextStep: null,
        fix: null,
        details,
      };
    case "running":
      return {
        label: JOB_STATE_LABELS.running,
        tone: "primary",
        sentence: "Syncing with Plex now…",
        nextStep: null,
        fix: null,
        details: null,
      };
    case "retrying":
      return retryingWords(job, when, details);
    case "dead":
      return deadWords(job, details);
  }
}

function retryingWords(job: JobFacts, when: string, details: string | null): JobWords {
  const base = {
    label: JOB_STATE_LABELS.retrying,
    tone: "warning" as const,
    details,
    nextStep: null,
    fix: null,
  };
  if (!job.error) return { ...base, sentence: `Will try again ${when}.` };
  const [, cause, group] = wordsOf(job.error.class);
  const Cause = capital(cause);
  switch (group) {
    case "outage":
      return {
        ...base,
        sentence: `${Cause}; trying again ${when}. Waiting for Plex uses up no attempts.`,
        nextStep: OUTAGE_STEP,
      };
    case "transient":
      return {
        ...base,
        sentence: `${Cause}${job.attempts > 0 ? ` (tried ${tries(job.attempts)})` : ""}; trying again ${when}.`,
      };
    case "not_found":
      return {
        ...base,
        sentence: `${Cause} yet; looking again ${when}.`,
        nextStep: PATHS_STEP,
        fix: "paths",
      };
    case "auth":
      return {
        ...base,
        tone: "danger",
        sentence: `${Cause}, so the queue is paused.`,
        nextStep: TOKEN_STEP,
        fix: "settings",
      };
    case "permanent":
      return deadWords(job, details);
  }
}

/** Per class of a dead job: the next step and the fix, when they differ from "try again". */
const DEAD_STEPS: Partial<Record<ErrorClass, [step: string, fix: JobFix]>> = {
  ambiguous: [PIN_STEP, "pin"],
  no_file: ["Nothing to do unless the scene gets a file; then Sync now.", "sync"],
  not_found: [PATHS_STEP, "paths"],
  auth: [TOKEN_STEP, "settings"],
  bad_payload: ["Sync now to queue the scene again.", "sync"],
  internal: ["Try again; if it happens again, report it with the details below.", "retry"],
};

function deadWords(job: JobFacts, details: string | null): JobWords {
  const cls = job.error?.class ?? "";
  const [, cause, group] = wordsOf(cls);
  const [nextStep, fix]: [string, JobFix] = job.error
    ? (DEAD_STEPS[cls as ErrorClass] ?? [
        group === "permanent"
          ? "Look at the details below; try again once the cause is fixed."
          : "Try again once Plex is fine again.",
        "retry",
      ])
    : ["Sync now to try again.", "sync"];
  // Permanent failures die at once: "gave up after trying" only fits the ones that were retried.
  const gaveUp =
    job.attempts > 0 && group !== "permanent" ? ` Gave up after trying ${tries(job.attempts)}.` : "";
  return {
    label: JOB_STATE_LABELS.dead,
    tone: cls === "ambiguous" ? "warning" : cls === "no_file" ? "secondary" : "danger",
    sentence: job.error ? `Not synced: ${cause}.${gaveUp}` : "Not synced.",
    nextStep,
    fix,
    details,
  };
}
