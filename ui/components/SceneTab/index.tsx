import { useRef } from "preact/hooks";
import type { SceneStatus } from "../../../plugin/ops/contracts";
import { isRuntimeMissing } from "../../api/errors";
import { useDeps } from "../../lib/deps";
import { useCachedAnswer } from "../../lib/useCachedAnswer";
import { useFollow } from "../../lib/useFollow";
import { usePaneShown } from "../../lib/usePaneShown";
import { useStashLocale } from "../../lib/useStashLocale";
import { ErrorAlert, Loading, StaleNote } from "../common";
import { RuntimeMissing } from "../RuntimeMissing";
import { SceneStatusView } from "./SceneStatusView";
import "./scene-tab.css";

type Job = SceneStatus["job"];

/** What the tab saw when an action was taken: the action's outcome is any later change of these. */
interface Baseline {
  lastSyncAt: number | null;
  job: string;
}

function jobPrint(job: Job): string {
  if (!job) return "none";
  return [job.id, job.state, job.attempts, job.nextAttemptAt, job.failedAt, job.error?.message].join("|");
}

const inFlight = (s: SceneStatus) => s.job?.state === "pending" || s.job?.state === "running";

function settled(s: SceneStatus, baseline: Baseline | null): boolean {
  if (!baseline || inFlight(s)) return false;
  if ((s.lastSync?.at ?? null) !== baseline.lastSyncAt) return true;
  return s.job !== null && jobPrint(s.job) !== baseline.job;
}

/**
 * The "Plex" tab of a scene page. It reads `scene.status` once when mounted (Stash mounts every pane, open or
 * not) and polls only while its pane is open, the page is visible and something is pending; after an action
 * it follows the job it started until the outcome shows.
 */
export function SceneTab({ sceneId }: { sceneId: string }) {
  const deps = useDeps();
  const root = useRef<HTMLDivElement>(null);
  const shown = usePaneShown(root);
  const locale = useStashLocale();
  const view = useCachedAnswer(`scene:${sceneId}`, () => deps.api.runOperation("scene.status", { sceneId }));
  const baseline = useRef<Baseline | null>(null);
  const follow = useFollow<SceneStatus>({
    view,
    now: deps.now,
    active: shown,
    normalMs: deps.pollMs,
    isPending: inFlight,
    isWaiting: (s) => s.job?.state === "retrying",
    isSettled: (s) => settled(s, baseline.current),
  });
  const followAction = () => {
    const current = view.value;
    baseline.current = {
      lastSyncAt: current?.lastSync?.at ?? null,
      job: jobPrint(current?.job ?? null),
    };
    follow.follow();
  };

  let body: preact.ComponentChildren;
  if (isRuntimeMissing(view.error)) body = <RuntimeMissing error={view.error} />;
  else if (view.value === undefined) {
    body = view.error ? (
      <ErrorAlert error={view.error} onRetry={view.refresh} />
    ) : (
      <Loading what="Plex status" />
    );
  } else {
    body = (
      <>
        {view.stale && <StaleNote at={view.at} now={deps.now()} />}
        {view.error !== null && <ErrorAlert error={view.error} onRetry={view.refresh} />}
        <SceneStatusView
          sceneId={sceneId}
          status={view.value}
          locale={locale}
          queued={follow.awaitingPickup}
          onAction={followAction}
          onRefresh={view.refresh}
        />
      </>
    );
  }
  return (
    <div ref={root} class="stash2plex-scene-tab">
      {body}
    </div>
  );
}
