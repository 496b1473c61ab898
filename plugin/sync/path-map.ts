/**
 * The user's path map: how a path Stash sees becomes the path Plex sees.
 *
 * `path_map` (ours):                 `/stash/prefix => /plex/prefix; D:\Media => /mnt/media`
 * `plex_unmatched_path_map` (the original's, REVERSED): `/plex/prefix=>/stash/prefix; /plex2=>/stash2`
 * Rules are separated by `;` or new lines. Both parse into the same `PathRule` (from = Stash side,
 * to = Plex side). Mapping picks the longest matching prefix, on whole segments only (`/a/b` never matches
 * `/a/bc`), compares Windows prefixes case-insensitively, and writes the result with the separator style of
 * the target prefix.
 */
import { formatPath, type ParsedPath, parsePath, segmentKeys } from "./normalize.js";

export interface PathRule {
  /** Stash-side prefix, as the user typed it (trimmed). */
  from: string;
  /** Plex-side prefix, as the user typed it (trimmed). */
  to: string;
}

export interface PathMapProblem {
  /** 1-based position of the rule in the setting. */
  position: number;
  text: string;
  message: string;
}

export interface ParsedPathMap {
  rules: PathRule[];
  problems: PathMapProblem[];
}

const ARROW = "=>";

function isAbsolute(parsed: ParsedPath): boolean {
  return parsed.root !== "";
}

function checkSide(side: string, label: string): string | null {
  if (side === "") return `the ${label} side is empty`;
  if (!isAbsolute(parsePath(side))) return `the ${label} side "${side}" is not an absolute path`;
  return null;
}

interface RawRule {
  position: number;
  text: string;
  left: string;
  right: string;
}

function splitRules(text: string): { raw: RawRule[]; problems: PathMapProblem[] } {
  const raw: RawRule[] = [];
  const problems: PathMapProblem[] = [];
  const pieces = text.split(/[;\r\n]+/).map((piece) => piece.trim());
  let position = 0;
  for (const piece of pieces) {
    if (piece === "") continue;
    position += 1;
    const parts = piece.split(ARROW);
    if (parts.length !== 2) {
      const message =
        parts.length < 2
          ? `expected "<from> ${ARROW} <to>"`
          : `has more than one "${ARROW}"; use one per rule`;
      problems.push({ position, text: piece, message });
      continue;
    }
    raw.push({ position, text: piece, left: (parts[0] ?? "").trim(), right: (parts[1] ?? "").trim() });
  }
  return { raw, problems };
}

function ruleKey(prefix: string): string {
  const parsed = parsePath(prefix);
  return `${parsed.root.toUpperCase()}|${segmentKeys(parsed).join("\u0000")}`;
}

function parseRules(text: string | undefined, reversed: boolean): ParsedPathMap {
  const { raw, problems } = splitRules(text ?? "");
  const rules: PathRule[] = [];
  const seen = new Set<string>();
  const [fromLabel, toLabel] = reversed ? ["Stash (right)", "Plex (left)"] : ["Stash (left)", "Plex (right)"];
  for (const rule of raw) {
    const from = reversed ? rule.right : rule.left;
    const to = reversed ? rule.left : rule.right;
    const message = checkSide(from, fromLabel) ?? checkSide(to, toLabel);
    if (message) {
      problems.push({ position: rule.position, text: rule.text, message });
      continue;
    }
    const key = ruleKey(from);
    if (seen.has(key)) {
      problems.push({ position: rule.position, text: rule.text, message: `"${from}" is already mapped` });
      continue;
    }
    seen.add(key);
    rules.push({ from, to });
  }
  return { rules, problems: problems.sort((a, b) => a.position - b.position) };
}

/** Parses `path_map` (`/stash/prefix => /plex/prefix; …`). Bad rules are reported and left out. */
export function parsePathMap(text: string | undefined): ParsedPathMap {
  return parseRules(text, false);
}

/** Parses the original's `plex_unmatched_path_map` (`/plex/prefix=>/stash/prefix; …`) into Stash→Plex rules. */
export function parseUnmatchedPathMap(text: string | undefined): ParsedPathMap {
  return parseRules(text, true);
}

/** Rules for the opposite direction (Plex → Stash). */
export function invertPathRules(rules: readonly PathRule[]): PathRule[] {
  return rules.map((rule) => ({ from: rule.to, to: rule.from }));
}

function prefixLength(path: ParsedPath, prefix: ParsedPath): number {
  if (path.root.toUpperCase() !== prefix.root.toUpperCase()) return -1;
  const pathKeys = segmentKeys(path, { foldCase: prefix.style === "windows" || path.style === "windows" });
  const prefixKeys = segmentKeys(prefix, {
    foldCase: prefix.style === "windows" || path.style === "windows",
  });
  if (prefixKeys.length > pathKeys.length) return -1;
  for (let i = 0; i < prefixKeys.length; i += 1) {
    if (prefixKeys[i] !== pathKeys[i]) return -1;
  }
  return prefixKeys.length;
}

export interface PathMapping {
  /** The path as Plex should see it (the input itself when no rule applies). */
  path: string;
  rule: PathRule | null;
}

/** Maps a path with the longest matching rule; a path no rule covers is returned unchanged. */
export function mapPath(path: string, rules: readonly PathRule[]): PathMapping {
  const parsed = parsePath(path);
  let best: { rule: PathRule; length: number } | null = null;
  for (const rule of rules) {
    const length = prefixLength(parsed, parsePath(rule.from));
    if (length >= 0 && (best === null || length > best.length)) best = { rule, length };
  }
  if (best === null) return { path, rule: null };
  const target = parsePath(best.rule.to);
  const rest = parsed.segments.slice(best.length);
  return { path: formatPath({ ...target, segments: [...target.segments, ...rest] }), rule: best.rule };
}

/** `mapPath` for the sync direction: a Stash path to the path Plex holds the file under. */
export function mapStashPathToPlex(path: string, rules: readonly PathRule[]): string {
  return mapPath(path, rules).path;
}

/** The reverse direction, for Plex paths (e.g. Plex's unmatched items) compared with Stash paths. */
export function mapPlexPathToStash(path: string, rules: readonly PathRule[]): string {
  return mapPath(path, invertPathRules(rules)).path;
}
