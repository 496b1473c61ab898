import type { Match } from "../../../plugin/ops/contracts";

/** The match states' badges; job states have their own words and tones (ui/lib/words.ts, `JobLine`). */
export type BadgeState = Match["state"];

const LOOK: Record<BadgeState, { label: string; variant: string }> = {
  matched: { label: "Matched", variant: "success" },
  ambiguous: { label: "Ambiguous", variant: "warning" },
  not_found: { label: "Not in Plex", variant: "secondary" },
  unknown: { label: "Not checked", variant: "secondary" },
};

export function StatusBadge({ state }: { state: BadgeState }) {
  const look = LOOK[state];
  return (
    <span class={`badge badge-${look.variant} stash2plex-badge`} data-state={state}>
      {look.label}
    </span>
  );
}
