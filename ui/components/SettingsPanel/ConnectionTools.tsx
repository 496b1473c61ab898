import { useState } from "preact/hooks";
import type { OperationResult, PlexLibrary, PlexTest } from "../../../plugin/ops/contracts";
import { isRuntimeMissing } from "../../api/errors";
import { useDeps } from "../../lib/deps";
import { useAction } from "../../lib/useAction";
import { RuntimeMissing } from "../RuntimeMissing";
import { StatusBadge } from "../StatusBadge";

/** "Test connection" with the values in the form (the typed token, or the saved one when none was typed). */
export function ConnectionTest({ plexUrl, newToken }: { plexUrl: string | undefined; newToken: string }) {
  const { api } = useDeps();
  const { busy, run } = useAction();
  const [result, setResult] = useState<PlexTest | null>(null);
  const [missing, setMissing] = useState(false);
  const test = () =>
    void run("Test connection", async () => {
      const args = {
        ...(plexUrl ? { plex_url: plexUrl } : {}),
        ...(newToken.trim() ? { plex_token: newToken.trim() } : {}),
      };
      const answer = await api.runOperation("plex.test", args).catch((error: unknown) => {
        setMissing(isRuntimeMissing(error));
        throw error;
      });
      setResult(answer);
      return answer.ok ? "Plex answered" : "Plex did not answer";
    });
  return (
    <div class="stash2plex-connection-test mb-3">
      <button type="button" class="btn btn-secondary" disabled={busy !== null} onClick={test}>
        {busy ? "Testing…" : "Test connection"}
      </button>
      {missing && <RuntimeMissing />}
      {result && (
        <div class={`alert mt-2 ${result.ok ? "alert-success" : "alert-danger"}`} role="status">
          {result.ok ? (
            <>
              Connected to Plex {result.version ?? "(version unknown)"}
              {result.latencyMs !== null && ` in ${Math.round(result.latencyMs)} ms`}.
              {result.tokenValid === false && " The token was rejected."}
              {result.libraries.length > 0 &&
                ` Libraries: ${result.libraries.map((l) => l.title).join(", ")}.`}
            </>
          ) : (
            <>Could not connect: {result.error ?? "no answer"}</>
          )}
        </div>
      )}
    </div>
  );
}

/** Ticks libraries by title; the setting stores them comma-separated (empty = all). */
export function LibraryPicker({
  value,
  onChange,
}: {
  value: string | undefined;
  onChange(value: string): void;
}) {
  const { api } = useDeps();
  const { busy, run } = useAction();
  const [libraries, setLibraries] = useState<PlexLibrary[] | null>(null);
  const chosen = new Set(
    (value ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  );
  const load = () =>
    void run("Load libraries", async () => {
      const answer = await api.runOperation("plex.libraries", {});
      setLibraries(answer.libraries);
      return `${answer.libraries.length} libraries`;
    });
  const toggle = (title: string) => {
    const next = new Set(chosen);
    if (next.has(title)) next.delete(title);
    else next.add(title);
    onChange([...next].join(", "));
  };
  return (
    <fieldset class="form-group stash2plex-libraries">
      <legend class="col-form-label">Plex libraries</legend>
      <small class="form-text text-muted mb-2">
        {chosen.size === 0 ? "Every movie and video library." : `Chosen: ${[...chosen].join(", ")}`}
      </small>
      {libraries === null ? (
        <button type="button" class="btn btn-sm btn-secondary" disabled={busy !== null} onClick={load}>
          Load libraries from Plex
        </button>
      ) : (
        libraries.map((lib) => (
          <div class="custom-control custom-checkbox" key={lib.key}>
            <input
              id={`stash2plex-lib-${lib.key}`}
              type="checkbox"
              class="custom-control-input"
              checked={chosen.has(lib.title)}
              onChange={() => toggle(lib.title)}
            />
            <label class="custom-control-label" for={`stash2plex-lib-${lib.key}`}>
              {lib.title} <small class="text-muted">({lib.type})</small>
            </label>
          </div>
        ))
      )}
    </fieldset>
  );
}

/** A Stash path in, the mapped Plex path and the match out (uses the saved path map). */
export function PathMapTester() {
  const { api } = useDeps();
  const { busy, run } = useAction();
  const [path, setPath] = useState("");
  const [result, setResult] = useState<OperationResult<"paths.preview"> | null>(null);
  const preview = (e: Event) => {
    e.preventDefault();
    void run("Path preview", async () => {
      setResult(await api.runOperation("paths.preview", { path }));
      return "Path mapped";
    });
  };
  return (
    <form class="stash2plex-path-tester mb-3" onSubmit={preview}>
      <label for="stash2plex-path-input">Try a Stash file path (uses the saved path map)</label>
      <div class="input-group">
        <input
          id="stash2plex-path-input"
          class="form-control"
          value={path}
          placeholder="/data/videos/scene.mp4"
          onInput={(e) => setPath((e.currentTarget as HTMLInputElement).value)}
        />
        <div class="input-group-append">
          <button type="submit" class="btn btn-secondary" disabled={busy !== null || path.trim() === ""}>
            Preview
          </button>
        </div>
      </div>
      {result && (
        <div class="mt-2 small" role="status">
          <div>
            Plex path: <code class="text-break">{result.mapped}</code>
          </div>
          <div>
            Match: <StatusBadge state={result.match.state} />
            {result.match.state === "matched" && ` ${result.match.items.map((i) => i.title).join(", ")}`}
            {result.match.state === "ambiguous" && ` ${result.match.candidates.length} candidates`}
          </div>
        </div>
      )}
    </form>
  );
}
