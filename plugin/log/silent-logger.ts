import type { Logger } from "./logger.js";

const noop = () => {};

/** A Logger that drops everything: for re-reading persisted state whose warnings were logged when it was written. */
export const silentLogger: Logger = {
  trace: noop,
  debug: noop,
  info: noop,
  warn: noop,
  error: noop,
  progress: noop,
  child: () => silentLogger,
  addSecret: noop,
};
