import { appendFileSync, mkdirSync, renameSync, statSync } from "node:fs";
import path from "node:path";

/** Where the detached drainer's log lines go; rotated at `maxBytes`, one old file kept (`.1`). */
export function createFileLogSink(file: string, maxBytes = 1024 * 1024): { write: (text: string) => void } {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  let size = currentSize(file);
  return {
    write: (text) => {
      try {
        if (size > maxBytes) {
          renameSync(file, `${file}.1`);
          size = 0;
        }
        appendFileSync(file, text, { mode: 0o600 });
        size += Buffer.byteLength(text);
      } catch {
        // Logging must never break the worker (disk full, folder removed): drop the line.
      }
    },
  };
}

function currentSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
