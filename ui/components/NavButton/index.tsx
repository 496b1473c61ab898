import "./nav.css";
import { useState } from "preact/hooks";
import { NODE_TOO_OLD_PREFIX } from "../../../plugin/protocol/node-version";
import { isRuntimeMissing } from "../../api/errors";
import { useDeps } from "../../lib/deps";
import { plexVerdict } from "../../lib/plex-health";
import { useQueueSummary } from "../../lib/queue-summary";
import { useStashLocale } from "../../lib/useStashLocale";
import { countOf } from "../../lib/words";

export const QUEUE_ROUTE = "/plugins/stash2plex";

/**
 * Navbar utility item shaped like Stash's own (a `.nav-utility` link holding a minimal icon button): the count
 * of scenes waiting, a red dot while Plex is down; opens the queue page. The outer element carries no display
 * utility class, so Stash's rule that hides utility items in the phone navbar still applies to it. Stash
 * renders utility items twice; both copies read the one shared summary poll.
 */
export function NavButton() {
  const { pollMs, host, baseHref, now } = useDeps();
  const locale = useStashLocale();
  const [idle, setIdle] = useState(false);
  // Nothing queued and Plex fine: nothing changes until an edit queues work, so the navbar asks half as often.
  const view = useQueueSummary(idle ? pollMs * 4 : pollMs * 2);
  const s = view.value;
  const waiting = s ? s.counts.pending + s.counts.retrying + s.counts.running : 0;
  const verdict = s ? plexVerdict(s, now(), locale) : null;
  const nowIdle = s !== undefined && waiting === 0 && !s.paused && verdict?.waiting === false;
  if (nowIdle !== idle) setIdle(nowIdle);
  const down = verdict?.condition === "down";
  const label = isRuntimeMissing(view.error)
    ? NODE_TOO_OLD_PREFIX
    : s === undefined
      ? "Stash2Plex queue"
      : `Stash2Plex: ${countOf(waiting, "scene")} waiting, ${countOf(s.counts.dead, "scene")} not synced${down ? "; Plex is down" : ""}`;
  return (
    <a
      class="nav-utility stash2plex-nav"
      href={`${baseHref}${QUEUE_ROUTE.slice(1)}`}
      title={label}
      aria-label={label}
      onClick={(e) => {
        e.preventDefault();
        host.navigate(QUEUE_ROUTE);
      }}
    >
      <span class="btn minimal d-flex align-items-center h-100 stash2plex-nav-button">
        <PlexIcon />
        {waiting > 0 && (
          <span class="badge badge-pill badge-info ml-1 stash2plex-nav-count" aria-hidden="true">
            {waiting > 999 ? "999+" : waiting}
          </span>
        )}
        {down && <span class="stash2plex-nav-down" data-down="true" aria-hidden="true" />}
      </span>
    </a>
  );
}

/** Plex's chevron, drawn at FontAwesome's icon size and classes so it sits like Stash's other navbar icons. */
function PlexIcon() {
  return (
    <svg
      class="svg-inline--fa fa-icon stash2plex-nav-icon"
      viewBox="0 0 512 512"
      width="1em"
      height="1em"
      aria-hidden="true"
      focusable="false"
    >
      <path fill="currentColor" d="M112 32h150l150 224-150 224H112l150-224z" />
    </svg>
  );
}
