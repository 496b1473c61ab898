import { useRef } from "preact/hooks";
import type { Ack, SceneStatus } from "../../../plugin/ops/contracts";
import { useDeps } from "../../lib/deps";
import { safeHttpUrl } from "../../lib/format";
import { useAction } from "../../lib/useAction";
import { describeJob } from "../../lib/words";
import { Section } from "../common";
import { FieldTable } from "./FieldTable";
import { MatchState } from "./MatchState";
import { PlexActivity } from "./PlexActivity";
import { ImageRows, JobLine, LastSync } from "./SyncState";

/** The action's own answer, shown until `scene.status` shows the job (the store may not have taken it yet). */
const QUEUED: NonNullable<SceneStatus["job"]> = {
  state: "pending",
  attempts: 0,
  nextAttemptAt: null,
  error: null,
};

function accepted(ack: Ack, fallback: string): string {
  if (!ack.accepted) throw new Error(ack.message ?? "The plugin did not accept the request.");
  return ack.message ?? fallback;
}

export function SceneStatusView({
  sceneId,
  status,
  locale,
  queued,
  onAction,
  onRefresh,
}: {
  sceneId: string;
  status: SceneStatus;
  locale: string;
  /** True right after an action, until the answer shows its job. */
  queued: boolean;
  /** An action started work: follow it. */
  onAction(): void;
  onRefresh(): void;
}) {
  const { api, now, host } = useDeps();
  const { busy, run } = useAction();
  const statusRef = useRef<HTMLDivElement>(null);
  const at = now();
  const job = queued ? QUEUED : status.job;
  const described = job ? describeJob(job, { now: at, locale }) : null;
  // The candidates with their Pin buttons are right above: "pin the right item" would only repeat them.
  const words =
    described?.fix === "pin" && status.match.state === "ambiguous"
      ? { ...described, nextStep: null }
      : described;
  const isBusy = busy !== null;

  /** Runs an action once at a time; on success follows its job, and moves focus to the status if asked. */
  const act = (label: string, action: () => Promise<Ack>, done: string, then: () => void, focus = false) =>
    void run(label, async () => {
      const message = accepted(await action(), done);
      then();
      return message;
    }).then(() => {
      if (focus) statusRef.current?.focus();
    });
  const sync = () => api.runOperation("scene.sync", { sceneId });
  const syncNow = () => act("Sync now", sync, "Sync queued", onAction);
  const rematch = () =>
    act(
      "Re-match",
      async () => {
        accepted(await api.runOperation("scene.unpin", { sceneId }), "");
        return sync();
      },
      "Re-matching",
      onAction,
    );
  const pin = (ratingKey: string) =>
    act("Pin", () => api.runOperation("scene.pin", { sceneId, ratingKey }), "Pinned", onAction, true);
  const readLibrary = () =>
    act("Read Plex library", () => api.runOperation("library.read", {}), "Library read", onRefresh, true);
  const openUrl = status.match.state === "matched" ? safeHttpUrl(status.match.items[0]?.plexWebUrl) : null;
  const settingsFix = words?.fix === "paths" || words?.fix === "settings";

  return (
    <>
      {!status.configured && (
        <div class="alert alert-warning">
          Plex is not set up yet: enter its address and token under Settings › Plugins › Stash2Plex.
        </div>
      )}
      <div ref={statusRef} tabIndex={-1} class="stash2plex-status-region">
        <Section title="Match">
          <MatchState match={status.match} busy={isBusy} onPin={pin} onReadLibrary={readLibrary} />
        </Section>
        <Section title="Sync">
          <div role="status" aria-live="polite" class="stash2plex-sync-status">
            <LastSync lastSync={status.lastSync} now={at} locale={locale} />
            {words && <JobLine words={words} />}
          </div>
        </Section>
      </div>
      <div class="stash2plex-actions mb-3">
        <button
          type="button"
          class="btn btn-primary"
          aria-disabled={isBusy}
          onClick={() => !isBusy && syncNow()}
        >
          {busy === "Sync now" ? "Queuing…" : words?.fix === "retry" ? "Retry now" : "Sync now"}
        </button>
        <button
          type="button"
          class="btn btn-secondary"
          aria-disabled={isBusy}
          onClick={() => !isBusy && rematch()}
        >
          Re-match
        </button>
        {settingsFix && (
          <button
            type="button"
            class="btn btn-secondary"
            onClick={() => host.navigate("/settings?tab=plugins")}
          >
            Plugin settings
          </button>
        )}
        {openUrl && (
          <a class="btn btn-secondary" href={openUrl} target="_blank" rel="noopener noreferrer">
            Open in Plex
          </a>
        )}
      </div>
      {status.images && (
        <Section title="Images">
          <ImageRows images={status.images} now={at} locale={locale} />
        </Section>
      )}
      {status.fields && (
        <Section title="Fields">
          <FieldTable fields={status.fields} />
        </Section>
      )}
      <PlexActivity activity={status.activity} locale={locale} />
    </>
  );
}
