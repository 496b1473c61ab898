import type { SceneActivityView } from "../../../plugin/ops/contracts";
import { formatStashDateTime } from "../../lib/stash-dates";
import { Section } from "../common";

/** "1:02:05" / "4:09" for a resume point in seconds. */
export function clockTime(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${rest}` : `${m}:${rest}`;
}

const when = (at: number | null, locale: string) => (at === null ? "never" : formatStashDateTime(at, locale));
const resume = (seconds: number | null) => (seconds === null || seconds <= 0 ? "—" : clockTime(seconds));

/** Plays and resume point in Plex next to Stash's (what the import from Plex compares). */
export function PlexActivity({
  activity,
  locale,
}: {
  activity: SceneActivityView | null | undefined;
  locale: string;
}) {
  if (!activity) return null;
  const { plex, stash } = activity;
  return (
    <Section title="Plays">
      <table class="table table-sm stash2plex-activity">
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col">Stash</th>
            <th scope="col">Plex</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Play count</th>
            <td>{stash ? stash.playCount : "—"}</td>
            <td>{plex ? plex.viewCount : "—"}</td>
          </tr>
          <tr>
            <th scope="row">Last played</th>
            <td>{stash ? when(stash.lastPlayedAt, locale) : "—"}</td>
            <td>{plex ? when(plex.lastViewedAt, locale) : "—"}</td>
          </tr>
          <tr>
            <th scope="row">Resume at</th>
            <td>{stash ? resume(stash.resumeSeconds) : "—"}</td>
            <td>{plex ? resume(plex.resumeSeconds) : "—"}</td>
          </tr>
        </tbody>
      </table>
    </Section>
  );
}
