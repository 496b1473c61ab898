/**
 * The launcher's read-ahead of stdin (plugin/launcher.ts): it must see the input to answer a scan's update and to
 * pick a bundle, and the bundle then reads the same bytes followed by whatever is left. fd 0 is read with plain
 * synchronous reads, so a process answered from its input alone never sets up `process.stdin` (a socket and the
 * stream machinery); a stdin that would block a synchronous read (non-blocking, EAGAIN) continues on the stream.
 */
import { readSync } from "node:fs";

/** Read ahead at most this much (a hook document is a few kB); a larger input goes to the bundle unread. */
const READ_AHEAD_BYTES = 1024 * 1024;
const CHUNK_BYTES = 64 * 1024;

export interface ReadAhead {
  chunks: Buffer[];
  /** The whole input, or null when it is longer than READ_AHEAD_BYTES (the rest is still in `rest`). */
  text: string | null;
  /** Stdin's iterator when the input was not read whole, stepped by hand: leaving a `for await` would destroy it. */
  rest: AsyncIterator<Buffer | string> | null;
}

type SyncRead = "eof" | "full" | "stream";

function readSyncInto(chunks: Buffer[]): SyncRead {
  let size = 0;
  for (;;) {
    const buf = Buffer.allocUnsafe(CHUNK_BYTES);
    let n: number;
    try {
      n = readSync(0, buf, 0, CHUNK_BYTES, null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // EOF on Windows pipes, and no stdin at all, read as an empty input (as the stream would).
      if (code === "EOF" || code === "EBADF") return "eof";
      return "stream";
    }
    if (n === 0) return "eof";
    chunks.push(buf.subarray(0, n));
    size += n;
    if (size > READ_AHEAD_BYTES) return "full";
  }
}

export async function readAhead(): Promise<ReadAhead> {
  const chunks: Buffer[] = [];
  const read = readSyncInto(chunks);
  if (read === "eof") return { chunks, text: Buffer.concat(chunks).toString("utf8"), rest: null };
  const rest = process.stdin[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  if (read === "full") return { chunks, text: null, rest };
  let size = chunks.reduce((sum, c) => sum + c.length, 0);
  for (let next = await rest.next(); !next.done; next = await rest.next()) {
    const buf = typeof next.value === "string" ? Buffer.from(next.value) : next.value;
    chunks.push(buf);
    size += buf.length;
    if (size > READ_AHEAD_BYTES) return { chunks, text: null, rest };
  }
  return { chunks, text: Buffer.concat(chunks).toString("utf8"), rest: null };
}

/** The chunks read ahead, then whatever stdin still holds, as one stream. */
export function replay(
  ahead: ReadAhead,
  Readable: typeof import("node:stream").Readable,
): NodeJS.ReadableStream {
  const { rest } = ahead;
  return Readable.from(
    (async function* () {
      yield* ahead.chunks;
      if (rest === null) return;
      for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
    })(),
  );
}
