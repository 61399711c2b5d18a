import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSearch } from "../../../src/search/client";
import { type AuthAs, createHarness, type Harness, json } from "../../support/harness";
import { asLabourer, makeLabourer, VILLAGES } from "../labourers/factory";
import { asEmployer, jobBody, makeEmployer, makeJob, waitIndexed } from "./factory";

/**
 * Issue 16, the H5 search's channel tabs and 月薪不低于 N 元 (`channel`, `minMonthlyWageFen`), on
 * Meilisearch and on the Postgres fallback alike; and the posting page's distance in words.
 */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

const TAG = `档${Math.random().toString(36).slice(2, 7)}`;

async function seed(h: Harness, indexed: boolean) {
  const ids: Record<string, string> = {};
  const as = {
    local: await asEmployer(h, (await makeEmployer(h, { regionCode: "450332" })).id),
    gd: await asEmployer(h, (await makeEmployer(h, { regionCode: "440306" })).id),
    workshop: await asEmployer(
      h,
      (await makeEmployer(h, { type: "workshop", regionCode: "450332" })).id,
    ),
    village: await asEmployer(
      h,
      (await makeEmployer(h, { type: "public_welfare", regionCode: "450332" })).id,
    ),
  };
  const by = { odd_job: "local", enterprise: "local", gd_gx: "gd", workshop: "workshop" } as const;
  const post = async (key: string, channel: Parameters<typeof jobBody>[0], o = {}) => {
    const who = as[channel === "public_welfare" ? "village" : by[channel]];
    const extra = channel === "gd_gx" ? { regionCode: "440306" } : {};
    ids[key] = (
      await makeJob(h, who, jobBody(channel, { title: `${TAG} ${key}`, ...extra, ...o }))
    ).id;
  };
  // 日薪 200 ≈ 月薪 4,400 (22 days); 日薪 150 ≈ 3,300.
  await post("oddHigh", "odd_job", { wageUnit: "day", wageMinFen: 15_000, wageMaxFen: 20_000 });
  await post("oddLow", "odd_job", { wageUnit: "day", wageMinFen: 12_000, wageMaxFen: 15_000 });
  await post("workshop", "workshop", { wageMinFen: 280_000, wageMaxFen: 350_000 });
  await post("gd", "gd_gx", { wageMinFen: 500_000, wageMaxFen: 650_000 });
  await post("enterprise", "enterprise", { wageMinFen: 400_000, wageMaxFen: 400_000 });
  await post("welfare", "public_welfare", { wageMinFen: 150_000, wageMaxFen: 150_000 });
  await post("piece", "workshop", { wageUnit: "piece", wageMinFen: 50, wageMaxFen: 80 });
  if (indexed) for (const id of Object.values(ids)) await waitIndexed(h, id);
  return ids;
}

const modes = [
  { name: "Meilisearch", degraded: false },
  { name: "the Postgres fallback", degraded: true },
] as const;

describe.each(modes)("channel tabs and the month-wage floor on $name", ({ degraded }) => {
  let h: Harness;
  let ids: Record<string, string>;
  beforeAll(async () => {
    h = degraded
      ? await createHarness({
          overrides: {
            search: createSearch(`http://127.0.0.1:${await closedPort()}`, "x", "down_"),
          },
        })
      : await createHarness({ sync: true });
    ids = await seed(h, !degraded);
  });
  afterAll(async () => {
    await h?.close();
  });

  const found = async (query: string) => {
    const res = await json(
      await h.api.get(`/api/v1/jobs/search?limit=50&q=${encodeURIComponent(TAG)}&${query}`),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.degraded).toBe(degraded);
    const back = new Map(Object.entries(ids).map(([k, v]) => [v, k]));
    return (res.body.items as { id: string }[]).map((i) => back.get(i.id)).sort();
  };

  it("filters by each tab's channel", async () => {
    expect(await found("")).toHaveLength(7);
    expect(await found("channel=odd_job")).toEqual(["oddHigh", "oddLow"]);
    expect(await found("channel=workshop")).toEqual(["piece", "workshop"]);
    expect(await found("channel=gd_gx")).toEqual(["gd"]);
    expect(await found("channel=enterprise")).toEqual(["enterprise"]);
    expect(await found("channel=public_welfare")).toEqual(["welfare"]);
  });

  it("月薪不低于 N 元 compares day wages as 22 days and keeps piece rates", async () => {
    expect(await found("minMonthlyWageFen=400000")).toEqual([
      "enterprise", // exactly 4,000: not below the floor
      "gd",
      "oddHigh", // 200 × 22 = 4,400
      "piece",
    ]);
    expect(await found("minMonthlyWageFen=440000")).toEqual(["gd", "oddHigh", "piece"]);
    expect(await found("minMonthlyWageFen=440100")).toEqual(["gd", "piece"]);
    expect(await found("minMonthlyWageFen=0")).toHaveLength(7);
    // With a tab.
    expect(await found("channel=odd_job&minMonthlyWageFen=300000")).toEqual(["oddHigh", "oddLow"]);
    expect(await found("channel=odd_job&minMonthlyWageFen=400000")).toEqual(["oddHigh"]);
  });

  it("says what is wrong with a bad floor, in Chinese, naming the field", async () => {
    const res = await json(await h.api.get("/api/v1/jobs/search?minMonthlyWageFen=-5"));
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain("minMonthlyWageFen");
    expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe("a posting's page says its distance at the precision known", () => {
  let h: Harness;
  let me: AuthAs;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    h = await createHarness();
    const employer = await makeEmployer(h, { regionCode: "450332", name: "恭城县家政服务中心" });
    const as = await asEmployer(h, employer.id);
    const post = async (key: string, o: Record<string, unknown>) => {
      ids[key] = (await makeJob(h, as, jobBody("enterprise", o))).id;
    };
    await post("village", { regionCode: VILLAGES.gongcheng });
    await post("county", { regionCode: "450332100" });
    await post("far", { regionCode: "450102" });
    await post("pinned", { regionCode: "450332100", lat: 24.85, lng: 110.83 });
    me = await asLabourer(h, (await makeLabourer(h, { villageCode: VILLAGES.gongcheng })).id);
  });
  afterAll(async () => {
    await h?.close();
  });

  const text = async (key: string, as?: AuthAs, query = "") => {
    const res = await json(await h.api.get(`/api/v1/jobs/${ids[key]}${query}`, as));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.distanceText as string | null;
  };

  it("from the signed-in labourer's home village", async () => {
    expect(await text("village", me)).toBe("同村");
    expect(await text("county", me)).toBe("本县");
    // Pinned, but the person's own place is a region: no measured figure.
    expect(await text("pinned", me)).toBe("本县");
    expect(await text("far", me)).toMatch(/^约 \d{3} 公里$/);
  });

  it("from the phone's location when given, measured only to a pinned posting", async () => {
    expect(await text("pinned", me, "?near=24.832,110.83")).toBe("约 2.0 公里");
    expect(await text("pinned", undefined, "?near=24.832,110.83")).toBe("约 2.0 公里");
    expect(await text("county", undefined, "?near=24.832,110.83")).toBe("本县");
  });

  it("is null when nothing is known about where the person is", async () => {
    expect(await text("county")).toBeNull();
  });

  it("rejects a malformed location with a Chinese message naming near", async () => {
    const res = await json(await h.api.get(`/api/v1/jobs/${ids.county}?near=abc`, me));
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe("near");
  });
});
