import { useEffect, useState } from "preact/hooks";
import { useDeps } from "./deps";

/** Stash's version string once known; null while unknown or when the query fails (then nothing is shown). */
export function useStashVersion(): string | null {
  const { api } = useDeps();
  const [version, setVersion] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api.stashVersion().then(
      (v) => {
        if (live) setVersion(v);
      },
      () => {},
    );
    return () => {
      live = false;
    };
  }, [api]);
  return version;
}
