/**
 * Iterates `source` one element ahead: as soon as an element is handed out, the next is already being fetched,
 * so a loop that pages Stash or Plex works on one page while the server prepares the next (the wall time of a
 * sweep becomes the larger of the two instead of their sum). At most one element waits in memory. An error
 * fetching the next element surfaces where the loop asks for it, as without read-ahead; a loop that stops early
 * closes the source once the fetch in flight has settled.
 */
export async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T, void, undefined> {
  const iterator = source[Symbol.asyncIterator]();
  let pending = iterator.next();
  let finished = false;
  try {
    for (;;) {
      const result = await pending;
      if (result.done) {
        finished = true;
        return;
      }
      pending = iterator.next();
      // Not awaited until the loop comes back: a rejection here is the loop's to see, or nobody's when it stopped.
      pending.catch(() => undefined);
      // One turn of the event loop before handing the page over: the request just started only reaches the
      // socket once Node gets a turn (its socket is assigned on a later tick), and the loop's work on this page
      // (a synchronous SQLite transaction) would otherwise hold it back until that work is done.
      await new Promise((resolve) => setImmediate(resolve));
      yield result.value;
    }
  } finally {
    if (!finished) {
      await pending.catch(() => undefined);
      await iterator.return?.();
    }
  }
}
