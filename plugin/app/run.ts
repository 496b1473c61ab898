import type { TestKnobs } from "../config/test-knobs.js";
import type { Clock } from "../core/clock.js";
import { Redactor } from "../log/redact.js";
import { createStderrLogger } from "../log/stderr-logger.js";
import { parsePluginInput } from "../protocol/input.js";
import { type PluginResult, readAllStdin, serializeResult, writeResult } from "../protocol/stdio.js";
import { describeError } from "./errors.js";
import { dispatch } from "./registry.js";

export interface ProcessIO {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  writeStderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  clock: Clock;
  /** Parsed once by plugin/main.ts; production values unless a test set them. */
  knobs: TestKnobs;
  /** Absolute path of the running bundle, used to spawn the background drainer. */
  scriptPath: string;
}

/**
 * One plugin invocation: stdin JSON in, exactly one JSON object out, logs on stderr. Returns the exit code.
 * Only this function writes the result; everything below throws typed errors instead of printing or exiting.
 */
export async function runPlugin(io: ProcessIO): Promise<number> {
  const redactor = new Redactor();
  const logger = createStderrLogger({ write: io.writeStderr, redactor });
  let result: PluginResult;
  try {
    const input = parsePluginInput(await readAllStdin(io.stdin));
    redactor.add(input.server_connection.SessionCookie?.Value);
    result = { output: await dispatch(input, { ...io, logger }) };
  } catch (error) {
    const message = describeError(error);
    logger.error(message);
    result = { error: message };
  }
  await writeResult(
    serializeResult(result, (text) => redactor.redact(text)),
    io.stdout,
  );
  return "error" in result ? 1 : 0;
}
