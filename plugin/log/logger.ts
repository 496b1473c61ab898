/**
 * Component-scoped logger passed down from main(). Writes Stash's levelled stderr lines:
 * `\x01<t|d|i|w|e>\x02[Stash2Plex <Component>] message`, and progress `\x01p\x02<0..1>`.
 * Every message goes through the redactor, so a token or cookie can never reach a log line.
 */
export type LogLevel = "trace" | "debug" | "info" | "warn" | "error";

export interface Logger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** Job progress, clamped to 0..1 (Stash ignores it outside tasks). */
  progress(fraction: number): void;
  /** A logger for a sub-component: `[Stash2Plex Queue]`. */
  child(component: string): Logger;
  /** Registers another secret to redact from every later line (of this logger tree). */
  addSecret(secret: string): void;
}

/** A logger that records lines; for unit tests. */
export interface RecordedLine {
  level: LogLevel | "progress";
  component: string;
  message: string;
}
