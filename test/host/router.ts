import type { default as ReactNs } from "react";

/**
 * A tiny history-based router standing in for react-router-dom 5 (not installed): `<base href>` aware paths,
 * `useHistory().push`, and `Link`/`NavLink` that navigate without reloading.
 */
export function createRouter(React: typeof ReactNs, doc: Document) {
  const base = (doc.querySelector("base")?.getAttribute("href") ?? "/").replace(/\/?$/, "/");
  const listeners = new Set<() => void>();
  const current = () => {
    const path = doc.location.pathname;
    return path.startsWith(base) ? `/${path.slice(base.length)}` : path;
  };
  const history = {
    push(path: string) {
      doc.defaultView?.history.pushState(null, "", `${base}${path.replace(/^\//, "")}`);
      for (const l of listeners) l();
    },
  };
  doc.defaultView?.addEventListener("popstate", () => {
    for (const l of listeners) l();
  });

  function usePath(): string {
    const [path, setPath] = React.useState(current());
    React.useEffect(() => {
      const listener = () => setPath(current());
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    }, []);
    return path;
  }

  function Link(props: { to: string; className?: string; children?: unknown }) {
    return React.createElement(
      "a",
      {
        href: `${base}${props.to.replace(/^\//, "")}`,
        className: props.className,
        onClick: (e: MouseEvent) => {
          e.preventDefault();
          history.push(props.to);
        },
      },
      props.children,
    );
  }

  return { usePath, useHistory: () => history, Link };
}
