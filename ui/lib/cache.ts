import { type DBSchema, type IDBPDatabase, openDB } from "idb";

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

interface CacheSchema extends DBSchema {
  answers: { key: string; value: { key: string; value: unknown; at: number } };
}

const DB_NAME = "stash2plex-ui";
const DB_VERSION = 1;

export function openAnswerCache(storageAvailable = typeof indexedDB !== "undefined"): AnswerCache {
  let db: Promise<IDBPDatabase<CacheSchema> | null> | undefined;
  const database = () => {
    db ??= storageAvailable ? openQuietly() : Promise.resolve(null);
    return db;
  };
  return {
    async get<T>(key: string) {
      try {
        const row = await (await database())?.get("answers", key);
        return row ? { value: row.value as T, at: row.at } : undefined;
      } catch {
        return undefined;
      }
    },
    async put<T>(key: string, value: T, at: number) {
      try {
        await (await database())?.put("answers", { key, value, at });
      } catch {
        // Quota or a closed connection: the cache is an optimisation, never a failure.
      }
    },
  };
}

async function openQuietly(): Promise<IDBPDatabase<CacheSchema> | null> {
  try {
    return await openDB<CacheSchema>(DB_NAME, DB_VERSION, {
      upgrade(upgradeDb) {
        upgradeDb.createObjectStore("answers", { keyPath: "key" });
      },
    });
  } catch {
    return null;
  }
}

/** A cache that remembers nothing (tests, or when storage is off). */
export const noCache: AnswerCache = {
  get: async () => undefined,
  put: async () => {},
};
