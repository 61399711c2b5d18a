import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { haversineKm } from "../../../src/lib/geo";
import { createHarness, type Harness, json } from "../../support/harness";
import { asEmployer, jobBody, makeEmployer, makeJob, searchIds, waitIndexed } from "./factory";

/**
 * Search behaviour on real Meilisearch. Every posting here carries a tag word unique to this
 * file run (a random two-character Han pair is not enough: Meilisearch segments words), so
 * results are compared as exact sets without reading anyone else's rows.
 */
let h: Harness;
const ids: Record<string, string> = {};
const TAG = `标记${Math.random().toString(36).slice(2, 8)}`;

// Guilin city centre; the points below sit at known distances from it.
const CENTER = { lat: 25.2736, lng: 110.29 };
const at = (km: number, bearingDeg: number) => {
  const d = km / 6371.0088;
  const b = (bearingDeg * Math.PI) / 180;
  const lat1 = (CENTER.lat * Math.PI) / 180;
  const lng1 = (CENTER.lng * Math.PI) / 180;
  const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(b));
  const lng2 =
    lng1 +
    Math.atan2(
      Math.sin(b) * Math.sin(d) * Math.cos(lat1),
      Math.cos(d) - Math.sin(lat1) * Math.sin(lat2),
    );
  return { lat: (lat2 * 180) / Math.PI, lng: (lng2 * 180) / Math.PI };
};

beforeAll(async () => {
  h = await createHarness({ sync: true });
  const factory = await makeEmployer(h, { regionCode: "440306", name: "深圳市华宝电子有限公司" });
  const logistics = await makeEmployer(h, { regionCode: "440106", name: "广州市天河物流有限公司" });
  const workshop = await makeEmployer(h, {
    type: "workshop",
    regionCode: "450332",
    name: "恭城县莲花镇竹编帮扶车间",
  });
  const village = await makeEmployer(h, {
    type: "public_welfare",
    regionCode: "450225",
    name: "融水县安太乡村民委员会",
  });
  const asFactory = await asEmployer(h, factory.id);
  const asLogistics = await asEmployer(h, logistics.id);
  const asWorkshop = await asEmployer(h, workshop.id);
  const asVillage = await asEmployer(h, village.id);
  const bureau = await h.as.bureau("4503");
  const postings: [string, Awaited<ReturnType<typeof asEmployer>>, Record<string, unknown>][] = [
    [
      "szPugong",
      asFactory,
      jobBody("gd_gx", {
        title: `深圳宝安电子厂普工 ${TAG}`,
        regionCode: "440306",
        wageMinFen: 450_000,
        wageMaxFen: 650_000,
        occupation: "普工",
      }),
    ],
    [
      "gzPugong",
      asLogistics,
      jobBody("gd_gx", {
        title: `广州天河物流仓库普工 ${TAG}`,
        regionCode: "440106",
        wageMinFen: 420_000,
        wageMaxFen: 550_000,
        occupation: "普工",
      }),
    ],
    [
      "szJiazheng",
      asFactory,
      jobBody("gd_gx", {
        title: `深圳南粤家政服务员 ${TAG}`,
        regionCode: "440307",
        occupation: "家政服务员",
        certificates: ["bagui_jiazheng"],
        wageMinFen: 600_000,
        wageMaxFen: 800_000,
      }),
    ],
    [
      "tea",
      bureau,
      jobBody("odd_job", {
        employerId: workshop.id,
        title: `恭城春茶采茶工 ${TAG}`,
        occupation: "采茶工",
        ...at(5, 90),
      }),
    ],
    [
      "bamboo",
      asWorkshop,
      jobBody("workshop", {
        title: `竹编车间编织工 ${TAG}`,
        occupation: "编织工",
        wageMinFen: 250_000,
        wageMaxFen: 320_000,
        ...at(15, 180),
      }),
    ],
    [
      "far",
      asWorkshop,
      jobBody("workshop", { title: `竹编车间质检员 ${TAG}`, occupation: "质检员", ...at(40, 0) }),
    ],
    [
      "welfare",
      asVillage,
      jobBody("public_welfare", {
        title: `村级保洁员 ${TAG}`,
        regionCode: "450225",
        occupation: "保洁员",
        wageMinFen: 100_000,
        wageMaxFen: 100_000,
      }),
    ],
  ];
  for (const [key, as, body] of postings) ids[key] = (await makeJob(h, as, body)).id;
  for (const id of Object.values(ids)) await waitIndexed(h, id);
}, 60_000);
afterAll(async () => {
  await h?.close();
});

const set = (...keys: string[]) => keys.map((k) => ids[k]).sort();
const found = async (query: string) =>
  (await searchIds(h, `q=${encodeURIComponent(TAG)}${query ? `&${query}` : ""}`)).ids.sort();

describe("GET /api/v1/jobs/search on Meilisearch", () => {
  it("finds Chinese words: 家政, 普工 深圳, 采茶", async () => {
    expect((await searchIds(h, `q=${encodeURIComponent(`家政 ${TAG}`)}`)).ids).toEqual(
      set("szJiazheng"),
    );
    expect((await searchIds(h, `q=${encodeURIComponent(`普工 深圳 ${TAG}`)}`)).ids).toEqual(
      set("szPugong"),
    );
    expect((await searchIds(h, `q=${encodeURIComponent(`采茶 ${TAG}`)}`)).ids).toEqual(set("tea"));
    const body = (await searchIds(h, `q=${encodeURIComponent(`采茶 ${TAG}`)}`)).body;
    expect(body.degraded).toBe(false);
    expect(body.items[0]).toMatchObject({
      channel: "odd_job",
      employer: { name: "恭城县莲花镇竹编帮扶车间" },
      wage: { unit: "day" },
    });
    expect(JSON.stringify(body)).not.toMatch(/contactPhone|139\d{8}/);
  });

  it("filters by region at any level, exactly", async () => {
    expect(await found("region=44")).toEqual(set("szPugong", "gzPugong", "szJiazheng"));
    expect(await found("region=440300")).toEqual(set("szPugong", "szJiazheng"));
    expect(await found("region=440306")).toEqual(set("szPugong"));
    expect(await found("region=4503")).toEqual(set("tea", "bamboo", "far"));
    expect(await found("region=450225")).toEqual(set("welfare"));
  });

  it("filters by channel (several), certificate, occupation and wage floor", async () => {
    expect(await found("channel=workshop,public_welfare")).toEqual(set("bamboo", "far", "welfare"));
    expect(await found("channel=odd_job&channel=public_welfare")).toEqual(set("tea", "welfare"));
    expect(await found("certificate=bagui_jiazheng")).toEqual(set("szJiazheng"));
    expect(await found(`occupation=${encodeURIComponent("普工")}`)).toEqual(
      set("szPugong", "gzPugong"),
    );
    expect(await found("wageUnit=month&minWageFen=600000")).toEqual(
      set("szPugong", "szJiazheng", "far"),
    );
  });

  it("keeps near-me results inside the radius, with distances, nearest first", async () => {
    const near = `near=${CENTER.lat},${CENTER.lng}`;
    expect(await found(`${near}&radiusKm=10`)).toEqual(set("tea"));
    expect(await found(`${near}&radiusKm=20`)).toEqual(set("tea", "bamboo"));
    expect(await found(`${near}&radiusKm=50`)).toEqual(set("tea", "bamboo", "far"));
    const { body } = await searchIds(
      h,
      `q=${encodeURIComponent(TAG)}&${near}&radiusKm=50&sort=distance`,
    );
    expect(body.items.map((i: { id: string }) => i.id)).toEqual([ids.tea, ids.bamboo, ids.far]);
    expect(body.items.map((i: { distanceKm: number }) => Math.round(i.distanceKm))).toEqual([
      5, 15, 40,
    ]);
    for (const i of body.items)
      expect(i.distanceKm).toBeCloseTo(haversineKm(CENTER, { lat: i.lat, lng: i.lng }), 2);
    // 39.9 km excludes the posting at 40 km even though it lies inside the bounding box.
    expect(await found(`${near}&radiusKm=39.9`)).toEqual(set("tea", "bamboo"));
  });

  it("sorts by wage and by date, and pages with a cursor", async () => {
    const wage = (await searchIds(h, `q=${encodeURIComponent(TAG)}&channel=gd_gx&sort=wage`)).ids;
    expect(wage).toEqual([ids.szJiazheng, ids.szPugong, ids.gzPugong]);
    const newest = (await searchIds(h, `q=${encodeURIComponent(TAG)}&sort=newest`)).ids;
    expect(newest[0]).toBe(ids.welfare);
    const first = await json(
      await h.api.get(`/api/v1/jobs/search?q=${encodeURIComponent(TAG)}&sort=newest&limit=4`),
    );
    expect(first.body.items).toHaveLength(4);
    const second = await json(
      await h.api.get(
        `/api/v1/jobs/search?q=${encodeURIComponent(TAG)}&sort=newest&limit=4&cursor=${first.body.nextCursor}`,
      ),
    );
    expect(second.body.nextCursor).toBeNull();
    expect([...first.body.items, ...second.body.items].map((i: { id: string }) => i.id)).toEqual(
      newest,
    );
  });

  it("answers bad parameters with 400 naming the parameter", async () => {
    for (const [query, field] of [
      ["near=abc", "near"],
      ["sort=distance", "sort"],
      ["minWageFen=100", "wageUnit"],
      ["region=4x", "region"],
      ["channel=odd_job,fulltime", "channel.1"],
      ["cursor=zzz", "cursor"],
    ]) {
      const res = await json(await h.api.get(`/api/v1/jobs/search?${query}`));
      expect(res.status, `${query}: ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.body.error).toMatchObject({ code: "VALIDATION_FAILED", field });
    }
  });
});

describe("nearest first over many postings", () => {
  it("pages through the exact nearest postings in distance order", async () => {
    const tag = `近邻${Math.random().toString(36).slice(2, 8)}`;
    const workshop = await makeEmployer(h, { type: "workshop", regionCode: "450332" });
    const as = await asEmployer(h, workshop.id);
    const made: { id: string; km: number }[] = [];
    for (let i = 0; i < 24; i++) {
      const km = 0.4 + ((i * 7919) % 240) / 10;
      const job = await makeJob(
        h,
        as,
        jobBody("workshop", { title: `编织工 ${tag}`, ...at(km, (i * 47) % 360) }),
      );
      made.push({ id: job.id, km });
    }
    for (const m of made) await waitIndexed(h, m.id);
    const expected = made
      .filter((m) => m.km <= 20)
      .sort((a, b) => a.km - b.km)
      .map((m) => m.id);
    const got: string[] = [];
    let cursor: string | null = "";
    while (cursor !== null) {
      const res = await h.api.get(
        `/api/v1/jobs/search?q=${encodeURIComponent(tag)}&near=${CENTER.lat},${CENTER.lng}&radiusKm=20&sort=distance&limit=5${cursor ? `&cursor=${cursor}` : ""}`,
      );
      const { status, body } = await json<{ items: { id: string }[]; nextCursor: string | null }>(
        res,
      );
      expect(status, JSON.stringify(body)).toBe(200);
      got.push(...body.items.map((i) => i.id));
      cursor = body.nextCursor;
    }
    expect(got).toEqual(expected);
  });
});
