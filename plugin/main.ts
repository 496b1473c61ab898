import { fileURLToPath } from "node:url";
import { runPlugin } from "./app/run.js";
import { systemClock } from "./core/clock.js";

const exitCode = await runPlugin({
  stdin: process.stdin,
  stdout: process.stdout,
  writeStderr: (text) => process.stderr.write(text),
  env: process.env,
  clock: systemClock,
  scriptPath: fileURLToPath(import.meta.url),
});
process.exitCode = exitCode;
