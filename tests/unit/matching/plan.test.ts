import { describe, expect, it } from "vitest";
import { jobFitsStep, type LadderStep } from "../../../src/modules/matching/ladder";
import { planRecommendations } from "../../../src/modules/matching/plan";
import type { CandidateJob } from "../../../src/modules/matching/types";
import { ancestry, job, NOW, profile } from "./gen";

/** A fetcher over an in-memory pool that records the rungs asked for; `sloppy` returns everything. */
function fetcher(pool: CandidateJob[], sloppy = false) {
  const asked: string[] = [];
  const fetch = async (step: LadderStep) => {
    asked.push(step.key);
    return sloppy ? pool : pool.filter((j) => jobFitsStep(step, j));
  };
  return { fetch, asked };
}

const at = (id: string, region: string, over: Partial<CandidateJob> = {}) =>
  job({ id, employerId: id, regionCodes: ancestry(region), location: null, ...over });

/** A fetcher that answers each rung in pages of `size`, like CandidateBatchFetcher; records (rung, page). */
function pager(pool: CandidateJob[], size: number) {
  const asked: string[] = [];
  const fetch = async (step: LadderStep, page: number) => {
    asked.push(`${step.key}:${page}`);
    const fits = pool.filter((j) => jobFitsStep(step, j));
    return {
      jobs: fits.slice(page * size, (page + 1) * size),
      more: fits.length > (page + 1) * size,
    };
  };
  return { fetch, asked };
}

describe("planRecommendations", () => {
  it("an empty pool yields a shortage alert, not an error", async () => {
    const p = profile({ workIntention: "local", occupations: ["家政服务员"] });
    const f = fetcher([]);
    const plan = await planRecommendations(p, f.fetch, { now: NOW });
    expect(plan.picks).toEqual([]);
    expect(plan.stepsTried).toEqual([
      "township",
      "county",
      "city",
      "neighbour_occupations",
      "safety_net",
    ]);
    expect(plan.stepUsed).toBe("safety_net");
    expect(plan.shortage).toEqual({
      missing: 3,
      occupations: expect.arrayContaining(["家政服务员", "育婴员"]),
      places: ["4503", "450332100"],
      stepsTried: plan.stepsTried,
      heldBackBySpread: 0,
    });
    expect(f.asked).toEqual(plan.stepsTried);
  });

  it("stops at the first rung that gives five and enough to choose from", async () => {
    const pool = [1, 2, 3, 4, 5].map((i) => at(`t${i}`, "450332100")).concat(at("c1", "450332101"));
    const f = fetcher(pool);
    const plan = await planRecommendations(profile(), f.fetch, { now: NOW, poolTarget: 5 });
    expect(plan.stepsTried).toEqual(["township"]);
    expect(plan.picks.map((p) => p.step)).toEqual([
      "township",
      "township",
      "township",
      "township",
      "township",
    ]);
    expect(plan.shortage).toBeUndefined();
  });

  it("reads a rung's next page only while the plan wants more, and the pages give the same picks as one big page", async () => {
    const pool = Array.from({ length: 12 }, (_, i) =>
      at(`t${String(i).padStart(2, "0")}`, "450332100"),
    );
    const enough = pager(pool, 6);
    const first = await planRecommendations(profile(), enough.fetch, { now: NOW, poolTarget: 5 });
    expect(enough.asked).toEqual(["township:0"]);
    expect(first.picks).toHaveLength(5);

    const paged = pager(pool, 4);
    const whole = pager(pool, 100);
    const a = await planRecommendations(profile(), paged.fetch, { now: NOW, poolTarget: 12 });
    const b = await planRecommendations(profile(), whole.fetch, { now: NOW, poolTarget: 12 });
    expect(paged.asked.slice(0, 3)).toEqual(["township:0", "township:1", "township:2"]);
    expect(a.picks.map((p) => p.job.id)).toEqual(b.picks.map((p) => p.job.id));
    expect(a.stepsTried).toEqual(b.stepsTried);
  });

  it("keeps widening the place until the pool target is in hand, then ranks the whole pool", async () => {
    const daily = (fen: number, daysOld: number) => ({
      channel: "odd_job" as const,
      wageUnit: "day" as const,
      wageMinFen: fen,
      wageMaxFen: null,
      postedAt: new Date(NOW.getTime() - daysOld * 86_400_000),
    });
    const township = [1, 2, 3, 4, 5].map((i) => at(`t${i}`, "450332100", daily(13_500, 20)));
    const county = [1, 2, 3].map((i) => at(`c${i}`, "450332101", daily(25_000, 1)));
    const p = profile({ workIntention: "local", expectedWage: { fen: 15_000, unit: "day" } });
    const plan = await planRecommendations(p, fetcher([...township, ...county]).fetch, {
      now: NOW,
      poolTarget: 8,
    });
    expect(plan.stepsTried).toEqual(["township", "county"]);
    // Better-paid, fresh county postings outrank stale, poorly paid township ones once both are in the pool.
    expect(plan.picks.filter((p) => p.step === "county")).toHaveLength(3);
  });

  it("widens the place until the aim is met and records the rung each pick needed", async () => {
    const pool = [
      at("t1", "450332100"),
      at("t2", "450332100"),
      at("c1", "450332101"),
      at("m1", "450321100"),
      at("g1", "450102001"),
    ];
    const plan = await planRecommendations(
      profile({ workIntention: "in_province" }),
      fetcher(pool).fetch,
      {
        now: NOW,
      },
    );
    expect(plan.stepsTried).toEqual(["township", "county", "city", "guangxi"]);
    expect(Object.fromEntries(plan.picks.map((p) => [p.job.id, p.step]))).toEqual({
      t1: "township",
      t2: "township",
      c1: "county",
      m1: "city",
      g1: "guangxi",
    });
  });

  it("lowers wage and occupation bars only while below the minimum", async () => {
    const p = profile({
      workIntention: "local",
      occupations: ["普工"],
      expectedWage: { fen: 440_000, unit: "month" },
    });
    const cheap = (id: string) => at(id, "450332100", { wageMinFen: 320_000, wageMaxFen: null });
    // A neighbour of 普工 that is not entry-level work (entry-level work fits from the first rung).
    const near = (id: string) => at(id, "450332100", { occupation: "质检员" });
    const three = await planRecommendations(
      p,
      fetcher([
        at("a", "450332100"),
        at("b", "450332100"),
        at("c", "450332101"),
        cheap("d"),
        near("e"),
      ]).fetch,
      { now: NOW },
    );
    expect(three.stepsTried).toEqual(["township", "county", "city"]);
    expect(three.picks.map((x) => x.job.id).sort()).toEqual(["a", "b", "c"]);
    const two = await planRecommendations(
      p,
      fetcher([at("a", "450332100"), at("b", "450332100"), cheap("d"), near("e")]).fetch,
      { now: NOW },
    );
    expect(two.stepsTried).toEqual(["township", "county", "city", "wage_floor"]);
    expect(Object.fromEntries(two.picks.map((x) => [x.job.id, x.step]))).toEqual({
      a: "township",
      b: "township",
      d: "wage_floor",
    });
    expect(two.shortage).toBeUndefined();
    const one = await planRecommendations(p, fetcher([at("a", "450332100"), near("e")]).fetch, {
      now: NOW,
    });
    expect(one.stepsTried).toEqual([
      "township",
      "county",
      "city",
      "wage_floor",
      "neighbour_occupations",
      "safety_net",
    ]);
    expect(Object.fromEntries(one.picks.map((x) => [x.job.id, x.step]))).toEqual({
      a: "township",
      e: "neighbour_occupations",
    });
    expect(one.shortage?.missing).toBe(1);
  });

  it("never pads with unsuitable postings, even when the fetcher returns them", async () => {
    const p = profile({ workIntention: "local", occupations: ["普工"] });
    const unsuitable = [
      at("far", "450102001"),
      at("gd", "440306", { channel: "gd_gx", destinationCityCode: "4403" }),
      at("cert", "450332100", { requiredBrandCodes: ["bagui_jiazheng"] }),
      at("old", "450332100", { ageMax: 30 }),
      at("other", "450332100", { occupation: "保安员" }),
    ];
    const plan = await planRecommendations(
      p,
      fetcher([at("ok", "450332100"), ...unsuitable], true).fetch,
      {
        now: NOW,
      },
    );
    expect(plan.picks.map((x) => x.job.id)).toEqual(["ok"]);
    expect(plan.shortage?.missing).toBe(2);
  });

  it("reports postings held back by the spread rule in the shortage", async () => {
    const pool = [at("a", "450332100"), at("b", "450332100", { headcount: 1, pushedThisRound: 5 })];
    const plan = await planRecommendations(
      profile({ workIntention: "local" }),
      fetcher(pool).fetch,
      { now: NOW },
    );
    expect(plan.picks.map((x) => x.job.id)).toEqual(["a"]);
    expect(plan.shortage).toMatchObject({ missing: 2, heldBackBySpread: 1 });
  });

  it("does not walk the ladder for people who want no work", async () => {
    const f = fetcher([at("a", "450332100")]);
    const plan = await planRecommendations(profile({ workIntention: "none" }), f.fetch, {
      now: NOW,
    });
    expect(plan).toEqual({
      picks: [],
      stepsTried: [],
      stepUsed: null,
      ineligible: "no_work_intention",
    });
    expect(f.asked).toEqual([]);
  });

  it("propagates a failing fetcher: that is the caller's retry, not a shortage", async () => {
    await expect(
      planRecommendations(
        profile(),
        async () => {
          throw new Error("search down");
        },
        { now: NOW },
      ),
    ).rejects.toThrow("search down");
  });
});
