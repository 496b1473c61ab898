/**
 * Turns anything thrown into the one-line message the user sees in `{"error": …}`. Our own error classes carry a
 * `kind` marker and already say what was wrong and what to do; anything else is a bug and says so, with the
 * first line of its stack so a report is actionable.
 */
export function describeError(error: unknown): string {
  return clipMessage(describeUnclipped(error));
}

/** Errors can quote what a server sent (a GraphQL message, a body snippet); Stash reads stderr lines ≤ 64 KiB. */
const MAX_MESSAGE = 2000;

function clipMessage(message: string): string {
  if (message.length <= MAX_MESSAGE) return message;
  return `${message.slice(0, MAX_MESSAGE)}… (${message.length - MAX_MESSAGE} more characters)`;
}

/** Conditions of the machine, not bugs: the user can fix them, so say what and where instead of "report this". */
const DATA_FOLDER_PROBLEMS: Readonly<Record<string, string>> = {
  ENOSPC: "the disk holding it is full",
  EDQUOT: "the disk quota is used up",
  EROFS: "it is on a read-only file system",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
};

function describeUnclipped(error: unknown): string {
  if (error && typeof error === "object" && "kind" in error && error instanceof Error) return error.message;
  const code = error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
  const problem = code ? DATA_FOLDER_PROBLEMS[code] : undefined;
  if (problem && error instanceof Error) {
    const where = (error as NodeJS.ErrnoException).path;
    return `Stash2Plex cannot write its data folder${where ? ` (${where})` : ""}: ${problem} [${code}]. Free space or fix the folder's permissions, then run it again (Stash edits made meanwhile are found by the next reconcile).`;
  }
  if (error instanceof Error) {
    const where = error.stack?.split("\n")[1]?.trim() ?? "";
    return `Stash2Plex internal error: ${error.message}${where ? ` (${where})` : ""}. Please report this with the log.`;
  }
  return `Stash2Plex internal error: ${String(error)}`;
}

/** A usage error from the caller (unknown mode/op, bad arguments). */
export class UsageError extends Error {
  readonly kind = "usage";
}
