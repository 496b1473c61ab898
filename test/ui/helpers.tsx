import { render } from "@testing-library/preact";
import type { ComponentChildren } from "preact";
import { createStashApi } from "../../ui/api/client";
import { type AnswerCache, noCache } from "../../ui/lib/cache";
import { DepsContext, type UiDeps } from "../../ui/lib/deps";
import { createStubBackend, type StubBackend, stubFetch } from "../host/stub-backend";

export const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);

export interface Harness {
  backend: StubBackend;
  toasts: { kind: "success" | "error"; message: string }[];
  navigations: string[];
  deps: UiDeps;
}

/** Real API client → in-process stub backend; recording host bridge; fixed clock; polling off unless asked. */
export function makeHarness(
  options: { cache?: AnswerCache; pollMs?: number; backend?: StubBackend } = {},
): Harness {
  const backend = options.backend ?? createStubBackend({ now: () => NOW });
  const toasts: Harness["toasts"] = [];
  const navigations: string[] = [];
  const deps: UiDeps = {
    api: createStashApi({ baseUrl: "/", fetch: stubFetch(backend) }),
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
  return { backend, toasts, navigations, deps };
}

export function renderWith(harness: Harness, ui: ComponentChildren) {
  return render(<DepsContext.Provider value={harness.deps}>{ui}</DepsContext.Provider>);
}

export function opCalls(harness: Harness, op: string) {
  return harness.backend.calls.filter((c) => c.kind === "operation" && c.op === op);
}
