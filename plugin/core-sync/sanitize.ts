/**
 * Text clean-up before anything is sent to (or compared with) Plex. Every function is linear in its input
 * (single-pass regex replaces, one Set for de-duplication), so a 1 MB summary or 10,000 tags stay cheap.
 */

export const TEXT_LIMITS = {
  title: 255,
  studio: 255,
  tagline: 255,
  performer: 255,
  tag: 255,
  collection: 255,
  summary: 10000,
} as const;

export const LIST_CAPS = { performers: 50, collections: 20 } as const;

// A control character between two words (a stray \r, \v, \f, \u0001) separates them: it becomes a space, so
// "Anna\u0001Lee" is "Anna Lee", not "AnnaLee". Multi-line text keeps \t and \n.
const CONTROLS = /[\u0000-\u001F\u007F-\u009F]/g;
const CONTROLS_MULTILINE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
// Invisible format characters vanish: zero-width space/joiners, word joiner, BOM, bidi marks and isolates.
const FORMAT = /[\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g;
const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2032]/g;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033]/g;

function straightenQuotes(text: string): string {
  return text.replace(SINGLE_QUOTES, "'").replace(DOUBLE_QUOTES, '"');
}

/**
 * Cuts to at most `max` UTF-16 units: at the last space beyond 80 % of `max` when there is one, else hard
 * (never splitting a surrogate pair). Trailing whitespace of the cut is dropped.
 */
export function truncateAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max);
  const lastCode = cut.charCodeAt(cut.length - 1);
  if (lastCode >= 0xd800 && lastCode <= 0xdbff) cut = cut.slice(0, -1);
  const space = cut.lastIndexOf(" ");
  if (space > max * 0.8) cut = cut.slice(0, space);
  return cut.trimEnd();
}

/** One-line field (title, studio, tagline, names): every whitespace run (incl. newlines) becomes one space. */
export function sanitizeLine(text: string | null | undefined, max: number): string {
  if (!text) return "";
  const cleaned = straightenQuotes(text.normalize("NFC"))
    .replace(FORMAT, "")
    .replace(CONTROLS, " ")
    .replace(/\s+/g, " ")
    .trim();
  return truncateAtWord(cleaned, max);
}

/**
 * Multi-line field (summary): keeps \n and \t, turns \r\n / \r into \n, other controls into spaces, drops
 * format characters, trims.
 */
export function sanitizeMultiline(text: string | null | undefined, max: number): string {
  if (!text) return "";
  const cleaned = straightenQuotes(text.normalize("NFC"))
    .replace(/\r\n?/g, "\n")
    .replace(FORMAT, "")
    .replace(CONTROLS_MULTILINE, " ")
    .trim();
  return truncateAtWord(cleaned, max);
}

/**
 * Sanitises each name, drops empties, de-duplicates case-insensitively keeping the first spelling, and keeps
 * at most `cap` names.
 */
export function sanitizeList(names: readonly string[], itemMax: number, cap: number): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    if (out.length >= cap) break;
    const clean = sanitizeLine(name, itemMax);
    if (clean === "") continue;
    const key = clean.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(clean);
  }
  return out;
}
