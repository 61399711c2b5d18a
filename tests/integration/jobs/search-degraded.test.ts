import { createServer } from "node:net";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { jobs } from "../../../db/schema/jobs";
import { createSearch } from "../../../src/search/client";
import { indexLagging, resetIndexLagCache, searchBreaker } from "../../../src/search/jobs-health";
import { reconcileJobsIndex } from "../../../src/search/jobs-reindex";
import { createHarness, eventually, type Harness, json } from "../../support/harness";
import { asEmployer, jobBody, makeEmployer, makeJob, searchIds, waitIndexed } from "./factory";

/** A port nothing listens on: bind one, note it, close it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

describe("with Meilisearch unreachable", () => {
  let h: Harness;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    h = await createHarness({
      overrides: { search: createSearch(`http://127.0.0.1:${await closedPort()}`, "x", "down_") },
    });
    const factory = await makeEmployer(h, { regionCode: "440306", name: "深圳市华宝电子有限公司" });
    const agency = await makeEmployer(h, { regionCode: "450332", name: "恭城县家政服务中心" });
    const workshop = await makeEmployer(h, {
      type: "workshop",
      regionCode: "450332",
      name: "恭城县竹编帮扶车间",
    });
    const asFactory = await asEmployer(h, factory.id);
    const asAgency = await asEmployer(h, agency.id);
    const asWorkshop = await asEmployer(h, workshop.id);
    ids.szPugong = (
      await makeJob(
        h,
        asFactory,
        jobBody("gd_gx", {
          title: "深圳宝安电子厂普工",
          regionCode: "440306",
          wageMaxFen: 650_000,
        }),
      )
    ).id;
    ids.szZhijian = (
      await makeJob(
        h,
        asFactory,
        jobBody("gd_gx", {
          title: "手机外壳质检员",
          occupation: "质检员",
          regionCode: "440307",
          wageMaxFen: 700_000,
        }),
      )
    ).id;
    ids.jiazheng = (
      await makeJob(
        h,
        asAgency,
        jobBody("gd_gx", {
          title: "家政服务员（育婴方向）",
          occupation: "家政服务员",
          regionCode: "440106",
          certificates: ["bagui_jiazheng"],
        }),
      )
    ).id;
    ids.tea = (
      await makeJob(
        h,
        asWorkshop,
        jobBody("odd_job", { title: "恭城春茶采茶工", lat: 24.85, lng: 110.83 }),
      )
    ).id;
    ids.bamboo = (
      await makeJob(
        h,
        asWorkshop,
        jobBody("workshop", {
          title: "竹编车间编织工",
          occupation: "编织工",
          lat: 25.1,
          lng: 110.83,
        }),
      )
    ).id;
    ids.closed = (await makeJob(h, asFactory, jobBody("gd_gx", { title: "已关闭的普工岗位" }))).id;
    await h.api.post(`/api/v1/jobs/${ids.closed}/close`, {}, asFactory);
    ids.draft = (
      await makeJob(h, asFactory, jobBody("gd_gx", { title: "草稿普工岗位" }), { open: false })
    ).id;
  });
  afterAll(async () => {
    await h?.close();
  });

  const set = (...keys: string[]) => keys.map((k) => ids[k]).sort();
  const found = async (query: string) => {
    const { ids: got, body } = await searchIds(h, query);
    expect(body.degraded, JSON.stringify(body)).toBe(true);
    return got.sort();
  };

  it("answers from Postgres with degraded: true, only open postings", async () => {
    expect(await found("")).toEqual(set("szPugong", "szZhijian", "jiazheng", "tea", "bamboo"));
  });

  it("matches Chinese words, including two-character ones and words of the employer and the place", async () => {
    expect(await found(`q=${encodeURIComponent("普工")}`)).toEqual(set("szPugong"));
    expect(await found(`q=${encodeURIComponent("普工 深圳")}`)).toEqual(set("szPugong"));
    expect(await found(`q=${encodeURIComponent("深圳")}`)).toEqual(set("szPugong", "szZhijian"));
    expect(await found(`q=${encodeURIComponent("家政")}`)).toEqual(set("jiazheng"));
    expect(await found(`q=${encodeURIComponent("采茶")}`)).toEqual(set("tea"));
    expect(await found(`q=${encodeURIComponent("华宝电子")}`)).toEqual(
      set("szPugong", "szZhijian"),
    );
    expect(await found(`q=${encodeURIComponent("编织工")}`)).toEqual(set("bamboo"));
    expect(await found(`q=${encodeURIComponent("编工")}`)).toEqual([]);
  });

  it("applies region, channel, certificate, wage and radius filters exactly", async () => {
    expect(await found("region=4403")).toEqual(set("szPugong", "szZhijian"));
    expect(await found("region=450332")).toEqual(set("tea", "bamboo"));
    expect(await found("channel=odd_job,workshop")).toEqual(set("tea", "bamboo"));
    expect(await found("certificate=bagui_jiazheng")).toEqual(set("jiazheng"));
    expect(await found("wageUnit=month&minWageFen=680000")).toEqual(set("szZhijian"));
    // tea is 2.0 km from the centre, bamboo 29.8 km.
    expect(await found("near=24.832,110.83&radiusKm=10")).toEqual(set("tea"));
    expect(await found("near=24.832,110.83&radiusKm=29")).toEqual(set("tea"));
    const { body } = await searchIds(h, "near=24.832,110.83&radiusKm=30&sort=distance");
    expect(body.items.map((i: { id: string }) => i.id)).toEqual([ids.tea, ids.bamboo]);
    expect(body.items[0].distanceKm).toBeCloseTo(2.0, 1);
  });

  it("pages newest first through the recent window and past it", async () => {
    const seen: string[] = [];
    let cursor = "";
    for (;;) {
      const { status, body } = await json(
        await h.api.get(
          `/api/v1/jobs/search?limit=2&sort=newest${cursor ? `&cursor=${cursor}` : ""}`,
        ),
      );
      expect(status, JSON.stringify(body)).toBe(200);
      expect(body.degraded).toBe(true);
      seen.push(...body.items.map((i: { id: string }) => i.id));
      if (!body.nextCursor) break;
      cursor = body.nextCursor;
    }
    expect(seen).toEqual(["bamboo", "tea", "jiazheng", "szZhijian", "szPugong"].map((k) => ids[k]));
  });

  it("sorts by wage and pages", async () => {
    const wage = (await searchIds(h, "channel=gd_gx&sort=wage")).ids;
    expect(wage[0]).toBe(ids.szZhijian);
    const { body } = await searchIds(h, "");
    expect(body.estimatedTotal).toBeNull();
  });
});

describe("with the index lagging behind Postgres", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ sync: true });
  });
  afterAll(async () => {
    await h?.close();
  });

  it("answers degraded while a change is unconfirmed for over 10 s, and the reconcile repairs it", async () => {
    const employer = await makeEmployer(h);
    const as = await asEmployer(h, employer.id);
    const job = await makeJob(h, as, jobBody("public_welfare", { title: "护林员" }));
    await waitIndexed(h, job.id);
    resetIndexLagCache(h.deps.db);
    searchBreaker.reset(h.deps.search);
    expect((await searchIds(h, `q=${encodeURIComponent("护林员")}`)).body.degraded).toBe(false);

    // A change that never reached the index (as if the outbox row were lost), made a minute ago.
    await h.deps.db
      .update(jobs)
      .set({
        title: "生态护林员",
        version: sql`${jobs.version} + 1`,
        changedAt: sql`now() - interval '1 minute'`,
      })
      .where(eq(jobs.id, job.id));
    resetIndexLagCache(h.deps.db);
    const lagging = await searchIds(h, `q=${encodeURIComponent("生态护林员")}`);
    expect(lagging.body.degraded).toBe(true);

    const drift = await reconcileJobsIndex(h.deps);
    expect(drift).toMatchObject({ stale: 1, missing: 0, extra: 0 });
    resetIndexLagCache(h.deps.db);
    const repaired = await searchIds(h, `q=${encodeURIComponent("生态护林员")}`);
    expect(repaired.body.degraded).toBe(false);
    expect(repaired.ids).toEqual([job.id]);
  });

  it("serves the last answer while it reads the next one, so a search never waits for the check", async () => {
    const job = await makeJob(
      h,
      await asEmployer(h, (await makeEmployer(h)).id),
      jobBody("public_welfare", { title: "保洁员" }),
    );
    await waitIndexed(h, job.id);
    resetIndexLagCache(h.deps.db);
    expect(await indexLagging(h.deps.db)).toBe(false);
    await h.deps.db
      .update(jobs)
      .set({ version: sql`${jobs.version} + 1`, changedAt: sql`now() - interval '1 minute'` })
      .where(eq(jobs.id, job.id));
    // Age the cached answer past its second by moving the clock, not by sleeping ...
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(Date.now() + 1100);
      // ... so this call sees it over a second old: it answers with it and starts a read ...
      expect(await indexLagging(h.deps.db)).toBe(false);
    } finally {
      vi.useRealTimers();
    }
    // ... whose answer the next calls get.
    await eventually(() => indexLagging(h.deps.db), 5000, 20);
    await reconcileJobsIndex(h.deps);
    resetIndexLagCache(h.deps.db);
    expect(await indexLagging(h.deps.db)).toBe(false);
  });
});
