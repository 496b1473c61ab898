import type { SceneStatus } from "../../../plugin/ops/contracts";
import { isRuntimeMissing } from "../../api/errors";
import { useDeps } from "../../lib/deps";
import { safeHttpUrl } from "../../lib/format";
import { useAction } from "../../lib/useAction";
import { useCachedAnswer } from "../../lib/useCachedAnswer";
import { ErrorAlert, Loading, Section, StaleNote } from "../common";
import { RuntimeMissing } from "../RuntimeMissing";
import { FieldTable } from "./FieldTable";
import { MatchState } from "./MatchState";
import { PlexActivity } from "./PlexActivity";
import { JobState, LastSync } from "./SyncState";

/** The "Plex" tab of a scene page. */
export function SceneTab({ sceneId }: { sceneId: string }) {
  const deps = useDeps();
  const view = useCachedAnswer(
    `scene:${sceneId}`,
    () => deps.api.runOperation("scene.status", { sceneId }),
    deps.pollMs,
  );
  if (isRuntimeMissing(view.error)) return <RuntimeMissing />;
  if (view.value === undefined) {
    return view.error ? (
      <ErrorAlert error={view.error} onRetry={view.refresh} />
    ) : (
      <Loading what="Plex status" />
    );
  }
  return (
    <div class="stash2plex-scene-tab">
      {view.stale && <StaleNote at={view.at} now={deps.now()} />}
      {view.error !== null && <ErrorAlert error={view.error} onRetry={view.refresh} />}
      <SceneStatusView sceneId={sceneId} status={view.value} onChanged={view.refresh} />
    </div>
  );
}

function SceneStatusView({
  sceneId,
  status,
  onChanged,
}: {
  sceneId: string;
  status: SceneStatus;
  onChanged(): void;
}) {
  const { api, now } = useDeps();
  const { busy, run } = useAction();
  const act = (label: string, action: () => Promise<string | undefined>) =>
    void run(label, action).then(onChanged);
  const sync = () => api.runOperation("scene.sync", { sceneId }).then((a) => a.message ?? "Queued for sync");
  const rematch = async () => {
    await api.runOperation("scene.unpin", { sceneId });
    return sync();
  };
  const pin = (ratingKey: string) =>
    act("Pin", () =>
      api.runOperation("scene.pin", { sceneId, ratingKey }).then((a) => a.message ?? "Pinned"),
    );
  const openUrl = status.match.state === "matched" ? safeHttpUrl(status.match.items[0]?.plexWebUrl) : null;

  return (
    <>
      {!status.configured && (
        <div class="alert alert-warning">
          Plex is not set up yet: enter its address and token under Settings › Plugins › Stash2Plex.
        </div>
      )}
      <Section title="Match">
        <MatchState match={status.match} busy={busy !== null} onPin={pin} />
      </Section>
      <Section title="Sync">
        <LastSync lastSync={status.lastSync} now={now()} />
        {status.job && <JobState job={status.job} now={now()} />}
      </Section>
      <div class="stash2plex-actions btn-toolbar mb-3" role="toolbar" aria-label="Plex actions">
        <button
          type="button"
          class="btn btn-primary mr-2"
          disabled={busy !== null}
          onClick={() => act("Sync now", sync)}
        >
          {busy === "Sync now" ? "Syncing…" : "Sync now"}
        </button>
        <button
          type="button"
          class="btn btn-secondary mr-2"
          disabled={busy !== null}
          onClick={() => act("Re-match", rematch)}
        >
          Re-match
        </button>
        {openUrl && (
          <a class="btn btn-secondary" href={openUrl} target="_blank" rel="noopener noreferrer">
            Open in Plex
          </a>
        )}
      </div>
      {status.fields && (
        <Section title="Fields">
          <FieldTable fields={status.fields} />
        </Section>
      )}
      <PlexActivity activity={status.activity} />
    </>
  );
}
