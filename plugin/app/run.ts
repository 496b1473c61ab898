import { Redactor } from "../log/redact.js";
import { createStderrLogger } from "../log/stderr-logger.js";
import { parsePluginInput } from "../protocol/input.js";
import { type PluginResult, readAllStdin, serializeResult, writeResult } from "../protocol/stdio.js";
import type { ProcessIO } from "../runtime/dispatch.js";
import { describeError } from "../runtime/errors.js";
import { dispatch } from "./registry.js";

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
