/**
 * Runs calls that share a key one after another (calls with different keys run side by side), so concurrent
 * work on one thing — e.g. the scenes of one group writing its Plex collection — can re-check before acting.
 */
export type OneAtATime = <T>(key: string, fn: () => Promise<T>) => Promise<T>;

export function oneAtATime(): OneAtATime {
  const tails = new Map<string, Promise<unknown>>();
  return (key, fn) => {
    const previous = tails.get(key) ?? Promise.resolve();
    const run = previous.then(fn, fn);
    const tail = run.catch(() => undefined);
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return run;
  };
}
