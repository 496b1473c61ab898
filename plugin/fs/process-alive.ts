import { readFileSync } from "node:fs";

/**
 * Is process `pid` alive? Used to free the drainer role or a spawn marker whose recorded owner died. Signal 0
 * tells whether the pid exists (EPERM: it exists, owned by someone else); on Linux a zombie also counts as
 * dead — a SIGKILLed detached drainer stays a zombie wherever PID 1 does not reap (containers, VMs).
 * Light on purpose: the hook path imports it.
 */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  return !isZombie(pid);
}

function isZombie(pid: number): boolean {
  if (process.platform !== "linux") return false;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // "pid (comm) S …": the state letter follows the last ")" (comm may contain ")").
    const state = stat.charAt(stat.lastIndexOf(")") + 2);
    return state === "Z" || state === "X";
  } catch {
    return false;
  }
}
