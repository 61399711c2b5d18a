/**
 * Micro-batching: callers hand in one input each and get their own promise back; inputs that
 * arrive within `maxWaitMs` of the first (up to `maxSize`) are run together by one call of `run`.
 * `run` answers one settled result per input, in order, so one input's failure rejects only its
 * own caller; a `run` that throws rejects the whole batch (each caller retries on its own).
 */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

export interface MicroBatcherOptions<I, O> {
  maxSize: number;
  maxWaitMs: number;
  /**
   * At most this many runs at once (default: no limit). Inputs that arrive meanwhile wait and go
   * into the next run, so a busy batcher makes fewer, fuller batches instead of many small ones.
   */
  maxRunning?: number;
  run: (inputs: I[]) => Promise<Settled<O>[]>;
}

interface Waiting<I, O> {
  input: I;
  resolve: (value: O) => void;
  reject: (error: unknown) => void;
}

export class MicroBatcher<I, O> {
  private pending: Waiting<I, O>[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running = 0;
  /** Batches run so far and inputs in them, for metrics and tests. */
  readonly stats = { batches: 0, inputs: 0, largest: 0 };

  constructor(private readonly opts: MicroBatcherOptions<I, O>) {}

  submit(input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.pending.push({ input, resolve, reject });
      if (this.pending.length >= this.opts.maxSize) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.opts.maxWaitMs);
    });
  }

  /** Runs whatever is waiting now (also called by the timer and when the batch is full). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    // A run is busy: whatever waits goes in when it ends (runBatch flushes again).
    if (this.running >= (this.opts.maxRunning ?? Number.POSITIVE_INFINITY)) return;
    const batch = this.pending.splice(0, this.opts.maxSize);
    if (this.pending.length) this.timer = setTimeout(() => this.flush(), 0);
    if (batch.length === 0) return;
    this.stats.batches++;
    this.stats.inputs += batch.length;
    this.stats.largest = Math.max(this.stats.largest, batch.length);
    void this.runBatch(batch);
  }

  private async runBatch(batch: Waiting<I, O>[]) {
    let results: Settled<O>[];
    this.running++;
    try {
      results = await this.opts.run(batch.map((w) => w.input));
    } catch (err) {
      for (const w of batch) w.reject(err);
      return;
    } finally {
      this.running--;
      if (this.pending.length && this.opts.maxRunning !== undefined) this.flush();
    }
    batch.forEach((w, i) => {
      const r = results[i];
      if (!r) w.reject(new Error("batch returned no result for this input"));
      else if (r.ok) w.resolve(r.value);
      else w.reject(r.error);
    });
  }
}

export async function settle<T>(p: Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, value: await p };
  } catch (error) {
    return { ok: false, error };
  }
}
