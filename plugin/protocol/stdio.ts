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

/** Line breaks and other control characters (e.g. echoed from bad input) would make Stash show a broken message. */
const CONTROL_RUNS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

export function oneLineMessage(message: string): string {
  return message.replace(CONTROL_RUNS, " ");
}

export function serializeResult(result: PluginResult, redact: (text: string) => string): string {
  try {
    const oneLine = "error" in result ? { error: oneLineMessage(result.error) } : result;
    return redact(JSON.stringify(oneLine));
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
