// Just enough of React 17 / ReactDOM 17 (dev dependencies, shipped without types) for the host page and the
// island tests. Stash provides these at run time; the UI bundle never imports them.
declare module "react" {
  type Component<P> = (props: P) => unknown;
  interface ReactStatic {
    createElement(
      type: unknown,
      props?: Record<string, unknown> | null,
      ...children: unknown[]
    ): ReactElementLike;
    useRef<T>(initial: T): { current: T };
    useEffect(effect: () => undefined | (() => void), deps?: readonly unknown[]): void;
    useState<T>(initial: T | (() => T)): [T, (next: T | ((old: T) => T)) => void];
    useContext<T>(context: ContextLike<T>): T;
    createContext<T>(value: T): ContextLike<T>;
    Fragment: unknown;
  }
  interface ContextLike<T> {
    Provider: Component<{ value: T; children?: unknown }>;
    readonly _default?: T;
  }
  interface ReactElementLike {
    readonly type: unknown;
    readonly props: unknown;
  }
  const React: ReactStatic;
  export default React;
  export type { Component, ContextLike, ReactElementLike };
}

declare module "react-dom" {
  const ReactDOM: {
    render(element: unknown, container: Element): void;
    unmountComponentAtNode(container: Element): boolean;
  };
  export default ReactDOM;
}

declare module "react-dom/test-utils" {
  export function act(callback: () => void): void;
}
