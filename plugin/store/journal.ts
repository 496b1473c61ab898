import {
  closeSync,
  constants,
  fdatasyncSync,
  fstatSync,
  ftruncateSync,
  openSync,
  readFileSync,
  writeSync,
} from "node:fs";
import type { Logger } from "../log/logger.js";

/**
 * Append-only JSON-lines journal with one writer. Each line is `{"s": seq, "f": [facts…]}`: one commit,
 * written with a single `write` on an O_APPEND descriptor and made durable with fdatasync before the commit
 * is acknowledged. Lines carry increasing sequence numbers so replay can skip what a snapshot already holds.
 *
 * A SIGKILL cannot tear a single small write, but a power loss or a full disk can leave a partial last line:
 * replay ignores it, and the writer cuts it off (with a warning) before appending.
 */
export interface JournalLine {
  s: number;
  f: unknown[];
}

export interface JournalRead {
  lines: JournalLine[];
  /** Bytes up to the end of the last complete line. */
  validBytes: number;
  /** Bytes after the last newline (a torn last line). */
  tornBytes: number;
}

function parseLine(text: string): JournalLine | null {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== "object" || value === null) return null;
    const { s, f } = value as { s?: unknown; f?: unknown };
    if (typeof s !== "number" || !Number.isInteger(s) || !Array.isArray(f)) return null;
    return { s, f };
  } catch {
    return null;
  }
}

/** Parses journal bytes; malformed complete lines and out-of-order sequences are skipped with a warning. */
export function parseJournal(bytes: Buffer, logger: Logger): JournalRead {
  const lastNewline = bytes.lastIndexOf(0x0a);
  const validBytes = lastNewline + 1;
  const lines: JournalLine[] = [];
  let lastSeq = Number.NEGATIVE_INFINITY;
  let skipped = 0;
  const text = bytes.subarray(0, validBytes).toString("utf8");
  for (const raw of text.split("\n")) {
    if (raw === "") continue;
    const line = parseLine(raw);
    if (line === null || line.s <= lastSeq) {
      skipped++;
      continue;
    }
    lastSeq = line.s;
    lines.push(line);
  }
  if (skipped > 0) logger.warn(`Journal: skipped ${skipped} unreadable line(s)`);
  return { lines, validBytes, tornBytes: bytes.length - validBytes };
}

/** Reads a journal without changing it (readers, or before the writer opens it). */
export function readJournal(file: string, logger: Logger): JournalRead {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { lines: [], validBytes: 0, tornBytes: 0 };
    throw error;
  }
  return parseJournal(bytes, logger);
}

export class JournalWriter {
  private closed = false;

  private constructor(
    private readonly fd: number,
    private bytes: number,
    private lineCount: number,
  ) {}

  /** Opens for appending; cuts a torn last line first. Returns the complete lines for replay. */
  static open(file: string, logger: Logger): { writer: JournalWriter; read: JournalRead } {
    const fd = openSync(file, constants.O_RDWR | constants.O_CREAT | constants.O_APPEND, 0o600);
    try {
      const read = readJournal(file, logger);
      if (read.tornBytes > 0) {
        logger.warn(`Journal: cut a torn last line (${read.tornBytes} bytes) left by an interrupted write`);
        ftruncateSync(fd, read.validBytes);
        fdatasyncSync(fd);
      }
      return { writer: new JournalWriter(fd, read.validBytes, read.lines.length), read };
    } catch (error) {
      closeSync(fd);
      throw error;
    }
  }

  get size(): { bytes: number; lines: number } {
    return { bytes: this.bytes, lines: this.lineCount };
  }

  /** Appends one commit durably. */
  append(seq: number, facts: readonly unknown[]): void {
    if (this.closed) throw new Error("journal is closed");
    const line = Buffer.from(`${JSON.stringify({ s: seq, f: facts })}\n`, "utf8");
    let offset = 0;
    while (offset < line.length) offset += writeSync(this.fd, line, offset, line.length - offset);
    fdatasyncSync(this.fd);
    this.bytes += line.length;
    this.lineCount++;
  }

  /** Empties the journal once a snapshot holds everything in it. */
  reset(): void {
    if (this.closed) throw new Error("journal is closed");
    ftruncateSync(this.fd, 0);
    fdatasyncSync(this.fd);
    this.bytes = 0;
    this.lineCount = 0;
  }

  /** Current on-disk length (tests and diagnostics). */
  diskBytes(): number {
    return fstatSync(this.fd).size;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }
}
