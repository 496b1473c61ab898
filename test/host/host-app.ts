import React from "react";
import ReactDOM from "react-dom";
import { createBootstrap } from "./bootstrap";
import { createPatchRegistry } from "./patch";
import { createRouter } from "./router";

/**
 * A `window.PluginApi` stand-in on real React 17 with Stash's patch semantics and the patch points Stash2Plex
 * uses, plus a tiny app (navbar, scene page with tabs, plugin routes, settings) to host the built UI bundle.
 * Loaded as a classic script before the plugin script, like Stash ≥ v0.28 does; `StashHost.start()` renders.
 */
const h = React.createElement;
const patches = createPatchRegistry(React);
const router = createRouter(React, document);
const Bootstrap = createBootstrap(React);
const routes = new Map<string, (props: Record<string, unknown>) => unknown>();
const toastListeners = new Set<(text: string) => void>();

function announce(text: string): void {
  for (const listener of toastListeners) listener(text);
}

function useToast() {
  return {
    success: (message: string) => announce(`✓ ${message}`),
    error: (error: unknown) => announce(`✗ ${error instanceof Error ? error.message : String(error)}`),
  };
}

// Like Stash's MainNavbar: a fragment, rendered twice (in the collapsible menu and in the navbar buttons).
const UtilityItems = patches.component("MainNavBar.UtilityItems", (props) =>
  h(React.Fragment, null, props["children"]),
);
const SceneTabs = patches.component("ScenePage.Tabs", (props) =>
  h(Bootstrap.Nav, { variant: "tabs" }, props["children"]),
);
const SceneTabContent = patches.component("ScenePage.TabContent", (props) =>
  h(Bootstrap.Tab.Content, null, props["children"]),
);
const PluginSettings = patches.component("PluginSettings", (props) =>
  h("div", { className: "generic-plugin-settings" }, `Generic settings for ${String(props["pluginID"])}`),
);

function ScenePage({ id }: { id: string }) {
  const scene = { id, title: `Scene ${id}`, files: [{ path: `/data/scene${id}.mp4` }] };
  return h(
    "div",
    { className: "scene-page" },
    h("h3", null, scene.title),
    h(
      Bootstrap.Tab.Container,
      { defaultActiveKey: "scene-details-panel" },
      h(
        SceneTabs,
        { scene },
        h(
          Bootstrap.Nav.Item,
          { key: "details" },
          h(Bootstrap.Nav.Link, { eventKey: "scene-details-panel" }, "Details"),
        ),
      ),
      h(
        SceneTabContent,
        { scene },
        h(
          Bootstrap.Tab.Pane,
          { key: "details", eventKey: "scene-details-panel" },
          `Details of ${scene.title}`,
        ),
      ),
    ),
  );
}

function Toasts() {
  const [items, setItems] = React.useState<string[]>([]);
  React.useEffect(() => {
    const listener = (text: string) => setItems((old) => [...old, text]);
    toastListeners.add(listener);
    return () => {
      toastListeners.delete(listener);
    };
  }, []);
  return h(
    "div",
    { id: "toasts", role: "log" },
    ...items.map((t, i) => h("div", { key: i, className: "toast-item" }, t)),
  );
}

const STATIC_SCENES = ["1", "2", "3", "4", "666"].map((id) => ({ id, title: `Scene ${id}` }));
const FIND_SCENES = `query HostScenes { findScenes(filter: { per_page: 40, sort: "id", direction: ASC }) {
  scenes { id title } } }`;

/** The home page lists the fake Stash's scenes; with none seeded (the canned plugin's pages), the static list. */
function SceneList() {
  const [scenes, setScenes] = React.useState(STATIC_SCENES);
  React.useEffect(() => {
    fetch("graphql", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: FIND_SCENES }),
    })
      .then((r) => r.json())
      .then((body: { data?: { findScenes?: { scenes?: Array<{ id: string; title: string | null }> } } }) => {
        const found = body.data?.findScenes?.scenes;
        if (found && found.length > 0)
          setScenes(found.map((s) => ({ id: s.id, title: s.title ?? `Scene ${s.id}` })));
      })
      .catch(() => {});
  }, []);
  return h(
    "ul",
    { className: "host-scene-list" },
    ...scenes.map((s) =>
      h("li", { key: s.id }, h(router.Link, { to: `/scenes/${s.id}` }, `${s.id} · ${s.title}`)),
    ),
  );
}

/** Stash's stock utility item (the statistics button): a NavLink `.nav-utility` holding a minimal Button. */
function StockUtility() {
  return h(
    router.Link,
    { to: "/stats", className: "nav-utility" },
    h("span", { className: "btn minimal d-flex align-items-center h-100", title: "Statistics" }, "▥"),
  );
}

/**
 * The top navbar as Stash builds it (MainNavbar.tsx): the utility items are rendered TWICE — inside the
 * collapsible menu (shown only on phones, once opened) and in `.navbar-buttons` (hidden on phones by
 * `.navbar-buttons .nav-utility { display: none }`) — so a plugin's item is mounted twice on every page.
 */
function Navbar() {
  const [expanded, setExpanded] = React.useState(false);
  return h(
    "nav",
    { className: "navbar navbar-expand-xl navbar-dark bg-dark top-nav" },
    h(
      "div",
      { className: `navbar-collapse collapse${expanded ? " show" : ""}` },
      h(
        "div",
        { className: "navbar-nav host-menu-items" },
        h(router.Link, { to: "/", className: "nav-link" }, "Scenes"),
        h(router.Link, { to: "/settings", className: "nav-link" }, "Settings"),
      ),
      h("div", { className: "navbar-nav" }, h(UtilityItems, null, h(StockUtility, { key: "stats" }))),
    ),
    h(
      "div",
      { className: "navbar-brand" },
      h(router.Link, { to: "/", className: "brand-link" }, "Stash (host)"),
    ),
    h(
      "div",
      { className: "navbar-nav navbar-buttons flex-row ml-auto" },
      h(UtilityItems, null, h(StockUtility, { key: "stats" })),
      h(
        "button",
        {
          type: "button",
          className: "navbar-toggler nav-menu-toggle",
          "aria-label": "Toggle navigation",
          "aria-expanded": expanded,
          onClick: () => setExpanded(!expanded),
        },
        expanded ? "✕" : "☰",
      ),
    ),
  );
}

function Page() {
  const path = router.usePath();
  const scene = path.match(/^\/scenes\/(\d+)$/);
  const route = routes.get(path);
  const body = scene?.[1]
    ? h(ScenePage, { key: path, id: scene[1] })
    : route
      ? h(route, {})
      : path === "/settings"
        ? h(
            "div",
            null,
            h("h3", null, "Plugins"),
            h(PluginSettings, { pluginID: "Stash2Plex" }),
            h(PluginSettings, { pluginID: "OtherPlugin" }),
          )
        : h(SceneList, null);
  return h(
    "div",
    null,
    h(Navbar, null),
    h("main", { className: "container-fluid py-3" }, body),
    h(Toasts, null),
  );
}

const PluginApi = {
  React,
  ReactDOM,
  libraries: {
    ReactRouterDOM: { useHistory: router.useHistory, Link: router.Link, NavLink: router.Link },
    Bootstrap,
  },
  hooks: { useToast },
  register: {
    route: (path: string, component: (props: Record<string, unknown>) => unknown) => {
      routes.set(path, component);
    },
  },
  patch: patches.api,
  components: patches.components,
  Event: new EventTarget(),
};

(window as unknown as { PluginApi: typeof PluginApi }).PluginApi = PluginApi;
(window as unknown as { StashHost: { start(): void } }).StashHost = {
  start: () => {
    ReactDOM.render(h(Page, null), document.getElementById("root") as HTMLElement);
  },
};
