/** Timing helpers of the fake: wakeable sleeps (so stop() never waits) and a concurrency gate. */

export class Sleeper {
  private readonly sleepers = new Set<() => void>();

  sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleepers.add(done);
    });
  }

  wakeAll(): void {
    for (const wake of [...this.sleepers]) wake();
  }
}

/** At most `cap` holders at once; the rest wait in arrival order. Counts the peak. */
export class Gate {
  readonly counters = { handled: 0, inFlight: 0, peakInFlight: 0 };
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly cap: number) {}

  async acquire(): Promise<void> {
    while (this.counters.inFlight >= this.cap) await new Promise<void>((r) => this.waiting.push(r));
    this.counters.inFlight += 1;
    this.counters.peakInFlight = Math.max(this.counters.peakInFlight, this.counters.inFlight);
  }

  release(): void {
    this.counters.inFlight -= 1;
    this.counters.handled += 1;
    this.waiting.shift()?.();
  }
}
