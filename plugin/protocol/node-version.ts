/**
 * The Node.js the plugin needs: 22.13 is the first 22.x with `node:sqlite` unflagged (the store is one SQLite
 * database); Node 20 is end-of-life. Checked by the launcher before anything else loads, so an old Node gets one
 * protocol error that says what to do instead of a stack trace from a missing builtin.
 */
export const MIN_NODE = { major: 22, minor: 13 } as const;

/** The start of the error; the UI recognises it and shows its runtime guidance. */
export const NODE_TOO_OLD_PREFIX = `Stash2Plex needs Node.js ${MIN_NODE.major}.${MIN_NODE.minor} or newer`;

export function isSupportedNode(version: string): boolean {
  const [major = 0, minor = 0] = version.replace(/^v/, "").split(".").map(Number);
  return major > MIN_NODE.major || (major === MIN_NODE.major && minor >= MIN_NODE.minor);
}

/** The protocol error for an unsupported Node, or null when `version` (e.g. "v20.20.2") is new enough. */
export function nodeVersionProblem(version: string): string | null {
  if (isSupportedNode(version)) return null;
  return (
    `${NODE_TOO_OLD_PREFIX}; found ${version}. Install Node.js 24 (recommended) or 22.13+ where Stash runs and ` +
    "restart Stash: in Stash's Docker image rebuild it with `RUN apk add --no-cache nodejs` (Alpine 3.21+ gives 22 " +
    "or 24); elsewhere use your package manager or nodejs.org, and make sure `node` on Stash's PATH is the new one."
  );
}
