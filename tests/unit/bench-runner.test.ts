import { describe, expect, it } from "vitest";
import {
  compare,
  formatTable,
  type LoadResult,
  median,
  medianRatios,
  medianResult,
  percentile,
  runInterleaved,
  runLoad,
  summarise,
} from "../../scripts/bench/runner";

const oneToHundred = Array.from({ length: 100 }, (_, k) => k + 1);

describe("percentile (nearest rank)", () => {
  it.each([
    { xs: oneToHundred, p: 50, want: 50 },
    { xs: oneToHundred, p: 95, want: 95 },
    { xs: oneToHundred, p: 99, want: 99 },
    { xs: oneToHundred, p: 100, want: 100 },
    { xs: oneToHundred, p: 0, want: 1 },
    { xs: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], p: 50, want: 5 },
    { xs: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], p: 95, want: 10 },
    { xs: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], p: 99, want: 10 },
    { xs: [7], p: 50, want: 7 },
    { xs: [7], p: 99, want: 7 },
    { xs: [1, 2, 3], p: 50, want: 2 },
    { xs: [1, 2], p: 50, want: 1 },
  ])("p$p of $xs.length samples is $want", ({ xs, p, want }) => {
    expect(percentile(xs, p)).toBe(want);
  });

  it("is NaN with no samples", () => {
    expect(percentile([], 50)).toBeNaN();
  });
});

describe("median", () => {
  it.each([
    { xs: [3, 1, 2], want: 2 },
    { xs: [4, 1, 3, 2], want: 2.5 },
    { xs: [5], want: 5 },
    { xs: [Number.NaN, 1, 3], want: 2 },
  ])("of $xs is $want", ({ xs, want }) => {
    expect(median(xs)).toBe(want);
  });
});

describe("summarise", () => {
  it("sorts unsorted samples numerically, counts errors as requests, and divides successes by seconds", () => {
    const latencies = [...oneToHundred].reverse().map((v) => v / 10); // 10.0, 9.9, ..., 0.1 ms
    const r = summarise("x", 4, latencies, 5, 2000);
    expect(r).toMatchObject({
      name: "x",
      concurrency: 4,
      requests: 105,
      errors: 5,
      durationS: 2,
      throughput: 50,
    });
    expect(r.p50).toBeCloseTo(5.0);
    expect(r.p95).toBeCloseTo(9.5);
    expect(r.p99).toBeCloseTo(9.9);
    expect(r.max).toBeCloseTo(10.0);
  });

  it("gives NaN latencies and zero throughput when every request failed", () => {
    const r = summarise("x", 1, [], 3, 1000, "boom");
    expect(r).toMatchObject({ requests: 3, errors: 3, throughput: 0, firstError: "boom" });
    expect(r.p50).toBeNaN();
    expect(r.max).toBeNaN();
  });
});

const result = (name: string, throughput: number, p: number): LoadResult => ({
  name,
  concurrency: 1,
  requests: throughput,
  errors: 0,
  durationS: 1,
  throughput,
  p50: p,
  p95: 2 * p,
  p99: 4 * p,
  max: 8 * p,
});

describe("compare and medians", () => {
  it("divides ours by the anchor", () => {
    expect(compare(result("api", 500, 2), result("bare", 2000, 0.5))).toEqual({
      anchor: "bare",
      throughput: 0.25,
      p50: 4,
      p95: 4,
      p99: 4,
    });
  });

  it("takes the median of each field across runs", () => {
    const m = medianResult([result("api", 100, 3), result("api", 300, 1), result("api", 200, 2)]);
    expect(m).toMatchObject({ name: "api", throughput: 200, p50: 2, p95: 4, p99: 8, max: 16 });
  });

  it("takes the median of same-round ratios", () => {
    const r = (t: number) => ({ anchor: "bare", throughput: t, p50: 1 / t, p95: 1, p99: 1 });
    expect(medianRatios([r(0.5), r(0.2), r(0.25)])).toMatchObject({
      anchor: "bare",
      throughput: 0.25,
      p50: 4,
    });
  });

  it("renders one Markdown row per result with each anchor's ratio", () => {
    const ours = result("api", 500, 2);
    const table = formatTable([
      result("bare", 2000, 0.5),
      { ...ours, vs: compare(ours, result("bare", 2000, 0.5)) },
    ]);
    const lines = table.split("\n");
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe(
      "| api | 1 | 500 | 0 | 500 | 2.00 | 4.00 | 8.00 | 16.0 | bare | 0.25× | 4.00× | 4.00× | 4.00× |",
    );
  });
});

describe("runLoad", () => {
  it("stops at maxRequests, numbers requests uniquely, and counts rejections without throwing", async () => {
    const seen: number[] = [];
    const r = await runLoad({
      name: "count",
      concurrency: 3,
      durationMs: 60_000,
      maxRequests: 10,
      request: async (i) => {
        seen.push(i);
        if (i % 5 === 0) throw new Error(`no ${i}`);
      },
    });
    expect(r).toMatchObject({ requests: 10, errors: 2, firstError: "no 0" });
    expect(new Set(seen).size).toBe(10);
  });

  it("abandons a request that never answers once the grace period is over", async () => {
    const r = await runLoad({
      name: "hang",
      concurrency: 1,
      durationMs: 10,
      graceMs: 10,
      request: () => new Promise(() => {}),
    });
    expect(r).toMatchObject({ requests: 1, errors: 1 });
  });

  it("interleaves targets slice by slice and keeps each target's count and numbering apart", async () => {
    const seen = { a: [] as number[], b: [] as number[] };
    const order: string[] = [];
    const tick = () => new Promise<void>((r) => setTimeout(r, 1));
    const results = await runInterleaved({
      concurrency: 2,
      durationMs: 40,
      sliceMs: 10,
      maxRequests: 1000,
      targets: (["a", "b"] as const).map((name) => ({
        name,
        request: async (i: number) => {
          if (order.at(-1) !== name) order.push(name);
          seen[name].push(i);
          await tick();
        },
      })),
    });
    expect(results.map((r) => r.name)).toEqual(["a", "b"]);
    expect(order.slice(0, 4)).toEqual(["a", "b", "a", "b"]);
    for (const r of results) {
      expect(r.errors).toBe(0);
      expect(new Set(seen[r.name as "a" | "b"]).size).toBe(r.requests);
    }
  });
});
