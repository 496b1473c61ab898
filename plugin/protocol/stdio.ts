import { InputError } from "./input.js";

/** The only place that touches stdin and stdout: read everything, write exactly one JSON object. */
const MAX_INPUT_BYTES = 64 * 1024 * 1024;

export async function readAllStdin(stream: NodeJS.ReadableStream = process.stdin): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    size += buf.length;
    if (size > MAX_INPUT_BYTES) {
      throw new InputError(
        `Stash2Plex input on stdin is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MiB; it must be started by Stash with one plugin input document.`,
      );
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export type PluginResult = { output: unknown } | { error: string };

export function serializeResult(result: PluginResult, redact: (text: string) => string): string {
  try {
    return redact(JSON.stringify(result));
  } catch {
    return JSON.stringify({ error: "Stash2Plex produced a result that cannot be written as JSON." });
  }
}

/** Writes the result and resolves once it is flushed (so a following exit cannot cut it). */
export function writeResult(text: string, stream: NodeJS.WritableStream = process.stdout): Promise<void> {
  return new Promise((resolve) => {
    stream.write(text, () => resolve());
  });
}
