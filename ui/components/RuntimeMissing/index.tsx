const DOCKERFILE = `FROM stashapp/stash:latest
RUN apk add --no-cache nodejs`;

/**
 * Shown instead of a broken panel when Stash could not start `node`: the official Docker image ships no Node,
 * and a derived image adds it in one line.
 */
export function RuntimeMissing() {
  return (
    <div class="alert alert-warning stash2plex-runtime-missing" role="alert">
      <h5 class="alert-heading">Stash2Plex needs Node.js</h5>
      <p>
        Stash could not start <code>node</code>, which runs this plugin. The official Stash Docker image does
        not include it. Build a derived image:
      </p>
      <pre class="stash2plex-code">{DOCKERFILE}</pre>
      <p class="mb-0">
        Build it with <code>docker build -t stash-with-node .</code>, use that image instead of{" "}
        <code>stashapp/stash</code>, and restart. Outside Docker, install Node.js 20 or newer so that{" "}
        <code>node</code> is on the PATH of the Stash process.
      </p>
    </div>
  );
}
