import type { Logger } from "../log/logger.js";
import type { Runtime } from "../runtime/runtime.js";

/**
 * A runtime whose progress reports land in [from, to] of the task's bar, so a task made of phases (page
 * scenes, then drain) moves one bar forward instead of restarting it at 0 for each phase.
 */
export function withProgressRange(rt: Runtime, from: number, to: number): Runtime {
  return { ...rt, logger: scaledLogger(rt.logger, from, to) };
}

function scaledLogger(logger: Logger, from: number, to: number): Logger {
  return {
    trace: (m) => logger.trace(m),
    debug: (m) => logger.debug(m),
    info: (m) => logger.info(m),
    warn: (m) => logger.warn(m),
    error: (m) => logger.error(m),
    progress: (f) => logger.progress(from + (to - from) * Math.min(1, Math.max(0, f))),
    child: (component) => logger.child(component),
    addSecret: (secret) => logger.addSecret(secret),
  };
}
