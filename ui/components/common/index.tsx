import type { ComponentChildren } from "preact";
import { errorText } from "../../api/errors";
import { formatStashDateTime, sinceWords } from "../../lib/stash-dates";
import { useStashLocale } from "../../lib/useStashLocale";

export function Loading({ what }: { what: string }) {
  return (
    <div class="stash2plex-loading text-muted" role="status">
      <span class="spinner-border spinner-border-sm mr-2" aria-hidden="true" />
      Loading {what}…
    </div>
  );
}

export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <div class="alert alert-danger d-flex align-items-center" role="alert">
      <span class="flex-grow-1">{errorText(error)}</span>
      {onRetry && (
        <button type="button" class="btn btn-sm btn-outline-light ml-2" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** Says the panel shows a saved answer (and how old it is) while a fresh one is fetched. */
export function StaleNote({ at, now }: { at: number | undefined; now: number }) {
  const locale = useStashLocale();
  if (at === undefined) return null;
  return (
    <div class="stash2plex-stale small text-muted" title={formatStashDateTime(at, locale)}>
      Saved answer from {sinceWords(at, now, locale)} — refreshing…
    </div>
  );
}

export function Section({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <section class="stash2plex-section mb-3">
      <h5 class="stash2plex-section-title">{title}</h5>
      {children}
    </section>
  );
}
