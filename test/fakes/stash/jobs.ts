/**
 * Stash's job manager (pkg/job/manager.go) in miniature: one job at a time, FIFO;
 * READY → RUNNING → FINISHED | CANCELLED | FAILED (STOPPING while a running job is being stopped);
 * finished jobs move to a graveyard of 10 that findJob still sees, jobQueue does not.
 */
export type JobStatus = "READY" | "RUNNING" | "FINISHED" | "STOPPING" | "CANCELLED" | "FAILED";

export interface FakeJob {
  id: string;
  status: JobStatus;
  description: string;
  subTasks: string[] | null;
  progress: number | null;
  addTime: string;
  startTime: string | null;
  endTime: string | null;
  error: string | null;
}

export interface JobControl {
  signal: AbortSignal;
  setProgress(value: number): void;
}

/** Throwing means Stash could not start the work: the job ends FAILED with the message. */
export type JobExec = (control: JobControl) => Promise<void>;

interface Entry {
  job: FakeJob;
  exec: JobExec;
  abort: AbortController;
  done: Promise<FakeJob>;
  settle: (job: FakeJob) => void;
}

const GRAVEYARD_SIZE = 10;
const FINAL: ReadonlySet<JobStatus> = new Set(["FINISHED", "CANCELLED", "FAILED"]);

export class JobQueue {
  private readonly queue: Entry[] = [];
  private readonly graveyard: FakeJob[] = [];
  private nextId = 1;
  private running = false;
  /** Every job ever added (also finished ones), so waitFor works after the fact. */
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => string) {}

  add(description: string, exec: JobExec): string {
    const id = String(this.nextId++);
    const job: FakeJob = {
      id,
      status: "READY",
      description,
      subTasks: null,
      progress: null,
      addTime: this.now(),
      startTime: null,
      endTime: null,
      error: null,
    };
    let settle: (job: FakeJob) => void = () => {};
    const done = new Promise<FakeJob>((r) => {
      settle = r;
    });
    const entry = { job, exec, abort: new AbortController(), done, settle };
    this.entries.set(id, entry);
    this.queue.push(entry);
    void this.pump();
    return id;
  }

  /** Jobs waiting or running (Stash's jobQueue). */
  list(): FakeJob[] {
    return this.queue.map((e) => ({ ...e.job }));
  }

  find(id: string): FakeJob | null {
    const live = this.queue.find((e) => e.job.id === id);
    if (live) return { ...live.job };
    const dead = this.graveyard.find((j) => j.id === id);
    return dead ? { ...dead } : null;
  }

  /** Resolves with the job once it reaches FINISHED, CANCELLED or FAILED. */
  waitFor(id: string): Promise<FakeJob> {
    const entry = this.entries.get(id);
    if (!entry) return Promise.reject(new Error(`no job ${id}`));
    return entry.done;
  }

  /** Resolves when no job is waiting or running. */
  async idle(): Promise<void> {
    while (this.queue.length > 0) await this.queue[0]?.done;
  }

  stop(id: string): boolean {
    const entry = this.queue.find((e) => e.job.id === id);
    if (!entry) return false;
    if (entry.job.status === "READY") {
      this.queue.splice(this.queue.indexOf(entry), 1);
      this.finish(entry, "CANCELLED", null);
      return true;
    }
    entry.job.status = "STOPPING";
    entry.abort.abort();
    return true;
  }

  private finish(entry: Entry, status: JobStatus, error: string | null): void {
    entry.job.status = status;
    entry.job.error = error;
    entry.job.endTime = this.now();
    this.graveyard.unshift({ ...entry.job });
    this.graveyard.length = Math.min(this.graveyard.length, GRAVEYARD_SIZE);
    entry.settle({ ...entry.job });
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (let entry = this.queue[0]; entry; entry = this.queue[0]) {
        await this.runOne(entry);
      }
    } finally {
      this.running = false;
    }
  }

  private async runOne(entry: Entry): Promise<void> {
    entry.job.status = "RUNNING";
    entry.job.startTime = this.now();
    let error: string | null = null;
    try {
      await entry.exec({
        signal: entry.abort.signal,
        setProgress: (value) => {
          entry.job.progress = Math.min(1, Math.max(0, value));
        },
      });
    } catch (cause) {
      error = cause instanceof Error ? cause.message : String(cause);
    }
    this.queue.splice(this.queue.indexOf(entry), 1);
    const status = entry.abort.signal.aborted ? "CANCELLED" : error !== null ? "FAILED" : "FINISHED";
    this.finish(entry, status, error);
  }

  static isFinal(status: JobStatus): boolean {
    return FINAL.has(status);
  }
}
