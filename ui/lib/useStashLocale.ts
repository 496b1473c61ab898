import { useEffect, useState } from "preact/hooks";
import type { StashApi } from "../api/client";
import { useDeps } from "./deps";
import { STASH_DEFAULT_LANGUAGE, stashLocale } from "./stash-dates";

// One configuration read per page however many islands ask; a failed read means Stash's default language.
const asked = new WeakMap<StashApi, Promise<string>>();

export function loadStashLocale(api: StashApi): Promise<string> {
  let pending = asked.get(api);
  if (!pending) {
    pending = api.interfaceLanguage().then(stashLocale, () => stashLocale(null));
    asked.set(api, pending);
  }
  return pending;
}

/** The locale Stash formats dates in: "en-GB" until its configuration has answered. */
export function useStashLocale(): string {
  const { api } = useDeps();
  const [locale, setLocale] = useState(STASH_DEFAULT_LANGUAGE);
  useEffect(() => {
    let live = true;
    void loadStashLocale(api).then((found) => {
      if (live) setLocale(found);
    });
    return () => {
      live = false;
    };
  }, [api]);
  return locale;
}
