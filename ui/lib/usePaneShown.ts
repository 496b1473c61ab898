import type { RefObject } from "preact";
import { useEffect, useState } from "preact/hooks";

/**
 * Whether the Bootstrap tab pane holding `ref` is the open one. Stash keeps every scene-page pane mounted and
 * only toggles `active` on the closed ones, so a view inside a closed pane must not poll. Outside any
 * `.tab-pane` the view counts as shown.
 */
export function usePaneShown(ref: RefObject<HTMLElement | null>): boolean {
  const [shown, setShown] = useState(true);
  useEffect(() => {
    const pane = ref.current?.closest(".tab-pane");
    if (!pane) return undefined;
    const read = () => setShown(pane.classList.contains("active"));
    read();
    const observer = new MutationObserver(read);
    observer.observe(pane, { attributes: true, attributeFilter: ["class"] });
    return () => observer.disconnect();
  }, [ref]);
  return shown;
}
