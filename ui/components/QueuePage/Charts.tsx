import type { QueueSummary } from "../../../plugin/ops/contracts";
import { formatStashDateTime, formatStashTime } from "../../lib/stash-dates";
import { countOf } from "../../lib/words";

const WIDTH = 600;
const PLOT_LEFT = 32;
const PLOT_RIGHT = WIDTH - 8;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Tick {
  x: number;
  label: string;
}

function Axis({ y, ticks }: { y: number; ticks: Tick[] }) {
  return (
    <g class="stash2plex-axis">
      <line x1={PLOT_LEFT} x2={PLOT_RIGHT} y1={y} y2={y} />
      {ticks.map((t) => (
        <g key={t.label}>
          <line x1={t.x} x2={t.x} y1={y} y2={y + 4} />
          <text x={t.x} y={y + 16} text-anchor={t.x > WIDTH - 24 ? "end" : "middle"}>
            {t.label}
          </text>
        </g>
      ))}
    </g>
  );
}

/**
 * Plex availability over the window: a green band with red spans for outages and a day axis. An ongoing outage
 * runs to "now" and is drawn at least a few pixels wide with a "down now" mark, so it can never look green.
 */
export function OutageTimeline(props: {
  outages: QueueSummary["outages"];
  from: number;
  now: number;
  locale: string;
}) {
  const { outages, from, now, locale } = props;
  const height = 44;
  const span = Math.max(1, now - from);
  const x = (t: number) =>
    PLOT_LEFT + ((Math.min(Math.max(t, from), now) - from) / span) * (PLOT_RIGHT - PLOT_LEFT);
  const dayFormat = new Intl.DateTimeFormat(locale, { day: "numeric", month: "short" });
  const ticks: Tick[] = [];
  for (let t = Math.ceil(from / DAY) * DAY; t <= now; t += DAY)
    ticks.push({ x: x(t), label: dayFormat.format(t) });
  const shown = outages.filter((o) => (o.end ?? now) >= from);
  const ongoing = shown.find((o) => o.end === null);
  const summary = ongoing
    ? `Plex is down now, since ${formatStashDateTime(ongoing.start, locale)}`
    : shown.length === 0
      ? "No Plex outage in the last 7 days"
      : `${shown.length} Plex outage${shown.length === 1 ? "" : "s"} in the last 7 days`;
  return (
    <figure class="stash2plex-chart mb-0">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} class="stash2plex-timeline" role="img" aria-label={summary}>
        <rect x={PLOT_LEFT} y={6} width={PLOT_RIGHT - PLOT_LEFT} height={14} class="stash2plex-up" />
        {shown.map((o) => {
          const left = x(o.start);
          const right = o.end === null ? PLOT_RIGHT : x(o.end);
          const width = Math.max(o.end === null ? 6 : 2, right - left);
          return (
            <rect
              key={o.start}
              x={Math.min(left, PLOT_RIGHT - width)}
              y={2}
              width={width}
              height={22}
              class="stash2plex-down"
              data-ongoing={o.end === null ? "true" : undefined}
            >
              <title>
                {o.end === null
                  ? `Down since ${formatStashDateTime(o.start, locale)} (ongoing)`
                  : `Down ${formatStashDateTime(o.start, locale)} – ${formatStashTime(o.end, locale)}`}
              </title>
            </rect>
          );
        })}
        <Axis y={26} ticks={ticks} />
      </svg>
      <figcaption class={`small ${ongoing ? "text-danger" : "text-muted"}`}>{summary}.</figcaption>
    </figure>
  );
}

/**
 * Hourly bars over the last day: scenes synced (green) and failed attempts (red, stacked on top), with an hour
 * axis and the scale. With nothing recorded the axis stays and a sentence says so.
 */
export function ThroughputChart({
  buckets,
  now,
  locale,
}: {
  buckets: QueueSummary["throughput"];
  now: number;
  locale: string;
}) {
  const height = 120;
  const plotTop = 8;
  const plotBottom = height - 22;
  const totalOk = buckets.reduce((sum, b) => sum + b.ok, 0);
  const totalFailed = buckets.reduce((sum, b) => sum + b.failed, 0);
  const first = buckets[0]?.t ?? now - 23 * HOUR;
  const end = (buckets.at(-1)?.t ?? now) + HOUR;
  const span = Math.max(HOUR, end - first);
  const x = (t: number) => PLOT_LEFT + ((t - first) / span) * (PLOT_RIGHT - PLOT_LEFT);
  const barWidth = ((PLOT_RIGHT - PLOT_LEFT) * HOUR) / span;
  const max = Math.max(1, ...buckets.map((b) => b.ok + b.failed));
  const y = (v: number) => (v / max) * (plotBottom - plotTop);
  const ticks: Tick[] = [];
  for (let t = Math.ceil(first / (6 * HOUR)) * 6 * HOUR; t <= end; t += 6 * HOUR) {
    ticks.push({ x: x(t), label: formatStashTime(t, locale) });
  }
  const empty = totalOk + totalFailed === 0;
  const label = empty
    ? "No syncs in the last 24 hours"
    : `Last 24 hours: ${countOf(totalOk, "scene sync")}, ${countOf(totalFailed, "failed attempt")}`;
  return (
    <figure class="stash2plex-chart mb-0">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} class="stash2plex-throughput" role="img" aria-label={label}>
        <g class="stash2plex-axis">
          <text x={PLOT_LEFT - 4} y={plotTop + 4} text-anchor="end">
            {max}
          </text>
          <text x={PLOT_LEFT - 4} y={plotBottom} text-anchor="end">
            0
          </text>
          <line class="stash2plex-grid" x1={PLOT_LEFT} x2={PLOT_RIGHT} y1={plotTop} y2={plotTop} />
        </g>
        {empty && (
          <text
            class="stash2plex-empty-chart"
            x={(PLOT_LEFT + PLOT_RIGHT) / 2}
            y={plotBottom / 2 + 8}
            text-anchor="middle"
          >
            Nothing synced in the last 24 hours
          </text>
        )}
        {buckets.map((b) => (
          <g key={b.t}>
            <rect
              x={x(b.t) + 1}
              y={plotBottom - y(b.ok)}
              width={barWidth - 2}
              height={y(b.ok)}
              class="stash2plex-ok"
            />
            <rect
              x={x(b.t) + 1}
              y={plotBottom - y(b.ok) - y(b.failed)}
              width={barWidth - 2}
              height={y(b.failed)}
              class="stash2plex-failed"
            />
          </g>
        ))}
        <Axis y={plotBottom} ticks={ticks} />
      </svg>
      <figcaption class="small text-muted">
        {empty ? (
          "No scene was synced or failed in the last 24 hours."
        ) : (
          <>
            <span class="text-success">{countOf(totalOk, "scene sync")}</span> ·{" "}
            <span class="text-danger">{countOf(totalFailed, "failed attempt")}</span> (a scene can fail
            several times before it syncs) · per hour
          </>
        )}
      </figcaption>
    </figure>
  );
}
