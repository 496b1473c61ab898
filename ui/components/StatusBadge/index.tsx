import type { JobState, Match } from "../../../plugin/ops/contracts";

export type BadgeState = Match["state"] | JobState | "synced";

const LOOK: Record<BadgeState, { label: string; variant: string }> = {
  matched: { label: "Matched", variant: "success" },
  synced: { label: "Synced", variant: "success" },
  ambiguous: { label: "Ambiguous", variant: "warning" },
  not_found: { label: "Not in Plex", variant: "secondary" },
  unknown: { label: "Not checked", variant: "secondary" },
  pending: { label: "Pending", variant: "info" },
  running: { label: "Syncing", variant: "primary" },
  retrying: { label: "Retrying", variant: "warning" },
  dead: { label: "Failed", variant: "danger" },
};

export function StatusBadge({ state, title }: { state: BadgeState; title?: string }) {
  const look = LOOK[state];
  return (
    <span class={`badge badge-${look.variant} stash2plex-badge`} title={title} data-state={state}>
      {look.label}
    </span>
  );
}
