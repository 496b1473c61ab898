import type { QueueSummary } from "../../../plugin/ops/contracts";
import { absoluteTime, formatDuration } from "../../lib/format";

const WIDTH = 600;
const HEIGHT = 120;
const TIMELINE_HEIGHT = 28;

/** Outages as red bars on a time axis covering the given window (an ongoing outage runs to `now`). */
export function OutageTimeline({
  outages,
  from,
  now,
}: {
  outages: QueueSummary["outages"];
  from: number;
  now: number;
}) {
  const span = Math.max(1, now - from);
  const x = (t: number) => ((Math.min(Math.max(t, from), now) - from) / span) * WIDTH;
  return (
    <figure class="stash2plex-chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${TIMELINE_HEIGHT}`}
        class="stash2plex-timeline"
        role="img"
        aria-label={`${outages.length} Plex outage${outages.length === 1 ? "" : "s"} in this period`}
      >
        <rect x={0} y={8} width={WIDTH} height={12} class="stash2plex-up" />
        {outages.map((o) => {
          const end = o.end ?? now;
          const left = x(o.start);
          return (
            <rect
              key={o.start}
              x={left}
              y={4}
              width={Math.max(2, x(end) - left)}
              height={20}
              class="stash2plex-down"
            >
              <title>
                {`${absoluteTime(o.start)} — ${o.end === null ? "ongoing" : formatDuration(o.end - o.start)}`}
              </title>
            </rect>
          );
        })}
      </svg>
      <figcaption class="small text-muted">
        Plex availability since {absoluteTime(from)} (red: down)
      </figcaption>
    </figure>
  );
}

/** Stacked bars per bucket: synced (green) below failed (red). */
export function ThroughputChart({ buckets }: { buckets: QueueSummary["throughput"] }) {
  if (buckets.length === 0) return <p class="text-muted small">No syncs recorded yet.</p>;
  const max = Math.max(1, ...buckets.map((b) => b.ok + b.failed));
  const barWidth = WIDTH / buckets.length;
  const y = (v: number) => (v / max) * (HEIGHT - 4);
  const totalOk = buckets.reduce((sum, b) => sum + b.ok, 0);
  const totalFailed = buckets.reduce((sum, b) => sum + b.failed, 0);
  return (
    <figure class="stash2plex-chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        class="stash2plex-throughput"
        role="img"
        aria-label={`${totalOk} synced, ${totalFailed} failed`}
      >
        {buckets.map((b, i) => (
          <g key={b.t}>
            <rect
              x={i * barWidth + 1}
              y={HEIGHT - y(b.ok)}
              width={barWidth - 2}
              height={y(b.ok)}
              class="stash2plex-ok"
            />
            <rect
              x={i * barWidth + 1}
              y={HEIGHT - y(b.ok) - y(b.failed)}
              width={barWidth - 2}
              height={y(b.failed)}
              class="stash2plex-failed"
            />
            <title>{`${absoluteTime(b.t)}: ${b.ok} synced, ${b.failed} failed`}</title>
          </g>
        ))}
      </svg>
      <figcaption class="small text-muted">
        Syncs per period: {totalOk} synced, {totalFailed} failed
      </figcaption>
    </figure>
  );
}
