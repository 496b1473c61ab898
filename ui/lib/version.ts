/** The oldest Stash whose UI has the patch points we use (ScenePage.Tabs / TabContent). */
export const MIN_STASH_VERSION = [0, 28, 0] as const;

/** "v0.27.2-12-gabc" → [0, 27, 2]; null when unparseable (development builds): treated as new enough. */
export function parseStashVersion(text: string | null): [number, number, number] | null {
  const m = text?.match(/^v?(\d+)\.(\d+)\.(\d+)/);
  if (!m) return null;
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

export function isOldStash(text: string | null): boolean {
  const v = parseStashVersion(text);
  if (!v) return false;
  for (let i = 0; i < 3; i += 1) {
    const a = v[i] ?? 0;
    const b = MIN_STASH_VERSION[i] ?? 0;
    if (a !== b) return a < b;
  }
  return false;
}
