import type { Logger } from "./logger.js";
import { Redactor } from "./redact.js";

/**
 * The Logger that writes Stash's levelled stderr protocol. Stash reads stderr line by line (64 KiB max) and
 * hides debug/trace at its default level, so with `debug_logging` on, debug lines go out at info level with a
 * `[DEBUG]` prefix (visible), as the original does since 1.3.3.
 */
const LEVEL_CHAR = { trace: "t", debug: "d", info: "i", warn: "w", error: "e" } as const;
const MAX_LINE = 60_000;

export interface StderrLoggerOptions {
  write: (text: string) => void;
  redactor?: Redactor;
  debugVisible?: boolean;
  component?: string;
}

interface Shared {
  write: (text: string) => void;
  redactor: Redactor;
  debugVisible: boolean;
}

export function createStderrLogger(options: StderrLoggerOptions): Logger & {
  setDebugVisible(visible: boolean): void;
} {
  const shared: Shared = {
    write: options.write,
    redactor: options.redactor ?? new Redactor(),
    debugVisible: options.debugVisible ?? false,
  };
  const root = makeLogger(shared, options.component ?? "");
  return Object.assign(root, {
    setDebugVisible(visible: boolean) {
      shared.debugVisible = visible;
    },
  });
}

function makeLogger(shared: Shared, component: string): Logger {
  const prefix = component ? `[Stash2Plex ${component}] ` : "[Stash2Plex] ";
  const emit = (level: keyof typeof LEVEL_CHAR, message: string) => {
    let char: string = LEVEL_CHAR[level];
    let text = message;
    if (level === "debug" && shared.debugVisible) {
      char = LEVEL_CHAR.info;
      text = `[DEBUG] ${message}`;
    }
    const safe = shared.redactor.redact(text);
    let out = "";
    for (const rawLine of safe.split(/\r?\n/)) {
      const line = rawLine.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, "").slice(0, MAX_LINE);
      if (line.trim() === "") continue;
      out += `\x01${char}\x02${prefix}${line}\n`;
    }
    if (out) shared.write(out);
  };
  return {
    trace: (m) => emit("trace", m),
    debug: (m) => emit("debug", m),
    info: (m) => emit("info", m),
    warn: (m) => emit("warn", m),
    error: (m) => emit("error", m),
    progress: (fraction) => {
      const value = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
      shared.write(`\x01p\x02${value.toFixed(4)}\n`);
    },
    child: (name) => makeLogger(shared, component ? `${component} ${name}` : name),
    addSecret: (secret) => shared.redactor.add(secret),
  };
}
