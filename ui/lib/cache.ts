/**
 * The last answer per scene and per queue view, so panels paint at once and refresh behind. Browser storage may
 * be missing (private mode), full, or blocked: every method resolves (to undefined / nothing) instead of throwing.
 */
export interface CachedAnswer<T> {
  value: T;
  /** When the answer was fetched (epoch ms). */
  at: number;
}

export interface AnswerCache {
  get<T>(key: string): Promise<CachedAnswer<T> | undefined>;
  put<T>(key: string, value: T, at: number): Promise<void>;
}

interface Row {
  key: string;
  value: unknown;
  at: number;
}

const DB_NAME = "stash2plex-ui";
const DB_VERSION = 1;
const STORE = "answers";

export function openAnswerCache(storageAvailable = typeof indexedDB !== "undefined"): AnswerCache {
  let db: Promise<IDBDatabase | null> | undefined;
  const database = () => {
    db ??= storageAvailable ? openQuietly() : Promise.resolve(null);
    return db;
  };
  return {
    async get<T>(key: string) {
      try {
        const found = await database();
        const row = found
          ? await request<Row | undefined>(found.transaction(STORE).objectStore(STORE).get(key))
          : undefined;
        return row ? { value: row.value as T, at: row.at } : undefined;
      } catch {
        return undefined;
      }
    },
    async put<T>(key: string, value: T, at: number) {
      try {
        const found = await database();
        if (found)
          await request(found.transaction(STORE, "readwrite").objectStore(STORE).put({ key, value, at }));
      } catch {
        // Quota or a closed connection: the cache is an optimisation, never a failure.
      }
    },
  };
}

/**
 * IndexedDB's request callbacks as a promise. Written out here instead of the `idb` wrapper: the UI bundle is
 * injected into every Stash page, and these few lines are all of it the cache needs.
 */
function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function openQuietly(): Promise<IDBDatabase | null> {
  try {
    const open = indexedDB.open(DB_NAME, DB_VERSION);
    open.onupgradeneeded = () => open.result.createObjectStore(STORE, { keyPath: "key" });
    return await request(open);
  } catch {
    return null;
  }
}

/** A cache that remembers nothing (tests, or when storage is off). */
export const noCache: AnswerCache = {
  get: async () => undefined,
  put: async () => {},
};
