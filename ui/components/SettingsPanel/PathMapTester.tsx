import { useState } from "preact/hooks";
import type { Match, OperationResult } from "../../../plugin/ops/contracts";
import { errorText } from "../../api/errors";
import { useDeps } from "../../lib/deps";

type Preview = OperationResult<"paths.preview">;

/** What the preview found, in words: how Plex holds this file, or why nothing was found. */
export function previewWords(path: string, preview: Preview): string {
  const mappedByRule = preview.mapped !== path;
  const match: Match = preview.match;
  switch (match.state) {
    case "matched": {
      const titles = match.items.map((i) => `"${i.title}"`).join(", ");
      const how =
        match.how === "path"
          ? mappedByRule
            ? "by its mapped path"
            : "by its path (Stash and Plex see the same path)"
          : match.how === "basename_size"
            ? "by its file name and size (not its path: check the path map)"
            : match.how === "basename"
              ? "by its file name only (not its path: check the path map)"
              : "by the pinned item";
      return `Found in Plex ${how}: ${titles}.`;
    }
    case "ambiguous":
      return `${match.candidates.length} Plex items have this file name and none has its path: pin one on the scene's Plex tab, or fix the path map.`;
    case "not_found":
      return `Not in Plex: no item has the path ${preview.mapped} or this file name. Check the path map, or scan the library in Plex.`;
    case "unknown":
      return match.reason === "not_configured"
        ? "Plex is not set up yet: enter its URL and token above first."
        : "Stash2Plex has not read your Plex libraries yet, so it cannot say whether Plex has this file.";
  }
}

/** A Stash path in; the path Plex sees (with the saved path map) and whether Plex has that file, out. */
export function PathMapTester() {
  const { api, host } = useDeps();
  const [path, setPath] = useState("");
  const [busy, setBusy] = useState<"preview" | "read" | null>(null);
  const [result, setResult] = useState<{ path: string; preview: Preview } | null>(null);
  const preview = async (what: "preview" | "read") => {
    setBusy(what);
    try {
      if (what === "read") {
        const ack = await api.runOperation("library.read", {});
        if (ack.message && ack.accepted) host.toast.success(ack.message);
        else if (ack.message) host.toast.error(ack.message);
      }
      setResult({ path, preview: await api.runOperation("paths.preview", { path }) });
    } catch (error) {
      host.toast.error(`Path preview failed: ${errorText(error)}`);
    } finally {
      setBusy(null);
    }
  };
  const noIndex =
    result?.preview.match.state === "unknown" && result.preview.match.reason !== "not_configured";
  return (
    <form
      class="stash2plex-path-tester mb-3"
      onSubmit={(e) => {
        e.preventDefault();
        void preview("preview");
      }}
    >
      <label for="stash2plex-path-input">Try a Stash file path (uses the saved path map)</label>
      <div class="input-group">
        <input
          id="stash2plex-path-input"
          class="form-control text-input"
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
        <div class="mt-2 small stash2plex-preview" role="status">
          <div>
            Plex sees: <code class="text-break">{result.preview.mapped}</code>
          </div>
          <div data-match={result.preview.match.state}>{previewWords(result.path, result.preview)}</div>
          {noIndex && (
            <button
              type="button"
              class="btn btn-sm btn-secondary mt-1"
              disabled={busy !== null}
              onClick={() => void preview("read")}
            >
              {busy === "read" ? "Reading Plex libraries…" : "Read Plex libraries now"}
            </button>
          )}
        </div>
      )}
    </form>
  );
}
