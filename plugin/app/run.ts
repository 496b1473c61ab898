import { Redactor } from "../log/redact.js";
import { createStderrLogger } from "../log/stderr-logger.js";
import { parsePluginInput } from "../protocol/input.js";
import { type PluginResult, readAllStdin, serializeResult, writeResult } from "../protocol/stdio.js";
import type { Handler, ProcessIO } from "../runtime/dispatch.js";
import { describeError } from "../runtime/errors.js";

/**
 * One plugin invocation: stdin JSON in, exactly one JSON object out, logs on stderr. Returns the exit code.
 * `route` handles the parsed input: the registry's dispatch (the core bundle) or the hook path (the hook bundle).
 * Only this function writes the result; everything below throws typed errors instead of printing or exiting.
 */
export async function runPlugin(io: ProcessIO, route: Handler): Promise<number> {
  const redactor = new Redactor();
  const logger = createStderrLogger({ write: io.writeStderr, redactor });
  let result: PluginResult;
  try {
    const input = parsePluginInput(await readAllStdin(io.stdin));
    redactor.add(input.server_connection.SessionCookie?.Value);
    result = { output: await route(input, { ...io, logger }) };
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
