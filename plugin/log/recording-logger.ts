import type { Logger, RecordedLine } from "./logger.js";

/** A Logger that keeps lines in memory: for unit tests and for collecting a report. */
export function createRecordingLogger(component = ""): Logger & { lines: RecordedLine[] } {
  const lines: RecordedLine[] = [];
  const make = (name: string): Logger => ({
    trace: (message) => lines.push({ level: "trace", component: name, message }),
    debug: (message) => lines.push({ level: "debug", component: name, message }),
    info: (message) => lines.push({ level: "info", component: name, message }),
    warn: (message) => lines.push({ level: "warn", component: name, message }),
    error: (message) => lines.push({ level: "error", component: name, message }),
    progress: (fraction) => lines.push({ level: "progress", component: name, message: String(fraction) }),
    child: (child) => make(name ? `${name} ${child}` : child),
    addSecret: () => {},
  });
  return Object.assign(make(component), { lines });
}
