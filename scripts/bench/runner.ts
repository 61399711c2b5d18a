/**
 * The shared load runner every benchmark in scripts/bench/ imports: a closed-loop load of
 * `concurrency` clients for a bounded time and count, exact percentiles, anchors compared as
 * ratios, and results written to docs/bench-results/<name>.json. See docs/BENCHMARKS.md.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export interface LoadOptions {
  name: string;
  /** Clients, each sending its next request as soon as its previous one finishes. */
  concurrency: number;
  /** No request starts after this; requests already in flight are allowed to finish. */
  durationMs: number;
  /** Same load beforehand, samples discarded (JIT, pools, keep-alive sockets). */
  warmupMs?: number;
  /** Cap on measured requests (also bounds memory): default 2,000,000. */
  maxRequests?: number;
  /** After the deadline, how long to wait for in-flight requests before abandoning them as errors. */
  graceMs?: number;
  /** `i` is unique across warm-up and measurement, for benchmarks that need distinct rows. */
  request: (i: number) => Promise<void>;
}

export interface LoadResult {
  name: string;
  concurrency: number;
  /** Completed requests, successful or not. */
  requests: number;
  errors: number;
  durationS: number;
  /** Successful requests per second of measured wall time. */
  throughput: number;
  /** Latencies of successful requests, ms. NaN (null in JSON) when there were none. */
  p50: number;
  p95: number;
  p99: number;
  max: number;
  firstError?: string;
}

/** Ours divided by the anchor's: throughput below 1 and latency above 1 mean we are slower. */
export interface Ratios {
  anchor: string;
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
}

export interface MachineInfo {
  nproc: number;
  cpuModel: string;
  memoryGiB: number;
  loadAvg1m: number;
  node: string;
  platform: string;
  date: string;
}

// ---------------------------------------------------------------- maths (pure, unit-tested)

/** Nearest-rank percentile of an ascending array: the smallest sample with at least p% of samples at or below it. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const rank = Math.min(n, Math.max(1, Math.ceil((p / 100) * n)));
  return sorted[rank - 1]!;
}

export function median(values: readonly number[]): number {
  const xs = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  const n = xs.length;
  if (n === 0) return Number.NaN;
  return n % 2 === 1 ? xs[(n - 1) / 2]! : (xs[n / 2 - 1]! + xs[n / 2]!) / 2;
}

/** Turns raw samples into a result; latencies are of successful requests only. */
export function summarise(
  name: string,
  concurrency: number,
  latenciesMs: readonly number[],
  errors: number,
  elapsedMs: number,
  firstError?: string,
): LoadResult {
  const sorted = Float64Array.from(latenciesMs).sort();
  const durationS = elapsedMs / 1000;
  return {
    name,
    concurrency,
    requests: sorted.length + errors,
    errors,
    durationS,
    throughput: durationS > 0 ? sorted.length / durationS : 0,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
    ...(firstError === undefined ? {} : { firstError }),
  };
}

export function compare(ours: LoadResult, anchor: LoadResult): Ratios {
  return {
    anchor: anchor.name,
    throughput: ours.throughput / anchor.throughput,
    p50: ours.p50 / anchor.p50,
    p95: ours.p95 / anchor.p95,
    p99: ours.p99 / anchor.p99,
  };
}

/** Field-wise median of repeated runs of one benchmark (each figure may come from a different run). */
export function medianResult(runs: readonly LoadResult[]): LoadResult {
  const first = runs[0];
  if (!first) throw new Error("medianResult needs at least one run");
  const m = (pick: (r: LoadResult) => number) => median(runs.map(pick));
  return {
    name: first.name,
    concurrency: first.concurrency,
    requests: m((r) => r.requests),
    errors: m((r) => r.errors),
    durationS: m((r) => r.durationS),
    throughput: m((r) => r.throughput),
    p50: m((r) => r.p50),
    p95: m((r) => r.p95),
    p99: m((r) => r.p99),
    max: m((r) => r.max),
  };
}

/** Median of per-run ratios: pairs measured in the same round share that round's noise. */
export function medianRatios(ratios: readonly Ratios[]): Ratios {
  const first = ratios[0];
  if (!first) throw new Error("medianRatios needs at least one ratio");
  return {
    anchor: first.anchor,
    throughput: median(ratios.map((r) => r.throughput)),
    p50: median(ratios.map((r) => r.p50)),
    p95: median(ratios.map((r) => r.p95)),
    p99: median(ratios.map((r) => r.p99)),
  };
}

// ---------------------------------------------------------------- the load loop

interface Phase {
  latencies: number[];
  errors: number;
  elapsedMs: number;
  issued: number;
  firstError?: string;
}

async function runPhase(
  concurrency: number,
  durationMs: number,
  maxRequests: number,
  graceMs: number,
  startIndex: number,
  request: (i: number) => Promise<void>,
): Promise<Phase> {
  const latencies: number[] = [];
  let errors = 0;
  let issued = 0;
  let inFlight = 0;
  let closed = false;
  let firstError: string | undefined;
  const started = performance.now();
  const deadline = started + durationMs;

  const client = async () => {
    while (!closed && issued < maxRequests && performance.now() < deadline) {
      const i = startIndex + issued++;
      inFlight++;
      const t0 = performance.now();
      try {
        await request(i);
        if (!closed) latencies.push(performance.now() - t0);
      } catch (err) {
        if (!closed) {
          errors++;
          firstError ??= String((err as Error)?.message ?? err).slice(0, 200);
        }
      } finally {
        inFlight--;
      }
    }
  };

  let timer: NodeJS.Timeout | undefined;
  const hardStop = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, durationMs + graceMs);
  });
  await Promise.race([Promise.all(Array.from({ length: concurrency }, client)), hardStop]);
  clearTimeout(timer);
  closed = true;
  const elapsedMs = performance.now() - started;
  // Requests still out at the hard stop are abandoned: they count as errors, their late answers are ignored.
  if (inFlight > 0) {
    errors += inFlight;
    firstError ??= `${inFlight} request(s) still in flight ${graceMs} ms after the deadline`;
  }
  return {
    latencies,
    errors,
    elapsedMs,
    issued,
    ...(firstError === undefined ? {} : { firstError }),
  };
}

/** Warm-up, then a measured phase; never throws for a failed request, always stops by itself. */
export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const concurrency = Math.max(1, Math.floor(opts.concurrency));
  const maxRequests = opts.maxRequests ?? 2_000_000;
  const graceMs = opts.graceMs ?? 10_000;
  let next = 0;
  if (opts.warmupMs && opts.warmupMs > 0) {
    const warm = await runPhase(
      concurrency,
      opts.warmupMs,
      maxRequests,
      graceMs,
      next,
      opts.request,
    );
    next += warm.issued;
  }
  const phase = await runPhase(
    concurrency,
    opts.durationMs,
    maxRequests,
    graceMs,
    next,
    opts.request,
  );
  return summarise(
    opts.name,
    concurrency,
    phase.latencies,
    phase.errors,
    phase.elapsedMs,
    phase.firstError,
  );
}

export interface InterleavedOptions {
  /** Ours and its anchors: each gets the same concurrency, duration and warm-up. */
  targets: ReadonlyArray<{ name: string; request: (i: number) => Promise<void> }>;
  concurrency: number;
  /** Measured time per target, made of slices. */
  durationMs: number;
  /** Slice length: targets take turns slice by slice, so background noise falls on all of them alike. */
  sliceMs?: number;
  warmupMs?: number;
  maxRequests?: number;
  graceMs?: number;
}

/**
 * Several targets measured in alternating slices (A B C A B C …) and pooled per target: on a
 * shared machine a burst of someone else's work then lands on ours and the anchor alike, which a
 * 10 s run of each in turn does not ensure.
 */
export async function runInterleaved(opts: InterleavedOptions): Promise<LoadResult[]> {
  const concurrency = Math.max(1, Math.floor(opts.concurrency));
  const maxRequests = opts.maxRequests ?? 2_000_000;
  const graceMs = opts.graceMs ?? 10_000;
  const sliceMs = Math.min(opts.sliceMs ?? 1000, opts.durationMs);
  const slices = Math.max(1, Math.round(opts.durationMs / sliceMs));
  const acc = opts.targets.map((t) => ({
    ...t,
    next: 0,
    latencies: [] as number[],
    errors: 0,
    elapsedMs: 0,
    firstError: undefined as string | undefined,
  }));
  for (const a of acc) {
    if (opts.warmupMs && opts.warmupMs > 0)
      a.next += (
        await runPhase(concurrency, opts.warmupMs, maxRequests, graceMs, a.next, a.request)
      ).issued;
  }
  for (let s = 0; s < slices; s++) {
    for (const a of acc) {
      const left = maxRequests - a.latencies.length - a.errors;
      if (left <= 0) continue;
      const phase = await runPhase(concurrency, sliceMs, left, graceMs, a.next, a.request);
      a.next += phase.issued;
      for (const v of phase.latencies) a.latencies.push(v);
      a.errors += phase.errors;
      a.elapsedMs += phase.elapsedMs;
      a.firstError ??= phase.firstError;
    }
  }
  return acc.map((a) =>
    summarise(a.name, concurrency, a.latencies, a.errors, a.elapsedMs, a.firstError),
  );
}

// ---------------------------------------------------------------- reporting

export function machineInfo(): MachineInfo {
  return {
    // availableParallelism() honours CPU affinity, as `nproc` does.
    nproc: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model.trim() ?? "unknown",
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    loadAvg1m: Math.round((os.loadavg()[0] ?? 0) * 100) / 100,
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    date: new Date().toISOString(),
  };
}

export function formatMachine(m: MachineInfo): string {
  return `${m.nproc} CPUs (${m.cpuModel}), ${m.memoryGiB} GiB, Node ${m.node}, ${m.platform}, load ${m.loadAvg1m}, ${m.date}`;
}

/** A result with its anchors: several anchors render one per line in the ratio cells. */
export type TableRow = LoadResult & { vs?: Ratios | readonly Ratios[] };

const ms = (v: number) => (Number.isNaN(v) ? "–" : v < 10 ? v.toFixed(2) : v.toFixed(1));
const times = (v: number) => (Number.isFinite(v) ? `${v.toFixed(2)}×` : "–");

export function formatTable(rows: readonly TableRow[]): string {
  const head =
    "| benchmark | clients | requests | errors | req/s | p50 ms | p95 ms | p99 ms | max ms | anchor | req/s ÷ anchor | p50 ÷ anchor | p95 ÷ anchor | p99 ÷ anchor |";
  const rule = "|---|--:|--:|--:|--:|--:|--:|--:|--:|---|--:|--:|--:|--:|";
  const body = rows.map((r) => {
    const vs = r.vs === undefined ? [] : Array.isArray(r.vs) ? r.vs : [r.vs as Ratios];
    const cell = (pick: (v: Ratios) => string) => vs.map(pick).join("<br>");
    return [
      "",
      r.name,
      r.concurrency,
      Math.round(r.requests),
      Math.round(r.errors),
      Math.round(r.throughput),
      ms(r.p50),
      ms(r.p95),
      ms(r.p99),
      ms(r.max),
      cell((v) => v.anchor),
      cell((v) => times(v.throughput)),
      cell((v) => times(v.p50)),
      cell((v) => times(v.p95)),
      cell((v) => times(v.p99)),
      "",
    ]
      .join(" | ")
      .trim();
  });
  return [head, rule, ...body].join("\n");
}

const RESULTS_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../docs/bench-results",
);

/** Writes docs/bench-results/<name>.json and prints the Markdown; docs/BENCHMARKS.md is edited by hand from it. */
export function writeResults(name: string, markdown: string, json: unknown): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.json`);
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
  process.stdout.write(`\n${markdown}\n\nraw results: ${path.relative(process.cwd(), file)}\n`);
  return file;
}
