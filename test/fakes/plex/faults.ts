/**
 * Fault injection for the fake Plex, per route pattern and over time.
 *
 * Matchers: "*" (everything), "/library/metadata/*" (prefix when it ends with "*"), an exact path,
 * either optionally prefixed by a method ("PUT /library/sections/*"), a RegExp tested on the path,
 * or a predicate. A fault applies to the next `times` matching requests (default: unlimited) and
 * only while the fake clock is before `until` (epoch ms). The most recently set matching fault wins.
 */
export type FaultType =
  /** Destroy the socket without an answer (client sees a reset). */
  | "refuse"
  /** Delay `delayMs` before the headers, then answer normally. */
  | "slow"
  /** Send 200 headers at once, finish the body after `delayMs`. */
  | "slow-body"
  /** Never answer (until the client gives up or the fake stops). */
  | "hang"
  /** Answer `status` with Plex's stock body for it (503 = maintenance XML), or `body`. */
  | "status"
  /** 200 with a non-JSON body (default: an HTML proxy page), or `body`/`contentType`. */
  | "garbage";

export interface Fault {
  type: FaultType;
  status?: number;
  delayMs?: number;
  times?: number;
  until?: number;
  body?: string;
  contentType?: string;
}

export type FaultMatcher = string | RegExp | ((request: { method: string; path: string }) => boolean);

interface Entry {
  id: number;
  matches: (method: string, path: string) => boolean;
  fault: Fault;
  remaining: number;
}

function compile(matcher: FaultMatcher): Entry["matches"] {
  if (typeof matcher === "function") return (method, path) => matcher({ method, path });
  if (matcher instanceof RegExp) return (_method, path) => matcher.test(path);
  if (matcher === "*") return () => true;
  const space = matcher.indexOf(" ");
  const wantMethod = space > 0 ? matcher.slice(0, space).toUpperCase() : null;
  const pattern = space > 0 ? matcher.slice(space + 1) : matcher;
  const prefix = pattern.endsWith("*") ? pattern.slice(0, -1) : null;
  return (method, path) =>
    (wantMethod === null || wantMethod === method) &&
    (pattern === "*" || (prefix !== null ? path.startsWith(prefix) : path === pattern));
}

export class FaultRegistry {
  private entries: Entry[] = [];
  private nextId = 1;

  /** Adds a fault; returns a function that removes it. */
  set(matcher: FaultMatcher, fault: Fault): () => void {
    const id = this.nextId++;
    this.entries.push({
      id,
      matches: compile(matcher),
      fault,
      remaining: fault.times ?? Number.POSITIVE_INFINITY,
    });
    return () => {
      this.entries = this.entries.filter((e) => e.id !== id);
    };
  }

  clear(): void {
    this.entries = [];
  }

  get size(): number {
    return this.entries.length;
  }

  /** The fault for this request, consuming one of its `times`. */
  take(method: string, path: string, now: number): Fault | null {
    this.entries = this.entries.filter(
      (e) => e.remaining > 0 && (e.fault.until === undefined || now < e.fault.until),
    );
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const entry = this.entries[i];
      if (!entry?.matches(method, path)) continue;
      entry.remaining -= 1;
      return entry.fault;
    }
    return null;
  }
}
