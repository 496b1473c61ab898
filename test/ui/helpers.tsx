import { render } from "@testing-library/preact";
import type { ComponentChildren } from "preact";
import { createStashApi } from "../../ui/api/client";
import { type AnswerCache, noCache } from "../../ui/lib/cache";
import { DepsContext, type UiDeps } from "../../ui/lib/deps";
import type { CannedPlugin } from "../fakes/stash/canned-plugin";
import { createFakeStash, type FakeStashCore } from "../fakes/stash/server";

export const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);
const PLUGIN_ID = "Stash2Plex";

export interface Harness {
  /** The fake Stash the UI talks to (its GraphQL schema, resolvers and plugin slot), without a socket. */
  stash: FakeStashCore;
  /** The canned plugin in the fake Stash's slot: overrides, failures, held operations, node missing. */
  plugin: CannedPlugin;
  toasts: { kind: "success" | "error"; message: string }[];
  navigations: string[];
  deps: UiDeps;
}

/** Real API client → the fake Stash with the canned plugin; recording host bridge; fixed clock; polling off unless asked. */
export function makeHarness(options: { cache?: AnswerCache; pollMs?: number } = {}): Harness {
  const stash = createFakeStash({ canned: true, clock: { now: () => NOW } });
  const plugin = stash.canned as CannedPlugin;
  stash.state.pluginSettings.set(PLUGIN_ID, {
    plex_url: "http://plex.example:32400",
    plex_token: "stub-token-0123456789",
    sync_rating: true,
  });
  const toasts: Harness["toasts"] = [];
  const navigations: string[] = [];
  const deps: UiDeps = {
    api: createStashApi({ baseUrl: "/", fetch: stash.fetch }),
    cache: options.cache ?? noCache,
    host: {
      navigate: (path) => navigations.push(path),
      toast: {
        success: (message) => toasts.push({ kind: "success", message }),
        error: (message) => toasts.push({ kind: "error", message }),
      },
    },
    now: () => NOW,
    pollMs: options.pollMs ?? 0,
    baseHref: "/",
  };
  return { stash, plugin, toasts, navigations, deps };
}

export function renderWith(harness: Harness, ui: ComponentChildren) {
  return render(<DepsContext.Provider value={harness.deps}>{ui}</DepsContext.Provider>);
}

/** Stash2Plex's settings as the fake Stash holds them. */
export function savedSettings(harness: Harness): Record<string, unknown> {
  return harness.stash.state.pluginSettings.get(PLUGIN_ID) ?? {};
}

/** Changes the saved settings behind the UI's back (another tab, another browser). */
export function saveSettingsElsewhere(harness: Harness, settings: Record<string, unknown>): void {
  harness.stash.state.pluginSettings.set(PLUGIN_ID, settings);
}

export interface UiCall {
  kind: "operation" | "task" | "saveSettings" | "other";
  op?: string;
  args?: Record<string, unknown>;
}

/** What the UI asked of Stash, oldest first, from the fake Stash's request record. */
export function uiCalls(harness: Harness): UiCall[] {
  return harness.stash.requests.map((r) => {
    const vars = r.variables ?? {};
    switch (r.operationName) {
      case "Stash2PlexOp": {
        const args = (vars["args"] ?? {}) as Record<string, unknown>;
        return { kind: "operation", op: String(args["op"]), args };
      }
      case "Stash2PlexTask":
        return { kind: "task", args: { name: vars["name"] } };
      case "Stash2PlexSave":
        return { kind: "saveSettings", args: vars };
      default:
        return { kind: "other" };
    }
  });
}

export function opCalls(harness: Harness, op: string) {
  return uiCalls(harness).filter((c) => c.kind === "operation" && c.op === op);
}
