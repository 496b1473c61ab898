import { useState } from "preact/hooks";
import type { PlexLibrary, PlexTest } from "../../../plugin/ops/contracts";
import { errorText, isRuntimeMissing } from "../../api/errors";
import { useDeps } from "../../lib/deps";
import { useAction } from "../../lib/useAction";
import { RuntimeMissing } from "../RuntimeMissing";

/**
 * "Test connection" with the values in the form (the typed token, or the saved one when none was typed). The
 * answer comes as a Stash toast, like every other outcome in the panel.
 */
export function ConnectionTest({ plexUrl, newToken }: { plexUrl: string | undefined; newToken: string }) {
  const { api, host } = useDeps();
  const [testing, setTesting] = useState(false);
  const [missing, setMissing] = useState(false);
  const test = async () => {
    setTesting(true);
    try {
      const args = {
        ...(plexUrl ? { plex_url: plexUrl } : {}),
        ...(newToken.trim() ? { plex_token: newToken.trim() } : {}),
      };
      const answer = await api.runOperation("plex.test", args);
      setMissing(false);
      if (answer.ok) host.toast.success(connectedText(answer));
      else host.toast.error(`Could not connect to Plex: ${answer.error ?? "no answer"}`);
    } catch (error) {
      setMissing(isRuntimeMissing(error));
      host.toast.error(`Test connection failed: ${errorText(error)}`);
    } finally {
      setTesting(false);
    }
  };
  return (
    <div class="stash2plex-connection-test mb-3">
      <button type="button" class="btn btn-secondary" disabled={testing} onClick={() => void test()}>
        {testing ? "Testing…" : "Test connection"}
      </button>
      {missing && <RuntimeMissing />}
    </div>
  );
}

function connectedText(answer: PlexTest): string {
  const latency = answer.latencyMs === null ? "" : ` in ${Math.round(answer.latencyMs)} ms`;
  const libraries =
    answer.libraries.length > 0 ? ` Libraries: ${answer.libraries.map((l) => l.title).join(", ")}.` : "";
  return `Connected to Plex ${answer.version ?? "(version unknown)"}${latency}.${libraries}`;
}

/** Plex section types that hold scene files: what an empty setting ("all libraries") means. */
const VIDEO_TYPES = new Set(["movie"]);

/**
 * Ticks libraries by title; the setting stores them comma-separated, and empty means every movie/video
 * library — shown as exactly those boxes ticked, so "nothing chosen" never looks like "nothing synced".
 */
export function LibraryPicker({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string | undefined;
  onChange(value: string): void;
}) {
  const { api } = useDeps();
  const { busy, run } = useAction();
  const [libraries, setLibraries] = useState<PlexLibrary[] | null>(null);
  const named = (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const all = named.length === 0;
  const isChosen = (lib: PlexLibrary) =>
    all ? VIDEO_TYPES.has(lib.type) : named.some((n) => n.toLowerCase() === lib.title.toLowerCase());
  const load = () =>
    void run("Load libraries", async () => {
      const answer = await api.runOperation("plex.libraries", {});
      if (answer.libraries.length === 0)
        throw new Error("Plex showed no libraries: set its URL and token first");
      setLibraries(answer.libraries);
      return `Plex has ${answer.libraries.length} ${answer.libraries.length === 1 ? "library" : "libraries"}`;
    });
  const toggle = (lib: PlexLibrary) => {
    const chosen = (libraries ?? []).filter((l) => (l.key === lib.key ? !isChosen(l) : isChosen(l)));
    onChange(chosen.map((l) => l.title).join(", "));
  };
  return (
    <fieldset class="form-group stash2plex-libraries">
      <legend class="col-form-label">{label}</legend>
      <small class="form-text text-muted mb-2">
        {all ? "All libraries: every movie and video library is synced." : `Only: ${named.join(", ")}.`}
        {!all && (
          <button
            type="button"
            class="btn btn-link btn-sm p-0 ml-2 align-baseline"
            onClick={() => onChange("")}
          >
            Use all libraries
          </button>
        )}
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
              checked={isChosen(lib)}
              onChange={() => toggle(lib)}
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
