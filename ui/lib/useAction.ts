import { useState } from "preact/hooks";
import { errorText } from "../api/errors";
import { useDeps } from "./deps";

/** Runs a user action once at a time, with toasts for the outcome. `busy` names the running action. */
export function useAction(): {
  busy: string | null;
  run(label: string, action: () => Promise<string | undefined>): Promise<void>;
} {
  const { host } = useDeps();
  const [busy, setBusy] = useState<string | null>(null);
  const run = async (label: string, action: () => Promise<string | undefined>) => {
    if (busy) return;
    setBusy(label);
    try {
      const message = await action();
      host.toast.success(message ?? `${label}: done`);
    } catch (error) {
      host.toast.error(`${label} failed: ${errorText(error)}`);
    } finally {
      setBusy(null);
    }
  };
  return { busy, run };
}
