import type { JobState } from "../../plugin/ops/contracts";
import type { ErrorClass } from "../../plugin/queue/failure-table";
import { untilWords } from "./stash-dates";

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

interface ClassWords {
  /** Short, for filters and badges. */
  label: string;
  /** The cause as a sentence fragment (no full stop). */
  cause: string;
  group: ClassGroup;
}

/** Every class of the failure table has words; the type makes a new class without words a compile error. */
export const ERROR_CLASS_WORDS: Record<ErrorClass, ClassWords> = {
  server_down: { label: "Plex unreachable", cause: "Plex cannot be reached", group: "outage" },
  maintenance: {
    label: "Plex busy",
    cause: "Plex is busy (starting up or under maintenance)",
    group: "outage",
  },
  timeout: { label: "Plex too slow", cause: "Plex took too long to answer", group: "transient" },
  rate_limited: { label: "Plex asked to slow down", cause: "Plex asked to slow down", group: "transient" },
  server_error: { label: "Plex error", cause: "Plex answered with an error", group: "transient" },
  bad_response: {
    label: "Unreadable Plex answer",
    cause: "Plex sent an answer Stash2Plex could not read",
    group: "transient",
  },
  stash_error: { label: "Stash unreachable", cause: "Stash could not be read", group: "transient" },
  not_found: { label: "Not in Plex", cause: "Plex has no item for this scene's file", group: "not_found" },
  auth: { label: "Token rejected", cause: "Plex rejected the token", group: "auth" },
  ambiguous: {
    label: "Several Plex matches",
    cause: "several Plex items could hold this file",
    group: "permanent",
  },
  bad_request: { label: "Refused by Plex", cause: "Plex refused the change", group: "permanent" },
  no_file: { label: "Scene has no file", cause: "the scene has no file", group: "permanent" },
  bad_payload: {
    label: "Outdated queue entry",
    cause: "this queue entry was written by another version and cannot run",
    group: "permanent",
  },
  internal: { label: "Unexpected error", cause: "Stash2Plex hit an unexpected error", group: "permanent" },
};

const UNKNOWN_CLASS: ClassWords = { label: "Other error", cause: "something went wrong", group: "permanent" };

function wordsOf(errorClass: string): ClassWords {
  return Object.hasOwn(ERROR_CLASS_WORDS, errorClass)
    ? ERROR_CLASS_WORDS[errorClass as ErrorClass]
    : UNKNOWN_CLASS;
}

/** A human label for an error class, for filters and lists ("Plex unreachable", never "server_down"). */
export function errorClassLabel(errorClass: string): string {
  return wordsOf(errorClass).label;
}

/** Labels of the job states, for tabs and badges. */
export const JOB_STATE_LABELS: Record<JobState, string> = {
  pending: "Queued",
  running: "Syncing",
  retrying: "Will retry",
  dead: "Not synced",
};

/** "1 scene", "8 scenes": counts say what they count. */
export function countOf(n: number, noun: string, plural = `${noun}s`): string {
  return `${n.toLocaleString("en")} ${n === 1 ? noun : plural}`;
}

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
  const base = { label: JOB_STATE_LABELS.retrying, tone: "warning" as const, details };
  if (!job.error) {
    return { ...base, sentence: `Will try again ${when}.`, nextStep: null, fix: null };
  }
  const words = wordsOf(job.error.class);
  switch (words.group) {
    case "outage":
      return {
        ...base,
        sentence: `${capital(words.cause)}; trying again ${when}. Waiting for Plex uses up no attempts.`,
        nextStep: OUTAGE_STEP,
        fix: null,
      };
    case "transient":
      return {
        ...base,
        sentence:
          job.attempts > 0
            ? `${capital(words.cause)} (tried ${tries(job.attempts)}); trying again ${when}.`
            : `${capital(words.cause)}; trying again ${when}.`,
        nextStep: null,
        fix: null,
      };
    case "not_found":
      return {
        ...base,
        sentence: `${capital(words.cause)} yet; looking again ${when}.`,
        nextStep: PATHS_STEP,
        fix: "paths",
      };
    case "auth":
      return {
        ...base,
        tone: "danger",
        sentence: `${capital(words.cause)}, so the queue is paused.`,
        nextStep: TOKEN_STEP,
        fix: "settings",
      };
    case "permanent":
      return deadWords(job, details);
  }
}

function deadWords(job: JobFacts, details: string | null): JobWords {
  const base = { label: JOB_STATE_LABELS.dead, tone: "danger" as const, details };
  if (!job.error) {
    return { ...base, sentence: "Not synced.", nextStep: "Sync now to try again.", fix: "sync" };
  }
  const cls = job.error.class;
  const words = wordsOf(cls);
  const gaveUp = job.attempts > 0 ? ` Gave up after trying ${tries(job.attempts)}.` : "";
  switch (cls) {
    case "ambiguous":
      return {
        ...base,
        tone: "warning",
        sentence: `Not synced: ${words.cause}.`,
        nextStep: PIN_STEP,
        fix: "pin",
      };
    case "no_file":
      return {
        ...base,
        tone: "secondary",
        sentence: "Not synced: the scene has no file, so Plex cannot have it.",
        nextStep: "Nothing to do unless the scene gets a file; then Sync now.",
        fix: "sync",
      };
    case "not_found":
      return {
        ...base,
        sentence: `Not synced: ${words.cause}.${gaveUp}`,
        nextStep: PATHS_STEP,
        fix: "paths",
      };
    case "auth":
      return { ...base, sentence: `Not synced: ${words.cause}.`, nextStep: TOKEN_STEP, fix: "settings" };
    case "bad_payload":
      return {
        ...base,
        sentence: `Not synced: ${words.cause}.`,
        nextStep: "Sync now to queue the scene again.",
        fix: "sync",
      };
    case "internal":
      return {
        ...base,
        sentence: `Not synced: ${words.cause}.${gaveUp}`,
        nextStep: "Try again; if it happens again, report it with the details below.",
        fix: "retry",
      };
    default:
      return {
        ...base,
        sentence: `Not synced: ${words.cause}.${gaveUp}`,
        nextStep:
          words.group === "permanent"
            ? "Look at the details below; try again once the cause is fixed."
            : "Try again once Plex is fine again.",
        fix: "retry",
      };
  }
}
