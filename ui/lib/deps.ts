import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { StashApi } from "../api/client";
import type { AnswerCache } from "./cache";

/** What the React side of Stash lends an island: its router and its toasts (invisible from Preact otherwise). */
export interface HostBridge {
  navigate(path: string): void;
  toast: { success(message: string): void; error(message: string): void };
}

/** Everything a component needs from outside, passed down explicitly instead of module singletons. */
export interface UiDeps {
  api: StashApi;
  cache: AnswerCache;
  host: HostBridge;
  now(): number;
  /** Poll interval of live views (ms). */
  pollMs: number;
  /** `<base href>`, ending with "/"; prefixes links Stash's router would otherwise resolve. */
  baseHref: string;
}

export const DepsContext = createContext<UiDeps | null>(null);

export function useDeps(): UiDeps {
  const deps = useContext(DepsContext);
  if (!deps) throw new Error("Stash2Plex component rendered outside its island (no DepsContext).");
  return deps;
}
