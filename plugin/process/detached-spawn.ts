/**
 * Starts another run of this plugin (`scriptPath` under this Node and its flags, e.g. the manifest's
 * `--disable-warning=ExperimentalWarning`) fully detached, with `input` — the stdin JSON
 * Stash would send, session cookie included — on its stdin pipe, never in a file or on the command line. The
 * child's stdout and stderr go nowhere (it logs to a file), and it is unref'd, so the caller returns at once and
 * Stash's wait for our stdout EOF is not held up by the child. Resolves with the child's pid once the input is
 * handed over, or undefined when the spawn failed.
 */
export async function spawnDetached(
  scriptPath: string,
  input: unknown,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number | undefined> {
  // Loaded here, not at start-up: most invocations never spawn.
  const { spawn } = await import("node:child_process");
  const child = spawn(process.execPath, [...process.execArgv, scriptPath], {
    env,
    detached: true,
    stdio: ["pipe", "ignore", "ignore"],
    windowsHide: true,
  });
  await new Promise<void>((resolve) => {
    child.on("error", () => resolve());
    child.stdin?.on("error", () => resolve());
    child.stdin?.end(JSON.stringify(input), () => resolve());
  });
  child.unref();
  return child.pid;
}
