import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import type { CachedView } from "./useCachedAnswer";

export interface FollowOptions<T> {
  /** The view to refresh: a `useCachedAnswer` view with its own polling off (this hook does the polling). */
  view: CachedView<T>;
  /** True while the answer shows work in flight (queued, running): the view keeps polling at `normalMs`. */
  isPending(value: T): boolean;
  /** True while the answer shows work scheduled for later (e.g. a retry): also polled at `normalMs`. */
  isWaiting?(value: T): boolean;
  /**
   * After an action taken at `since`: true once the answer itself shows the action's outcome (e.g. a sync newer
   * than `since`). An outcome is also assumed once the answer went from pending to not pending.
   */
  isSettled(value: T, since: number): boolean;
  /** Poll interval while something is pending and no action is being followed; 0 = none. */
  normalMs: number;
  /** Poll interval when nothing is pending; 0 (the default) = no polling at all. */
  idleMs?: number;
  /** False stops every poll (e.g. the tab holding the view is closed); turning true refreshes at once. */
  active?: boolean;
  /** First fast poll delay, growing by a quarter each poll up to `maxFastMs`. */
  fastMs?: number;
  maxFastMs?: number;
  /** Stop following (back to `normalMs`) when no outcome showed after this long. */
  giveUpMs?: number;
  now(): number;
  doc?: Document;
}

export interface Follow {
  /** Call when an action has been accepted: polls fast until its outcome shows. */
  follow(): void;
  /** True from `follow()` until the outcome showed (or `giveUpMs` passed). */
  following: boolean;
  /**
   * True while following and no fresh answer has shown the work yet: the view should show the action's own
   * answer ("queued") instead of the answer's older state.
   */
  awaitingPickup: boolean;
  /** When the followed action was taken; null when not following. */
  since: number | null;
}

interface FollowState {
  since: number;
  sawPending: boolean;
  polls: number;
}

/**
 * After an action the view follows the work it started: polls about every second (backing off to `maxFastMs`)
 * until the answer shows the outcome, then falls back to `normalMs` while anything is pending and to `idleMs`
 * when nothing is. Polls run one at a time (the next is scheduled when the previous answered), never while the
 * document is hidden or `active` is false; becoming visible or active refreshes at once.
 */
export function useFollow<T>(options: FollowOptions<T>): Follow {
  const { view, active = true, doc = document } = options;
  const fastMs = options.fastMs ?? 1_000;
  const maxFastMs = options.maxFastMs ?? 2_000;
  const giveUpMs = options.giveUpMs ?? 60_000;
  const [state, setState] = useState<FollowState | null>(null);
  const [visible, setVisible] = useState(doc.visibilityState === "visible");
  const latest = useRef(options);
  latest.current = options;
  const refresh = view.refresh;

  const follow = useCallback(
    () => setState({ since: latest.current.now(), sawPending: false, polls: 0 }),
    [],
  );

  useEffect(() => {
    const onVisibility = () => setVisible(doc.visibilityState === "visible");
    doc.addEventListener("visibilitychange", onVisibility);
    return () => doc.removeEventListener("visibilitychange", onVisibility);
  }, [doc]);

  // Becoming visible or active again: one read at once (the timer below takes over from its answer).
  const wasLive = useRef(visible && active);
  useEffect(() => {
    const live = visible && active;
    if (live && !wasLive.current) refresh();
    wasLive.current = live;
  }, [visible, active, refresh]);

  // Each fresh answer: did it pick the work up, did it settle it?
  useEffect(() => {
    if (!state || view.value === undefined || view.at === undefined || view.stale) return;
    if (view.at < state.since) return;
    const { isPending, isSettled } = latest.current;
    const pending = isPending(view.value);
    if (isSettled(view.value, state.since) || (state.sawPending && !pending)) setState(null);
    else if (pending && !state.sawPending) setState({ ...state, sawPending: true });
  }, [view.value, view.at, view.stale, state]);

  const pendingNow =
    view.value !== undefined &&
    (latest.current.isPending(view.value) || latest.current.isWaiting?.(view.value) === true);
  useEffect(() => {
    if (!visible || !active || view.loading) return undefined;
    const now = latest.current.now();
    let delay: number;
    if (state) {
      if (now - state.since > giveUpMs) {
        setState(null);
        return undefined;
      }
      delay = Math.min(fastMs * 1.25 ** state.polls, maxFastMs);
    } else {
      delay = pendingNow ? latest.current.normalMs : (latest.current.idleMs ?? 0);
    }
    if (delay <= 0) return undefined;
    // Counted from the last answer (a failed read counts as answered now), so re-renders never push it back.
    const answeredAt = view.error !== null ? now : (view.at ?? now);
    const timer = setTimeout(
      () => {
        if (state) setState((s) => (s ? { ...s, polls: s.polls + 1 } : s));
        refresh();
      },
      Math.max(0, delay - (now - answeredAt)),
    );
    return () => clearTimeout(timer);
  }, [
    visible,
    active,
    view.loading,
    view.at,
    view.error,
    state,
    pendingNow,
    refresh,
    fastMs,
    maxFastMs,
    giveUpMs,
  ]);

  return {
    follow,
    following: state !== null,
    awaitingPickup: state !== null && !state.sawPending,
    since: state?.since ?? null,
  };
}
