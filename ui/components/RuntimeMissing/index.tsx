import { NODE_TOO_OLD_PREFIX } from "../../../plugin/protocol/node-version";
import { errorText } from "../../api/errors";

const DOCKERFILE = `FROM stashapp/stash:latest
RUN apk add --no-cache nodejs`;

/** The Node version named by the plugin's own "needs Node.js 22.13 or newer; found vX" answer, if that was it. */
function foundVersion(error: unknown): string | null {
  return /needs Node\.js [\d.]+ or newer; found (v\d+(?:\.\d+)*)/.exec(errorText(error ?? ""))?.[1] ?? null;
}

/**
 * Shown instead of a broken panel when Stash could not start `node` (the official Docker image ships none) or
 * started one older than 22.13: a derived image adds a current one in one line.
 */
export function RuntimeMissing({ error }: { error?: unknown }) {
  const found = foundVersion(error);
  return (
    <div class="alert alert-warning stash2plex-runtime-missing" role="alert">
      <h5 class="alert-heading">{NODE_TOO_OLD_PREFIX}</h5>
      <p>
        {found === null ? (
          <>
            Stash could not start <code>node</code> (the official Docker image has none).
          </>
        ) : (
          <>
            Stash runs Node.js <code>{found}</code>, which is too old.
          </>
        )}{" "}
        In Docker, build a derived image:
      </p>
      <pre class="stash2plex-code">{DOCKERFILE}</pre>
      <p class="mb-0">
        Use it instead of <code>stashapp/stash</code> and restart. Elsewhere, install Node.js 24 (recommended)
        or 22.13+ as the <code>node</code> on Stash's PATH.
      </p>
    </div>
  );
}
