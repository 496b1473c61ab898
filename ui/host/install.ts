import { PLUGIN_ID } from "../../plugin/ops/contracts";
import { baseHref, createStashApi } from "../api/client";
import { NavButton, QUEUE_ROUTE } from "../components/NavButton";
import { QueuePage } from "../components/QueuePage";
import { SceneTab } from "../components/SceneTab";
import { SettingsPanel } from "../components/SettingsPanel";
import type { AnswerCache } from "../lib/cache";
import { createIslands } from "./island";
import type { PatchArgs, PluginApi } from "./plugin-api";

export const TAB_KEY = "stash2plex-panel";

export interface InstallOptions {
  doc: Document;
  cache: AnswerCache;
  now(): number;
  pollMs: number;
}

/** Registers every Stash2Plex patch and route on Stash's PluginApi. */
export function install(api: PluginApi, options: InstallOptions): void {
  const base = baseHref(options.doc);
  const island = createIslands(api, {
    api: createStashApi({ baseUrl: base }),
    cache: options.cache,
    now: options.now,
    pollMs: options.pollMs,
    baseHref: base,
  });
  const { createElement } = api.React;
  const { Nav, Tab } = api.libraries.Bootstrap;
  const withChild = ([props, ...rest]: PatchArgs, child: unknown): unknown[] => [
    { ...props, children: [props["children"], child] },
    ...rest,
  ];

  api.patch.before("ScenePage.Tabs", (...args) =>
    withChild(
      args,
      createElement(
        Nav.Item,
        { key: "stash2plex-tab" },
        createElement(Nav.Link, { eventKey: TAB_KEY }, "Plex"),
      ),
    ),
  );
  api.patch.before("ScenePage.TabContent", (...args) => {
    const sceneId = sceneIdOf(args[0]);
    const pane = sceneId ? island(SceneTab, { sceneId }, `stash2plex-scene-${sceneId}`) : null;
    return withChild(args, createElement(Tab.Pane, { key: "stash2plex-pane", eventKey: TAB_KEY }, pane));
  });
  api.register.route(QUEUE_ROUTE, () => island(QueuePage, {}));
  api.patch.before("MainNavBar.UtilityItems", (...args) =>
    withChild(args, island(NavButton, {}, "stash2plex-nav")),
  );
  api.patch.instead("PluginSettings", (...args) => {
    const next = args[args.length - 1] as (...a: unknown[]) => unknown;
    const props = args[0] as { pluginID?: unknown } | undefined;
    if (props?.pluginID === PLUGIN_ID) return island(SettingsPanel, {});
    return next(...args.slice(0, -1));
  });
}

function sceneIdOf(props: Record<string, unknown>): string | null {
  const scene = props["scene"] as { id?: unknown } | undefined;
  return typeof scene?.id === "string" || typeof scene?.id === "number" ? String(scene.id) : null;
}
