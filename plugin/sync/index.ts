/** The pure sync core: path map, matching, library index, sanitising, desired state, edit and image plans. */
export * from "./desired.js";
export * from "./hash.js";
export * from "./images.js";
export * from "./library-index.js";
export * from "./match.js";
export * from "./normalize.js";
export * from "./path-map.js";
export * from "./plan.js";
export * from "./sanitize.js";
