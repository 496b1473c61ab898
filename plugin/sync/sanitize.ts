/**
 * Text going to Plex, cleaned as the original plugin did (reference §2.17): NFC, control and format
 * characters (zero-width, BOM, bidi marks) removed, smart quotes/dashes/ellipsis made ASCII, whitespace
 * collapsed, and truncation at a word boundary when one lies in the last 20 % of the limit. Emojis stay.
 * One-line fields collapse all whitespace; multi-line fields (summary) keep `\n` and `\t`.
 * Lengths count code points (as the original's Python `len` did), so an emoji is never cut in half.
 * Everything is linear in the input and never throws.
 */

export const LIMITS = {
  title: 255,
  studio: 255,
  tagline: 255,
  summary: 10000,
  performerName: 255,
  tagName: 255,
  collectionName: 255,
  performers: 50,
  collections: 20,
} as const;

const SMART_PUNCTUATION: Readonly<Record<string, string>> = {
  "\u201C": '"',
  "\u201D": '"',
  "\u201E": '"',
  "\u201F": '"',
  "\u2018": "'",
  "\u2019": "'",
  "\u201A": "'",
  "\u201B": "'",
  "\u2013": "-",
  "\u2014": "-",
  "\u2026": "...",
};
const SMART = /[\u201C-\u201F\u2018-\u201B\u2013\u2014\u2026]/g;
const CONTROL_OR_FORMAT = /[\p{Cc}\p{Cf}]/gu;
const CONTROL_OR_FORMAT_EXCEPT_NL_TAB = /[^\P{Cc}\n\t]|\p{Cf}/gu;

/** Cuts to `maxLength` code points; at the last whitespace when it lies beyond 80 % of the limit. */
export function truncateAtWord(text: string, maxLength: number): string {
  if (maxLength <= 0) return "";
  if (text.length <= maxLength) return text;
  let end = 0;
  let count = 0;
  while (end < text.length && count < maxLength) {
    const code = text.charCodeAt(end);
    end += code >= 0xd800 && code <= 0xdbff && end + 1 < text.length ? 2 : 1;
    count += 1;
  }
  if (end >= text.length) return text;
  const cut = text.slice(0, end);
  const lastSpace = Math.max(cut.lastIndexOf(" "), cut.lastIndexOf("\n"), cut.lastIndexOf("\t"));
  const boundary = lastSpace > 0.8 * cut.length ? cut.slice(0, lastSpace) : cut;
  return boundary.trimEnd();
}

function cleanCharacters(text: string, multiline: boolean): string {
  const nfc = text.normalize("NFC");
  const unixNewlines = multiline ? nfc.replace(/\r\n?/g, "\n") : nfc;
  const stripped = unixNewlines.replace(
    multiline ? CONTROL_OR_FORMAT_EXCEPT_NL_TAB : CONTROL_OR_FORMAT,
    (c) =>
      // A control character between two words (a stray \r, \v, \f) separates them; format characters vanish.
      /\p{Cc}/u.test(c) ? " " : "",
  );
  return stripped.replace(SMART, (c) => SMART_PUNCTUATION[c] ?? c);
}

/** A one-line field (title, studio, tag and performer names): all whitespace runs become one space. */
export function sanitizeLine(text: string | null | undefined, maxLength: number): string {
  if (!text) return "";
  const collapsed = cleanCharacters(text, false).replace(/\s+/g, " ").trim();
  return truncateAtWord(collapsed, maxLength);
}

/** A multi-line field (summary): keeps `\n` and `\t`, collapses other spaces, at most one blank line. */
export function sanitizeMultiline(text: string | null | undefined, maxLength: number): string {
  if (!text) return "";
  const collapsed = cleanCharacters(text, true)
    .replace(/[^\S\n\t]+/g, " ")
    .replace(/ *\n */g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  return truncateAtWord(collapsed, maxLength);
}

export interface SanitizedList {
  values: string[];
  /** Distinct non-empty names left out by the count limit. */
  dropped: number;
}

/**
 * Sanitises each name, drops empties, removes case-insensitive duplicates (the first spelling wins) and keeps
 * at most `maxItems`.
 */
export function sanitizeList(
  names: readonly (string | null | undefined)[],
  limits: { maxItems: number; maxLength: number },
): SanitizedList {
  const values: string[] = [];
  const seen = new Set<string>();
  let dropped = 0;
  for (const name of names) {
    const clean = sanitizeLine(name, limits.maxLength);
    if (clean === "") continue;
    const key = listKey(clean);
    if (seen.has(key)) continue;
    seen.add(key);
    if (values.length < limits.maxItems) values.push(clean);
    else dropped += 1;
  }
  return { values, dropped };
}

/** How list entries are compared: case-insensitive (Plex treats tag names so). */
export function listKey(name: string): string {
  return name.toLowerCase();
}
