/**
 * Dates and times as Stash's own UI writes them. Stash formats with react-intl in the interface language of its
 * configuration (`configuration.interface.language`, "en-GB" when unset): a date is the "long" format (day,
 * month name, year) and a date-time is that date followed by the short time. The Preact island cannot see
 * Stash's IntlProvider, so the same `Intl` options are applied here to the same language.
 */

export const STASH_DEFAULT_LANGUAGE = "en-GB";

const LONG_DATE: Intl.DateTimeFormatOptions = { year: "numeric", month: "long", day: "numeric" };
const SHORT_TIME: Intl.DateTimeFormatOptions = { hour: "numeric", minute: "numeric" };

/** Stash's language setting → a locale `Intl` accepts (Stash maps nn-NO to nb-NO the same way). */
export function stashLocale(language: string | null | undefined): string {
  const wanted = language?.trim() || STASH_DEFAULT_LANGUAGE;
  const mapped = wanted === "nn-NO" ? "nb-NO" : wanted;
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([mapped]).length > 0 ? mapped : STASH_DEFAULT_LANGUAGE;
  } catch {
    return STASH_DEFAULT_LANGUAGE;
  }
}

/** "3 December 2026" (en-GB), "December 3, 2026" (en-US), "3. Dezember 2026" (de-DE). */
export function formatStashDate(at: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, LONG_DATE).format(at);
}

/** "3 December 2026 07:29" (en-GB): Stash's date-time, as on its scene file info and job pages. */
export function formatStashDateTime(at: number, locale: string): string {
  return `${formatStashDate(at, locale)} ${formatStashTime(at, locale)}`;
}

export function formatStashTime(at: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, SHORT_TIME).format(at);
}

function sameDay(a: number, b: number): boolean {
  const x = new Date(a);
  const y = new Date(b);
  return x.getFullYear() === y.getFullYear() && x.getMonth() === y.getMonth() && x.getDate() === y.getDate();
}

/**
 * When something already happened: "just now", "40 s ago", "5 min ago", "3 h ago", then the full date-time.
 * A time slightly in the future (clock skew between server and browser) reads "just now", never "in 2 s".
 */
export function sinceWords(at: number, now: number, locale: string): string {
  const age = now - at;
  if (age < 10_000) return "just now";
  if (age < 60_000) return `${Math.round(age / 1000)} s ago`;
  if (age < 3_600_000) return `${Math.round(age / 60_000)} min ago`;
  if (age < 86_400_000) return `${Math.round(age / 3_600_000)} h ago`;
  return `on ${formatStashDateTime(at, locale)}`;
}

/**
 * When something will happen: "in a moment" (due, or overdue because the worker is busy: never "7 s ago"),
 * "in 40 s", "in 5 min", "at 14:05" later today, then the full date-time. `null` (no time set) is "shortly".
 */
export function untilWords(at: number | null, now: number, locale: string): string {
  if (at === null) return "shortly";
  const wait = at - now;
  if (wait < 2_000) return "in a moment";
  if (wait < 60_000) return `in ${Math.round(wait / 1000)} s`;
  if (wait < 3_600_000) return `in ${Math.round(wait / 60_000)} min`;
  if (sameDay(at, now)) return `at ${formatStashTime(at, locale)}`;
  return `on ${formatStashDateTime(at, locale)}`;
}
