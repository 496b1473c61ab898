/** Replaced by the bundler with package.json's version (vite.config.ts `define`, also used by vitest.config.ts). */
declare const __STASH2PLEX_VERSION__: string | undefined;

/**
 * The plugin's version, written only in package.json. Code run straight from source by tsx (bench/) has no
 * bundler to put it in, and says so rather than claim a version.
 */
export const PLUGIN_VERSION: string =
  typeof __STASH2PLEX_VERSION__ === "string" ? __STASH2PLEX_VERSION__ : "0.0.0-unbundled";
