/**
 * The user's path map: how a path Stash sees becomes the path Plex sees.
 *
 * `path_map`:                `/stash/prefix => /plex/prefix; D:\Media => /mnt/media`
 * `plex_unmatched_path_map`: the original plugin's REVERSED form `/plex/prefix=>/stash/prefix`.
 * Rules are separated by `;` or new lines; both parse into the same `PathRule` (from = Stash side, to = Plex
 * side). Mapping picks the longest matching prefix on whole segments (`/a/b` never matches `/a/bc`), compares
 * Windows prefixes (drive letter or UNC) case-insensitively, accepts either separator in Windows paths, and
 * writes the remainder with the separator style of the target prefix. An unmapped path is returned unchanged.
 */

export interface PathRule {
  /** Stash-side prefix, trimmed, trailing separators removed. */
  from: string;
  /** Plex-side prefix, trimmed, trailing separators removed. */
  to: string;
}

export interface ParsedPathMap {
  rules: PathRule[];
  /** One readable message per rejected entry. */
  errors: string[];
}

interface SplitPath {
  /** "" (relative), "/" (POSIX root), "c:" (drive, lower-cased), "//" (UNC). */
  root: string;
  windows: boolean;
  segments: string[];
}

export function parsePathMap(text: string | null | undefined): ParsedPathMap {
  return parseRules(text, false);
}

/** Parses the original plugin's `plex_unmatched_path_map` (`/plex=>/stash`) into Stash→Plex rules. */
export function parseUnmatchedPathMap(text: string | null | undefined): ParsedPathMap {
  return parseRules(text, true);
}

/** Every rule the settings give, `path_map` first (entries that do not parse are left out). */
export function pathRulesOf(settings: {
  path_map?: string | null;
  plex_unmatched_path_map?: string | null;
}): PathRule[] {
  return [
    ...parsePathMap(settings.path_map).rules,
    ...parseUnmatchedPathMap(settings.plex_unmatched_path_map).rules,
  ];
}

function parseRules(text: string | null | undefined, reversed: boolean): ParsedPathMap {
  const rules: PathRule[] = [];
  const errors: string[] = [];
  const entries = (text ?? "").split(/[;\r\n]+/);
  let position = 0;
  for (const raw of entries) {
    const entry = raw.trim();
    if (entry === "") continue;
    position += 1;
    const parts = entry.split("=>");
    if (parts.length !== 2) {
      errors.push(`path map rule ${position} "${entry}" must have the form "from => to"`);
      continue;
    }
    const left = trimPrefix(parts[0] ?? "");
    const right = trimPrefix(parts[1] ?? "");
    if (left === "" || right === "") {
      errors.push(`path map rule ${position} "${entry}" has an empty side`);
      continue;
    }
    rules.push(reversed ? { from: right, to: left } : { from: left, to: right });
  }
  return { rules, errors };
}

/** Trims spaces and trailing separators, keeping a bare root (`/`, `C:\`). */
function trimPrefix(prefix: string): string {
  const t = prefix.trim();
  const stripped = t.replace(/[\\/]+$/, "");
  if (stripped === "") return t === "" ? "" : t.slice(0, 1);
  if (/^[A-Za-z]:$/.test(stripped) && t.length > stripped.length) return t.slice(0, 3);
  return stripped;
}

function isWindowsPath(path: string): boolean {
  return /^[A-Za-z]:/.test(path) || path.startsWith("\\\\");
}

function splitPath(path: string): SplitPath {
  const nfc = path.normalize("NFC");
  const windows = isWindowsPath(nfc);
  const separators = windows ? /[\\/]+/ : /\/+/;
  let root = "";
  let rest = nfc;
  if (windows && /^[A-Za-z]:/.test(nfc)) {
    root = nfc.slice(0, 2).toLowerCase();
    rest = nfc.slice(2);
  } else if (windows) {
    root = "//";
  } else if (nfc.startsWith("/")) {
    root = "/";
  }
  const segments = rest.split(separators).filter((s) => s !== "");
  return { root, windows, segments };
}

/** Number of segments of `path` covered by `prefix`, or -1 when `prefix` does not match on segment bounds. */
function prefixDepth(prefix: SplitPath, path: SplitPath): number {
  if (prefix.root !== path.root || prefix.segments.length > path.segments.length) return -1;
  const fold = prefix.windows || path.windows;
  for (let i = 0; i < prefix.segments.length; i += 1) {
    const a = prefix.segments[i] ?? "";
    const b = path.segments[i] ?? "";
    if (fold ? a.toLowerCase() !== b.toLowerCase() : a !== b) return -1;
  }
  return prefix.segments.length;
}

function separatorOf(prefix: string): string {
  if (prefix.includes("\\")) return "\\";
  if (prefix.includes("/")) return "/";
  return /^[A-Za-z]:$/.test(prefix) ? "\\" : "/";
}

function joinRemainder(to: string, remainder: string[]): string {
  if (remainder.length === 0) return to;
  const sep = separatorOf(to);
  const base = to.endsWith("/") || to.endsWith("\\") ? to : `${to}${sep}`;
  return `${base}${remainder.join(sep)}`;
}

export function mapStashPathToPlex(path: string, rules: readonly PathRule[]): string {
  const target = splitPath(path);
  let best: { rule: PathRule; depth: number } | null = null;
  for (const rule of rules) {
    const depth = prefixDepth(splitPath(rule.from), target);
    if (depth >= 0 && (best === null || depth > best.depth)) best = { rule, depth };
  }
  if (best === null) return path;
  return joinRemainder(best.rule.to, target.segments.slice(best.depth));
}
