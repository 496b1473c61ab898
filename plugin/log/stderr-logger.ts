import type { Logger } from "./logger.js";
import { Redactor } from "./redact.js";

/**
 * The Logger that writes Stash's levelled stderr protocol. Stash reads stderr line by line (64 KiB max) and
 * hides debug/trace at its default level, so with `debug_logging` on, debug lines go out at info level with a
 * `[DEBUG]` prefix (visible), as the original does since 1.3.3.
 */
const LEVEL_CHAR = { trace: "t", debug: "d", info: "i", warn: "w", error: "e" } as const;
/** Stash reads stderr with a 64 KiB line limit (bytes): stay well under it. */
const MAX_LINE_BYTES = 60_000;

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
      const line = clipUtf8(rawLine.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, ""), MAX_LINE_BYTES);
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

/** Cuts text to at most `maxBytes` of UTF-8 without splitting a character. */
function clipUtf8(text: string, maxBytes: number): string {
  if (text.length * 3 <= maxBytes || Buffer.byteLength(text) <= maxBytes) return text;
  const bytes = Buffer.from(text).subarray(0, maxBytes);
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1]! & 0xc0) === 0x80) end--;
  if (end > 0 && bytes[end - 1]! >= 0xc0) end--;
  return `${bytes.subarray(0, end).toString("utf8")}…`;
}
