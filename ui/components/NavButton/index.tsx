import { isRuntimeMissing } from "../../api/errors";
import { useDeps } from "../../lib/deps";
import { useCachedAnswer } from "../../lib/useCachedAnswer";

export const QUEUE_ROUTE = "/plugins/stash2plex";

/** Navbar button: live count of waiting jobs, a red dot while Plex is down; opens the queue page. */
export function NavButton() {
  const { api, pollMs, host, baseHref } = useDeps();
  const view = useCachedAnswer("queue:summary", () => api.runOperation("queue.summary", {}), pollMs * 2);
  const s = view.value;
  const waiting = s ? s.counts.pending + s.counts.retrying + s.counts.running : 0;
  const down = s !== undefined && (s.breaker.state === "open" || s.health.ok === false);
  const failed = s?.counts.dead ?? 0;
  const label = isRuntimeMissing(view.error)
    ? "Stash2Plex needs Node.js 22.13 or newer"
    : `Stash2Plex: ${waiting} waiting, ${failed} failed${down ? ", Plex is down" : ""}`;
  return (
    <a
      class="nav-utility stash2plex-nav btn minimal d-flex align-items-center h-100"
      href={`${baseHref}${QUEUE_ROUTE.slice(1)}`}
      title={label}
      aria-label={label}
      onClick={(e) => {
        e.preventDefault();
        host.navigate(QUEUE_ROUTE);
      }}
    >
      <span class="stash2plex-nav-icon" aria-hidden="true">
        Plex
      </span>
      {waiting > 0 && <span class="badge badge-pill badge-info ml-1 stash2plex-nav-count">{waiting}</span>}
      {down && <span class="stash2plex-nav-down" data-down="true" aria-hidden="true" />}
    </a>
  );
}
