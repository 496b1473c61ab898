/**
 * The part of Stash's `window.PluginApi` (React 17, react-router-dom 5, react-bootstrap 1.6) that Stash2Plex
 * uses, typed by hand with no React types: React values stay opaque to the Preact side.
 */
export interface ReactElement {
  readonly type: unknown;
  readonly props: unknown;
}

export interface ReactLike {
  createElement(type: unknown, props?: Record<string, unknown> | null, ...children: unknown[]): ReactElement;
  useRef<T>(initial: T): { current: T };
  useEffect(effect: () => undefined | (() => void), deps?: readonly unknown[]): void;
}

export interface RouterHistory {
  push(path: string): void;
}

export interface ToastApi {
  success(message: string): void;
  error(error: unknown): void;
}

/** Props of patched components: React passes (props, refOrContext), and patches receive both. */
export type PatchArgs = [props: Record<string, unknown>, ...rest: unknown[]];

export interface PluginApi {
  React: ReactLike;
  libraries: {
    ReactRouterDOM: { useHistory(): RouterHistory };
    Bootstrap: {
      Nav: { Item: unknown; Link: unknown };
      Tab: { Pane: unknown };
    };
  };
  /** `useToast` exists from Stash v0.25. */
  hooks?: { useToast?: () => ToastApi };
  register: { route(path: string, component: (props: Record<string, unknown>) => ReactElement | null): void };
  patch: {
    before(name: string, fn: (...args: PatchArgs) => unknown[]): void;
    instead(name: string, fn: (...args: unknown[]) => unknown): void;
    after(name: string, fn: (...args: unknown[]) => unknown): void;
  };
}

export function pluginApiOf(win: Window): PluginApi | undefined {
  return (win as Window & { PluginApi?: PluginApi }).PluginApi;
}
