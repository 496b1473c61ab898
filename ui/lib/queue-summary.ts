import { useCallback, useEffect, useState } from "preact/hooks";
import type { QueueSummary } from "../../plugin/ops/contracts";
import type { StashApi } from "../api/client";
import type { AnswerCache } from "./cache";
import { useDeps } from "./deps";
import type { CachedView } from "./useCachedAnswer";

/**
 * One `queue.summary` poll per page, shared by every view that shows it. Each operation is a Node process on the
 * Stash server, and Stash mounts its navbar utility items twice (desktop and phone menus), so two navbar
 * buttons plus the queue page would otherwise run three polls. Subscribers say how often they want an answer;
 * the feed polls at the shortest wish while the page is visible and at least one view is mounted.
 */
export type SummaryState = Omit<CachedView<QueueSummary>, "refresh">;

const CACHE_KEY = "queue:summary";
/** A fresh enough answer is shared with a view that mounts later instead of asking again. */
const FRESH_MS = 2_000;

interface Subscriber {
  intervalMs: number;
  onChange(state: SummaryState): void;
}

export interface SummaryFeed {
  subscribe(intervalMs: number, onChange: (state: SummaryState) => void): () => void;
  /** Asks now (a request already on its way is shared); resolves when the answer is in, never rejects. */
  refresh(): Promise<void>;
  state(): SummaryState;
}

export interface FeedDeps {
  api: StashApi;
  cache: AnswerCache;
  now(): number;
  doc?: Document;
}

export function createSummaryFeed(deps: FeedDeps): SummaryFeed {
  const doc = deps.doc ?? (typeof document === "undefined" ? undefined : document);
  const subscribers = new Set<Subscriber>();
  let state: SummaryState = { value: undefined, at: undefined, stale: false, loading: false, error: null };
  let inFlight: Promise<void> | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let cacheRead = false;

  const visible = () => doc === undefined || doc.visibilityState === "visible";
  const set = (next: Partial<SummaryState>) => {
    state = { ...state, ...next };
    for (const s of subscribers) s.onChange(state);
  };
  const interval = () => {
    const wishes = [...subscribers].map((s) => s.intervalMs).filter((ms) => ms > 0);
    return wishes.length === 0 ? 0 : Math.min(...wishes);
  };
  const schedule = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const every = interval();
    if (every <= 0 || subscribers.size === 0 || !visible()) return;
    const due = state.at === undefined || state.stale ? 0 : Math.max(0, state.at + every - deps.now());
    timer = setTimeout(() => void refresh(), due);
  };
  const refresh = (): Promise<void> => {
    inFlight ??= (async () => {
      set({ loading: true });
      try {
        const value = await deps.api.runOperation("queue.summary", {});
        const at = deps.now();
        set({ value, at, stale: false, loading: false, error: null });
        void deps.cache.put(CACHE_KEY, value, at);
      } catch (error) {
        set({ loading: false, error });
      } finally {
        inFlight = null;
        schedule();
      }
    })();
    return inFlight;
  };
  const onVisibility = () => {
    if (!visible()) return schedule();
    if (subscribers.size > 0) void refresh();
  };

  return {
    subscribe(intervalMs, onChange) {
      const subscriber = { intervalMs, onChange };
      const first = subscribers.size === 0;
      subscribers.add(subscriber);
      if (first) doc?.addEventListener("visibilitychange", onVisibility);
      if (!cacheRead) {
        cacheRead = true;
        void deps.cache.get<QueueSummary>(CACHE_KEY).then((saved) => {
          if (saved && state.value === undefined) set({ value: saved.value, at: saved.at, stale: true });
        });
      }
      const fresh = state.at !== undefined && !state.stale && deps.now() - state.at < FRESH_MS;
      if (!fresh && inFlight === null) void refresh();
      else schedule();
      return () => {
        subscribers.delete(subscriber);
        if (subscribers.size === 0) doc?.removeEventListener("visibilitychange", onVisibility);
        schedule();
      };
    },
    refresh,
    state: () => state,
  };
}

// One feed per API client, i.e. per page (every island of a page shares the client `install` made).
const feeds = new WeakMap<StashApi, SummaryFeed>();

export function summaryFeedFor(deps: FeedDeps): SummaryFeed {
  let feed = feeds.get(deps.api);
  if (!feed) {
    feed = createSummaryFeed(deps);
    feeds.set(deps.api, feed);
  }
  return feed;
}

/** The shared queue summary, refreshed at least every `intervalMs` while this view is mounted (0: no polling). */
export function useQueueSummary(intervalMs: number): CachedView<QueueSummary> {
  const { api, cache, now } = useDeps();
  const feed = summaryFeedFor({ api, cache, now });
  const [state, setState] = useState<SummaryState>(() => feed.state());
  useEffect(() => feed.subscribe(intervalMs, setState), [feed, intervalMs]);
  // Stable, so a follow timer keyed on it is not restarted by every render.
  const refresh = useCallback(() => void feed.refresh(), [feed]);
  return { ...state, refresh };
}
