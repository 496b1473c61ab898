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
            Stash could not start <code>node</code>, which runs this plugin. The official Stash Docker image
            does not include it.
          </>
        ) : (
          <>
            Stash started Node.js <code>{found}</code>, which is too old: the plugin keeps its queue in
            SQLite, built into Node.js 22.13 and newer.
          </>
        )}{" "}
        In Docker, build a derived image:
      </p>
      <pre class="stash2plex-code">{DOCKERFILE}</pre>
      <p class="mb-0">
        Build it with <code>docker build -t stash-with-node .</code>, use that image instead of{" "}
        <code>stashapp/stash</code>, and restart. Outside Docker, install Node.js 24 (recommended) or 22.13+
        so that <code>node</code> on the PATH of the Stash process is the new one.
      </p>
    </div>
  );
}
