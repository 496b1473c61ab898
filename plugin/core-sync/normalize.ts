/**
 * Path and name keys used to compare Stash paths with Plex part paths. Pure string functions.
 *
 * A key is not a path to open: separators become `/`, the text is Unicode NFC (macOS and some SMB shares hand
 * out NFD), duplicate separators collapse (a UNC path keeps its leading `//`), a trailing separator is dropped
 * and a Windows drive letter is lower-cased. Keys are idempotent: `pathKey(pathKey(p)) === pathKey(p)`.
 * Windows extended-length prefixes (`\\?\C:\a`, `\\?\UNC\server\share`, which Plex stores for paths past 260
 * characters) key like the plain path.
 */

const DRIVE_PREFIX = /^([A-Za-z]):/;
// After separators became `/`: `//?/UNC/` → `//`, `//?/c:` → `c:` (repeated prefixes too, so keys stay idempotent).
const EXTENDED = /^\/{2,}[?.]\/(?:UNC\/|(?=[A-Za-z]:))/i;

// Anything pathKey would change: a backslash, non-ASCII text, a doubled or trailing `/`, a drive letter.
const NEEDS_WORK = /[\\\u0080-\uffff]|\/\/|\/$|^[A-Za-z]:/;

export function pathKey(path: string): string {
  // Fast path: most POSIX paths are already keys (the library index computes 100k of them on load).
  if (!NEEDS_WORK.test(path)) return path;
  let unified = path.normalize("NFC").replace(/\\/g, "/");
  for (let m = EXTENDED.exec(unified); m; m = EXTENDED.exec(unified)) {
    unified = (m[0].toUpperCase().endsWith("UNC/") ? "//" : "") + unified.slice(m[0].length);
  }
  const isUnc = unified.startsWith("//");
  let key = unified.replace(/\/{2,}/g, "/");
  if (isUnc) key = `/${key}`;
  if (key.length > 1 && key.endsWith("/") && !/^[a-z]:\/$/i.test(key)) key = key.slice(0, -1);
  return key.replace(DRIVE_PREFIX, (_m, letter: string) => `${letter.toLowerCase()}:`);
}

/** The last segment of a POSIX or Windows path (`C:\a\b.mp4` and `/a/b.mp4` both give `b.mp4`). */
export function basenameOf(path: string): string {
  const trimmed = path.replace(/[\\/]+$/, "");
  const cut = Math.max(trimmed.lastIndexOf("/"), trimmed.lastIndexOf("\\"));
  const base = cut >= 0 ? trimmed.slice(cut + 1) : trimmed;
  return base.replace(DRIVE_PREFIX, "");
}

/** `basenameKey(basenameOf(key))` for a key made by `pathKey` (cheaper: the key is already NFC, `/` only). */
export function basenameKeyOfPathKey(key: string): string {
  return key
    .slice(key.lastIndexOf("/") + 1)
    .replace(DRIVE_PREFIX, "")
    .toLowerCase();
}

/** Case-insensitive key of a file name (NFC, lower case). */
export function basenameKey(name: string): string {
  return name.normalize("NFC").toLowerCase();
}

/** A file name without its last extension (`a.b.mp4` → `a.b`; `.hidden` stays `.hidden`). */
export function stripExtension(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(0, dot) : name;
}
