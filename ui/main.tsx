import "./styles.css";
import { install } from "./host/install";
import { pluginApiOf } from "./host/plugin-api";
import { openAnswerCache } from "./lib/cache";

/** Entry of the IIFE Stash loads as a classic script on every page. */
const api = pluginApiOf(window);
if (api) {
  install(api, { doc: document, cache: openAnswerCache(), now: () => Date.now(), pollMs: 15_000 });
} else {
  console.error(
    "[Stash2Plex] window.PluginApi is missing: this Stash is too old for UI plugins (needs v0.28+).",
  );
}
