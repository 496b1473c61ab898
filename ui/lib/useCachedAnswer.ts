import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { useDeps } from "./deps";
import { usePoll } from "./usePoll";

export interface CachedView<T> {
  /** The freshest answer we have: from the server, or the saved one while the first fetch runs. */
  value: T | undefined;
  /** When `value` was fetched (epoch ms). */
  at: number | undefined;
  /** True while `value` comes from the saved cache and no fresh answer arrived yet. */
  stale: boolean;
  loading: boolean;
  /** The last fetch's failure (cleared by the next success). Old values stay visible. */
  error: unknown;
  refresh(): void;
}

interface ViewState<T> {
  value: T | undefined;
  at: number | undefined;
  stale: boolean;
  loading: boolean;
  error: unknown;
}

const INITIAL = { value: undefined, at: undefined, stale: false, loading: true, error: null };

/** Paints the last saved answer for `key` at once, fetches a fresh one behind it, and polls while visible. */
export function useCachedAnswer<T>(key: string, load: () => Promise<T>, pollMs?: number): CachedView<T> {
  const { cache, now } = useDeps();
  const [state, setState] = useState<ViewState<T>>(INITIAL);
  const loadRef = useRef(load);
  loadRef.current = load;
  const generation = useRef(0);

  const fetchFresh = useCallback(() => {
    const mine = generation.current;
    setState((s) => ({ ...s, loading: true }));
    loadRef.current().then(
      (value) => {
        if (generation.current !== mine) return;
        const at = now();
        setState({ value, at, stale: false, loading: false, error: null });
        void cache.put(key, value, at);
      },
      (error: unknown) => {
        if (generation.current !== mine) return;
        setState((s) => ({ ...s, loading: false, error }));
      },
    );
  }, [key, cache, now]);

  useEffect(() => {
    generation.current += 1;
    const mine = generation.current;
    setState(INITIAL);
    void cache.get<T>(key).then((saved) => {
      if (!saved || generation.current !== mine) return;
      // Only paint the saved answer if no fresh one has landed in the meantime.
      setState((s) => (s.value === undefined ? { ...s, value: saved.value, at: saved.at, stale: true } : s));
    });
    fetchFresh();
    return () => {
      generation.current += 1;
    };
  }, [key, cache, fetchFresh]);

  usePoll(fetchFresh, pollMs ?? 0);
  return { ...state, refresh: fetchFresh };
}
