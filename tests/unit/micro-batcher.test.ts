import { describe, expect, it } from "vitest";
import { MicroBatcher } from "../../src/modules/recommendations/batcher";

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

describe("MicroBatcher maxRunning", () => {
  it("holds inputs while a run is busy and runs them together after it", async () => {
    const runs: number[][] = [];
    let release!: () => void;
    const first = new Promise<void>((r) => {
      release = r;
    });
    let active = 0;
    let most = 0;
    const b = new MicroBatcher<number, number>({
      maxSize: 3,
      maxWaitMs: 1,
      maxRunning: 1,
      run: async (xs) => {
        active++;
        most = Math.max(most, active);
        runs.push(xs);
        if (runs.length === 1) await first;
        active--;
        return xs.map((x) => ({ ok: true as const, value: x * 10 }));
      },
    });
    const answers = [1, 2, 3].map((x) => b.submit(x));
    await tick(5);
    const later = [4, 5, 6, 7].map((x) => b.submit(x));
    await tick(20);
    expect(runs).toEqual([[1, 2, 3]]);
    release();
    expect(await Promise.all([...answers, ...later])).toEqual([10, 20, 30, 40, 50, 60, 70]);
    expect(runs).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
    expect(most).toBe(1);
  });

  it("without maxRunning, runs overlap as before", async () => {
    let active = 0;
    let most = 0;
    const b = new MicroBatcher<number, number>({
      maxSize: 1,
      maxWaitMs: 1,
      run: async (xs) => {
        active++;
        most = Math.max(most, active);
        await tick(10);
        active--;
        return xs.map((x) => ({ ok: true as const, value: x }));
      },
    });
    await Promise.all([1, 2, 3].map((x) => b.submit(x)));
    expect(most).toBe(3);
  });
});
