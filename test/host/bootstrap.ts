import type { default as ReactNs } from "react";

type Props = { children?: unknown; className?: string; eventKey?: string; [key: string]: unknown };

/** react-bootstrap 1.6 stand-ins: Nav (+Item, Link), Tab (Container, Content, Pane), Button, Badge. */
export function createBootstrap(React: typeof ReactNs) {
  const h = React.createElement;
  const TabContext = React.createContext<{ active: string; select(key: string): void }>({
    active: "",
    select: () => {},
  });

  const Nav = Object.assign(
    (p: Props) => h("ul", { className: "nav nav-tabs", role: "tablist" }, p.children),
    {
      Item: (p: Props) => h("li", { className: "nav-item" }, p.children),
      Link: (p: Props) => {
        const tab = React.useContext(TabContext);
        const active = tab.active === p.eventKey;
        return h(
          "a",
          {
            href: "#",
            role: "tab",
            "aria-selected": active,
            className: `nav-link${active ? " active" : ""}`,
            onClick: (e: MouseEvent) => {
              e.preventDefault();
              tab.select(String(p.eventKey));
            },
          },
          p.children,
        );
      },
    },
  );

  const Tab = {
    Container: (p: Props & { defaultActiveKey: string }) => {
      const [active, select] = React.useState(p.defaultActiveKey);
      return h(TabContext.Provider, { value: { active, select } }, p.children);
    },
    Content: (p: Props) => h("div", { className: "tab-content" }, p.children),
    // Like Stash's scene page (react-bootstrap's default Tab.Pane, no mountOnEnter/unmountOnExit): every pane
    // stays mounted; an inactive one is only hidden by CSS (`.tab-content > .tab-pane { display: none }`).
    Pane: (p: Props) => {
      const tab = React.useContext(TabContext);
      const active = tab.active === p.eventKey;
      return h(
        "div",
        {
          className: `fade tab-pane${active ? " active show" : ""}`,
          role: "tabpanel",
          "aria-hidden": !active,
        },
        p.children,
      );
    },
  };

  const Button = (p: Props) =>
    h("button", { type: "button", ...p, className: `btn ${p.className ?? "btn-primary"}` });
  const Badge = (p: Props) => h("span", { className: `badge ${p.className ?? ""}` }, p.children);
  return { Nav, Tab, Button, Badge };
}
