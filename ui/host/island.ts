import { type ComponentType, h, render } from "preact";
import { DepsContext, type HostBridge, type UiDeps } from "../lib/deps";
import type { PluginApi, ReactElement, ToastApi } from "./plugin-api";

export type IslandDeps = Omit<UiDeps, "host">;

const fallbackToast: ToastApi = {
  success: (message) => console.info(`[Stash2Plex] ${message}`),
  error: (error) => console.error("[Stash2Plex]", error),
};

interface HostRuntime {
  api: PluginApi;
  deps: IslandDeps;
  useToast(): ToastApi;
}

interface IslandHostProps {
  runtime: HostRuntime;
  component: ComponentType<Record<string, unknown>>;
  props: Record<string, unknown>;
}

/**
 * A React component (made with Stash's React) that renders a `<div>` and keeps a Preact tree inside it:
 * rendered after every React render (so new props arrive), unmounted with the div. It calls the same hooks in
 * the same order on every render (rules of hooks).
 */
function IslandHost({ runtime, component, props }: IslandHostProps): ReactElement {
  const React = runtime.api.React;
  const ref = React.useRef<HTMLDivElement | null>(null);
  const history = runtime.api.libraries.ReactRouterDOM.useHistory();
  const toast = runtime.useToast();
  React.useEffect(() => {
    const bridge: HostBridge = {
      navigate: (path) => history.push(path),
      toast: { success: (m) => toast.success(m), error: (m) => toast.error(new Error(m)) },
    };
    const value: UiDeps = { ...runtime.deps, host: bridge };
    if (ref.current) render(h(DepsContext.Provider, { value }, h(component, props)), ref.current);
    return undefined;
  });
  React.useEffect(() => {
    const node = ref.current;
    return () => {
      if (node) render(null, node);
    };
  }, []);
  return React.createElement("div", { ref, className: "stash2plex-island" });
}

/**
 * Returns `island(Component, props)`: a React element that hosts a Preact tree. The React side lends the island
 * its router (`history.push`) and toasts through `HostBridge`; Router/Intl/Apollo contexts are invisible to Preact.
 */
export function createIslands(api: PluginApi, deps: IslandDeps) {
  // Chosen once, so every render of every host calls the same hooks.
  const runtime: HostRuntime = { api, deps, useToast: api.hooks?.useToast ?? (() => fallbackToast) };
  return function island<P extends Record<string, unknown>>(
    component: ComponentType<P>,
    props: P,
    key?: string,
  ): ReactElement {
    return api.React.createElement(IslandHost, {
      key,
      runtime,
      component: component as ComponentType<Record<string, unknown>>,
      props,
    });
  };
}
