import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LadderStep } from "../../../src/modules/matching/ladder";
import { CandidateBatchFetcher } from "../../../src/modules/recommendations/candidates";
import { FullPostings } from "../../../src/modules/recommendations/full-postings";
import { createHarness, eventually, type Harness } from "../../support/harness";
import { asEmployer, inIndex, jobBody, makeEmployer, makeJob } from "../jobs/factory";

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ sync: true });
});
afterAll(async () => {
  await h?.close();
});

/**
 * The rung filter (stepFilter) is written with NOT (`NOT ageMin > 40`, `NOT wageTopDayFen < 15000`)
 * so that postings without the field stay in; this checks that on a real Meilisearch.
 */
describe("a ladder rung's filter on Meilisearch", () => {
  it("keeps postings without a wage top (piece rates) and drops those outside the age range or under the wage floor", async () => {
    const occupation = `筛选测试${randomUUID().slice(0, 6)}`;
    const as = await asEmployer(
      h,
      (await makeEmployer(h, { type: "workshop", regionCode: "450332" })).id,
    );
    const post = (o: Record<string, unknown>) =>
      makeJob(h, as, jobBody("workshop", { occupation, ...o }));
    const defaults = await post({ title: "默认年龄 月薪" });
    const piece = await post({ title: "计件", wageUnit: "piece", wageMinFen: 50, wageMaxFen: 80 });
    const edge = await post({
      title: "年龄上限正好 40",
      ageMax: 40,
      wageUnit: "day",
      wageMinFen: 14_000,
      wageMaxFen: 15_000,
    });
    const tooOld = await post({ title: "限 35 岁以下", ageMax: 35 });
    const tooYoung = await post({ title: "限 50 岁以上", ageMin: 50 });
    const lowPay = await post({
      title: "日薪 120",
      wageUnit: "day",
      wageMinFen: 10_000,
      wageMaxFen: 12_000,
    });
    const all = [defaults, piece, edge, tooOld, tooYoung, lowPay];
    for (const j of all) await eventually(() => inIndex(h, j.id), 60_000, 50);

    const step: LadderStep = {
      index: 0,
      key: "county",
      label: "本县",
      scopes: [{ channels: ["workshop"], regionCodes: ["450332"] }],
      wageFloorDayFen: 15_000,
      occupations: [occupation],
      heavyWork: true,
      age: 40,
      heldBrandCodes: [],
    };
    const found = await new CandidateBatchFetcher(h.deps, { since: new Date(0) }).fetch(step);
    expect(found.jobs.map((c) => c.title).sort()).toEqual(
      [defaults, piece, edge].map((j) => j.title).sort(),
    );

    // Without an age or a wage floor, nothing is held back.
    const any = { ...step, age: null, wageFloorDayFen: null };
    const open = await new CandidateBatchFetcher(h.deps, { since: new Date(0) }).fetch(any);
    expect(open.jobs.map((c) => c.id).sort()).toEqual(all.map((j) => j.id).sort());
    expect(open.more).toBe(false);

    // In pages of two, at most four in all: the freshest first, then the next two, then nothing.
    const pages = new CandidateBatchFetcher(h.deps, { since: new Date(0) }, 4, 2);
    const p0 = await pages.fetch(any, 0);
    const p1 = await pages.fetch(any, 1);
    const p2 = await pages.fetch(any, 2);
    expect([p0.jobs.length, p0.more, p1.jobs.length, p1.more, p2.jobs.length, p2.more]).toEqual([
      2,
      true,
      2,
      false,
      0,
      false,
    ]);
    const byFreshness = [...open.jobs]
      .sort((x, y) => y.postedAt.getTime() - x.postedAt.getTime())
      .map((c) => c.id);
    expect([...p0.jobs, ...p1.jobs].map((c) => c.id)).toEqual(byFreshness.slice(0, 4));
    expect(pages.stats.queries).toBe(2);

    // A posting known full is left out of the query (NOT id IN […]) and reported instead.
    const registry = new FullPostings();
    const full = { registry, spreadMultiple: 5, nowMs: () => Date.now() };
    const withRegistry = new CandidateBatchFetcher(h.deps, { since: new Date(0) }, 200, 50, full);
    const seen = (await withRegistry.fetch(step)).jobs;
    const filled = seen.find((c) => c.id === piece.id)!;
    registry.note([{ ...filled, pushedThisRound: 5 * filled.headcount }], 5, Date.now());
    const again = await new CandidateBatchFetcher(
      h.deps,
      { since: new Date(0) },
      200,
      50,
      full,
    ).fetch({ ...step });
    expect(again.jobs.map((c) => c.id).sort()).toEqual([defaults.id, edge.id].sort());
    expect(again.knownFull).toEqual([piece.id]);
  });
});
