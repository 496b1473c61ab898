import type { QueueJob } from "../../../plugin/ops/contracts";
import { formatStashDateTime, untilWords } from "../../lib/stash-dates";
import { describeJob, errorClassLabel } from "../../lib/words";

export interface JobTableProps {
  jobs: QueueJob[];
  selected: ReadonlySet<string>;
  /** Rows an action was just taken on, with what is happening to them ("Retry queued"). */
  acted: { ids: ReadonlySet<string>; label: string } | null;
  onToggle(id: string): void;
  onOpen(sceneId: string): void;
  now: number;
  locale: string;
  base: string;
}

/** Columns a phone can do without (the sentence says when the next try is). */
const WIDE = "d-none d-sm-table-cell";

/** One page of jobs: the scene, how often it was tried, when it is tried next, and what happened in words. */
export function JobTable(props: JobTableProps) {
  return (
    <table class="table table-sm table-striped stash2plex-jobs">
      <thead>
        <tr>
          <th scope="col">
            <span class="sr-only">Select</span>
          </th>
          <th scope="col">Scene</th>
          <th scope="col" class={WIDE}>
            Tries
          </th>
          <th scope="col" class={WIDE}>
            Next try
          </th>
          <th scope="col">What happened</th>
        </tr>
      </thead>
      <tbody>
        {props.jobs.map((job) => (
          <JobRow key={job.id} job={job} {...props} />
        ))}
      </tbody>
    </table>
  );
}

function JobRow(props: JobTableProps & { job: QueueJob }) {
  const { job, now, locale } = props;
  const acted = props.acted?.ids.has(job.id) ? props.acted.label : null;
  const words = describeJob(job, { now, locale });
  const sceneName = job.title ?? (job.sceneId ? `Scene ${job.sceneId}` : "Queue entry");
  return (
    <tr class={acted ? "stash2plex-acted" : undefined} data-job={job.id}>
      <td>
        <input
          type="checkbox"
          checked={props.selected.has(job.id)}
          disabled={acted !== null}
          onChange={() => props.onToggle(job.id)}
          aria-label={`Select ${sceneName}`}
        />
      </td>
      <td class="text-break">
        {job.sceneId ? (
          <a
            href={`${props.base}scenes/${encodeURIComponent(job.sceneId)}`}
            onClick={(e) => {
              e.preventDefault();
              props.onOpen(job.sceneId ?? "");
            }}
          >
            {sceneName}
          </a>
        ) : (
          sceneName
        )}
      </td>
      <td class={WIDE}>{job.attempts === 0 ? "not yet" : `${job.attempts} of ${job.maxAttempts}`}</td>
      <td
        class={WIDE}
        title={job.nextAttemptAt === null ? undefined : formatStashDateTime(job.nextAttemptAt, locale)}
      >
        {job.state === "dead" || acted ? "—" : untilWords(job.nextAttemptAt, now, locale)}
      </td>
      <td class="text-break">
        {acted ? (
          <span class="badge badge-info" data-acted="true">
            {acted}
          </span>
        ) : (
          <>
            {job.error && <span class="badge badge-secondary mr-1">{errorClassLabel(job.error.class)}</span>}
            {words.sentence}
            {words.nextStep && <div class="small text-muted">{words.nextStep}</div>}
            {words.details && (
              <details class="stash2plex-details">
                <summary class="small text-muted">Details</summary>
                <code class="small text-break">{words.details}</code>
              </details>
            )}
          </>
        )}
      </td>
    </tr>
  );
}
