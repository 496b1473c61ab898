/**
 * Path parsing and matching keys, for POSIX and Windows paths alike (Stash and Plex may each run on either).
 *
 * A path is split into a root and its segments:
 *  - POSIX `/a/b`            → root "/",    segments [a, b]
 *  - drive `C:\a\b`, `c:/a`  → root "C:",   segments [a, b]   (drive letters compare case-insensitively)
 *  - UNC `\\server\share\a`  → root "\\\\", segments [server, share, a]
 *  - extended `\\?\C:\a`, `\\?\UNC\server\share` (Plex stores these past 260 characters) → as above
 * Separators are unified, duplicate and trailing separators dropped, text is Unicode NFC. Windows paths
 * fold case by default (their file systems do); POSIX paths do not, unless asked.
 */

export type PathStyle = "posix" | "windows";

export interface ParsedPath {
  style: PathStyle;
  /** "/" (POSIX), "C:" (drive, upper-cased), "\\\\" (UNC), "\\" (rooted on the current drive), "" (relative). */
  root: string;
  segments: string[];
}

const DRIVE = /^([A-Za-z]):(?:[\\/]|$)/;
const EXTENDED_UNC = /^[\\/]{2}[?.][\\/]UNC[\\/]/i;
const EXTENDED = /^[\\/]{2}[?.][\\/]/;

function stripExtendedPrefix(path: string): string {
  if (EXTENDED_UNC.test(path)) return `\\\\${path.replace(EXTENDED_UNC, "")}`;
  if (EXTENDED.test(path)) return path.replace(EXTENDED, "");
  return path;
}

/** Windows when the path has a drive letter, a UNC/extended prefix, or a backslash but no slash-root. */
export function detectPathStyle(path: string): PathStyle {
  if (DRIVE.test(path) || path.startsWith("\\")) return "windows";
  if (path.startsWith("/")) return "posix";
  return path.includes("\\") ? "windows" : "posix";
}

function splitSegments(rest: string, style: PathStyle): string[] {
  const separator = style === "windows" ? /[\\/]+/ : /\/+/;
  return rest.split(separator).filter((segment) => segment !== "");
}

export function parsePath(input: string): ParsedPath {
  const path = stripExtendedPrefix(input.normalize("NFC"));
  const style = detectPathStyle(path);
  if (style === "posix") {
    return { style, root: path.startsWith("/") ? "/" : "", segments: splitSegments(path, style) };
  }
  const drive = DRIVE.exec(path);
  if (drive?.[1]) {
    return { style, root: `${drive[1].toUpperCase()}:`, segments: splitSegments(path.slice(2), style) };
  }
  if (/^[\\/]{2}/.test(path)) return { style, root: "\\\\", segments: splitSegments(path, style) };
  return { style, root: /^[\\/]/.test(path) ? "\\" : "", segments: splitSegments(path, style) };
}

/** Writes a parsed path with its style's separator (`/` for POSIX, `\` for Windows). */
export function formatPath(parsed: ParsedPath): string {
  const { root, segments } = parsed;
  if (parsed.style === "posix") return `${root}${segments.join("/")}`;
  const body = segments.join("\\");
  if (root === "\\\\" || root === "\\" || root === "") return `${root}${body}`;
  return `${root}\\${body}`;
}

export interface PathKeyOptions {
  /** Fold case; default: true for Windows paths, false for POSIX paths. */
  foldCase?: boolean;
}

function foldsCase(parsed: ParsedPath, options: PathKeyOptions): boolean {
  return options.foldCase ?? parsed.style === "windows";
}

/** Segments as compared: NFC (already), case-folded when the path style asks for it. */
export function segmentKeys(parsed: ParsedPath, options: PathKeyOptions = {}): string[] {
  return foldsCase(parsed, options) ? parsed.segments.map((s) => s.toLowerCase()) : parsed.segments;
}

/**
 * The key two paths are compared by: `/`-joined, NFC, no duplicate or trailing separators, drive letter
 * upper-cased, case folded per style. `C:\Media\A.mp4` and `c:/media//a.mp4/` give the same key.
 */
export function normalizePathKey(path: string, options: PathKeyOptions = {}): string {
  if (isPlainPosix(path)) {
    // Fast path for the common case (index builds run this 100k times): no array allocation.
    const key = path.normalize("NFC").replace(/\/{2,}/g, "/");
    const trimmed = key.length > 1 && key.endsWith("/") ? key.slice(0, -1) : key;
    return options.foldCase ? trimmed.toLowerCase() : trimmed;
  }
  const parsed = parsePath(path);
  const root = parsed.root === "\\\\" ? "//" : parsed.root === "\\" ? "/" : parsed.root;
  const separator = parsed.style === "windows" && /^[A-Z]:$/.test(root) ? "/" : "";
  return `${root}${separator}${segmentKeys(parsed, options).join("/")}`;
}

/** An absolute POSIX path with no backslash: its key needs no segment parsing. */
function isPlainPosix(path: string): boolean {
  return path.startsWith("/") && !path.includes("\\");
}

/** The last segment of a POSIX or Windows path ("" for a root). */
export function pathBasename(path: string): string {
  if (isPlainPosix(path) && !path.endsWith("/"))
    return path.slice(path.lastIndexOf("/") + 1).normalize("NFC");
  const parsed = parsePath(path);
  return parsed.segments[parsed.segments.length - 1] ?? "";
}

/** Basename key for matching across mount roots: NFC, case-insensitive. */
export function basenameKey(path: string): string {
  return pathBasename(path).toLowerCase();
}

/** The basename without its last extension (`a.b.mp4` → `a.b`; `.hidden` stays `.hidden`). */
export function stripExtension(basename: string): string {
  const dot = basename.lastIndexOf(".");
  return dot > 0 ? basename.slice(0, dot) : basename;
}
