/**
 * Issue 18: a small county world built through the API (workshops, odd jobs, village
 * public-welfare posts, Guangdong cooperation jobs; labourers of different ages, capacity and
 * intention, each passing a course). Every person gets at least three suitable jobs in the order
 * the rules give, or a shortage alert naming the occupation and the county.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shortageAlerts } from "../../../db/schema/recommendations";
import { systemCtx } from "../../../src/lib/ctx";
import { searchPostgres } from "../../../src/modules/jobs/search-postgres";
import { runRecommendationRound } from "../../../src/modules/recommendations/round";
import { createHarness, type Harness, json } from "../../support/harness";
import {
  asEmployer,
  jobBody,
  makeEmployer,
  makeJob,
  searchIds,
  waitIndexed,
} from "../jobs/factory";
import { idNumber } from "../labourers/factory";
import { makeCourse, makeEnrolment, makeLabourer } from "../training/factory";

const MINUTE = 60_000;
let shiftMs = 0;
let h: Harness;
beforeAll(async () => {
  h = await createHarness({ sync: true, overrides: { now: () => new Date(Date.now() + shiftMs) } });
});
afterAll(async () => {
  await h?.close();
});

type Item = { rank: number; job: { id: string } };
interface World {
  [name: string]: string;
}

const yearsAgo = (age: number) => new Date().getUTCFullYear() - age - 1;

/** Registers a labourer, enrols them on a course of `brand` in their county and passes them; `recommend` runs round 1. */
async function trainedPerson(o: {
  age: number;
  village: string;
  capacity: string;
  intention: string;
  brand: string;
  occupation: string;
  extra?: Record<string, unknown>;
}) {
  const county = o.village.slice(0, 6);
  const labourer = await makeLabourer(h, {
    idNumber: idNumber(county, { year: yearsAgo(o.age) }),
    villageCode: o.village,
    labourCapacity: o.capacity,
    workIntention: o.intention,
    preferredCityCodes: [],
    skills: [],
    ...o.extra,
  });
  const course = await makeCourse(h, {
    brandCode: o.brand,
    occupation: o.occupation,
    countyCode: county,
  });
  const enrolment = await makeEnrolment(h, course.id, labourer.id);
  const passed = await json(
    await h.api.post(
      `/api/v1/training/enrolments/${enrolment.id}/pass`,
      { certificateNo: `C-${labourer.id.slice(0, 8)}`, resultDate: "2026-11-20" },
      await h.as.bureau(county),
    ),
  );
  expect(passed.status, JSON.stringify(passed.body)).toBe(200);
  const staff = await h.as.bureau(county);
  const recommend = async () => {
    await runRecommendationRound(systemCtx(h.deps), { enrolmentId: enrolment.id, round: 1 });
    const res = await json(
      await h.api.get(`/api/v1/labourers/${labourer.id}/recommendations`, staff),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const round = res.body.rounds[0];
    const ids = [...round.items]
      .sort((a: Item, b: Item) => a.rank - b.rank)
      .map((i: Item) => i.job.id) as string[];
    return { labourer, ids, round };
  };
  return { recommend };
}

/** Registered, trained and passed (sessions issued at the real time), then recommended. */
const recommendedFor = async (o: Parameters<typeof trainedPerson>[0]) =>
  (await trainedPerson(o)).recommend();

const jobs: World = {};

async function buildWorld() {
  const post = async (
    name: string,
    employerId: string,
    channel: Parameters<typeof jobBody>[0],
    o: Record<string, unknown>,
  ) => {
    jobs[name] = (
      await makeJob(h, await asEmployer(h, employerId), jobBody(channel, { title: name, ...o }))
    ).id;
  };
  const garment = await makeEmployer(h, {
    type: "workshop",
    regionCode: "450332100",
    name: "恭城镇制衣帮扶车间",
  });
  const bamboo = await makeEmployer(h, {
    type: "workshop",
    regionCode: "450332102",
    name: "莲花镇竹编帮扶车间",
  });
  const orchard = await makeEmployer(h, {
    type: "individual",
    regionCode: "450332102",
    name: "莲花镇沙田柚果园",
  });
  const movers = await makeEmployer(h, {
    type: "cooperative",
    regionCode: "450332100",
    name: "恭城农民劳务合作社",
  });
  const village = await makeEmployer(h, {
    type: "public_welfare",
    regionCode: "450332102201",
    name: "竹山村村民委员会",
  });
  const town = await makeEmployer(h, {
    type: "public_welfare",
    regionCode: "450332100201",
    name: "门楼村村民委员会",
  });
  const shenzhen = await makeEmployer(h, { regionCode: "440306", name: "深圳南粤家政服务公司" });
  const dongguan = await makeEmployer(h, { regionCode: "441900", name: "东莞联创电子厂" });
  const builder = await makeEmployer(h, { regionCode: "440307", name: "深圳鹏城建筑劳务公司" });
  const month = (min: number, max = min) => ({
    wageUnit: "month",
    wageMinFen: min * 100,
    wageMaxFen: max * 100,
  });
  await post("制衣车间缝纫工", garment.id, "workshop", {
    occupation: "缝纫工",
    regionCode: "450332100",
    physicalDemand: "light",
    ...month(2600, 3200),
  });
  await post("竹编车间竹编工", bamboo.id, "workshop", {
    occupation: "竹编工",
    regionCode: "450332102",
    physicalDemand: "light",
    ...month(2200, 2800),
  });
  await post("沙田柚采摘零工", orchard.id, "odd_job", {
    occupation: "采摘工",
    regionCode: "450332102",
    wageMinFen: 13_000,
    wageMaxFen: 15_000,
  });
  await post("货场装卸零工", movers.id, "odd_job", {
    occupation: "装卸工",
    regionCode: "450332100",
    physicalDemand: "heavy",
    wageMinFen: 18_000,
    wageMaxFen: 22_000,
  });
  await post("竹山村保洁公益性岗位", village.id, "public_welfare", {
    occupation: "保洁员",
    regionCode: "450332102201",
    ...month(800),
  });
  await post("门楼村保洁公益性岗位", town.id, "public_welfare", {
    occupation: "保洁员",
    regionCode: "450332100201",
    ...month(800),
  });
  await post("深圳住家家政服务员", shenzhen.id, "gd_gx", {
    occupation: "家政服务员",
    regionCode: "440306",
    certificates: ["bagui-jiazheng"],
    ...month(6500),
  });
  await post("东莞电子厂普工", dongguan.id, "gd_gx", {
    occupation: "普工",
    regionCode: "441900",
    departureRegionCode: "450332",
    ageMin: 18,
    ageMax: 45,
    ...month(4500, 6000),
  });
  await post("深圳建筑钢筋工", builder.id, "gd_gx", {
    occupation: "钢筋工",
    regionCode: "440307",
    physicalDemand: "heavy",
    certificates: ["bagui-jiangong"],
    ...month(8000, 11000),
  });
  for (const id of Object.values(jobs)) await waitIndexed(h, id);
}

const name = (id: string) => Object.entries(jobs).find(([, v]) => v === id)?.[0] ?? id;
const local = ["制衣车间缝纫工", "竹编车间竹编工", "沙田柚采摘零工", "货场装卸零工"];

describe("a county world built through the API", () => {
  beforeAll(buildWorld, 180_000);

  it("a half-labour woman of 52 who wants work near home: the brand course widens her offers, the own village's public-welfare post is one of them", async () => {
    const { ids, round } = await recommendedFor({
      age: 52,
      village: "450332102201",
      capacity: "half",
      intention: "local",
      brand: "bagui-jiazheng",
      occupation: "家政服务员",
    });
    const names = ids.map(name);
    expect(round.outcome, names.join()).toBe("complete");
    expect(names).toEqual(
      expect.arrayContaining([
        "竹编车间竹编工",
        "制衣车间缝纫工",
        "沙田柚采摘零工",
        "竹山村保洁公益性岗位",
      ]),
    );
    expect(names.some((n) => n.startsWith("深圳") || n.startsWith("东莞"))).toBe(false);
    expect(names).not.toContain("门楼村保洁公益性岗位");
  });

  it("a full-labour man of 30 going to Guangdong: fitting Guangdong jobs first, local work after, no public-welfare post", async () => {
    const { ids, round } = await recommendedFor({
      age: 30,
      village: "450332100201",
      capacity: "full",
      intention: "out_province",
      brand: "bagui-jiazheng",
      occupation: "家政服务员",
    });
    const names = ids.map(name);
    expect(round.outcome, names.join()).toBe("complete");
    expect(names.slice(0, 2).sort(), names.join()).toEqual([
      "东莞电子厂普工",
      "深圳住家家政服务员",
    ]);
    expect(
      names.slice(2).every((n) => local.includes(n)),
      names.join(),
    ).toBe(true);
    expect(
      names.some((n) => n.includes("公益性岗位")),
      names.join(),
    ).toBe(false);
    expect(names).not.toContain("深圳建筑钢筋工");
  });

  it("a weak-labour key-assistance man of 58: no heavy work, the own village's post and light workshop work", async () => {
    const { ids, round } = await recommendedFor({
      age: 58,
      village: "450332102201",
      capacity: "weak",
      intention: "out_province",
      brand: "bagui-mifen",
      occupation: "米粉师傅",
      extra: { keyAssistance: true },
    });
    const names = ids.map(name);
    expect(round.outcome, names.join()).toBe("complete");
    expect(names).toEqual(expect.arrayContaining(["竹编车间竹编工", "竹山村保洁公益性岗位"]));
    expect(names).not.toContain("货场装卸零工");
    expect(names.some((n) => n.startsWith("深圳") || n.startsWith("东莞"))).toBe(false);
  });

  it("a full-labour woman of 40 staying in Guangxi with a building course: local work, the public-welfare post not above it", async () => {
    const { ids, round } = await recommendedFor({
      age: 40,
      village: "450332100201",
      capacity: "full",
      intention: "in_province",
      brand: "bagui-jiangong",
      occupation: "钢筋工",
      extra: { occupations: ["建筑工"] },
    });
    const names = ids.map(name);
    expect(round.outcome, names.join()).toBe("complete");
    expect(names.length).toBeGreaterThanOrEqual(3);
    expect(
      names.every((n) => local.includes(n)),
      names.join(),
    ).toBe(true);
  });

  it("where no suitable job exists: a shortage alert naming the occupation and the county", async () => {
    const { labourer, ids, round } = await recommendedFor({
      age: 35,
      village: "450226100201",
      capacity: "full",
      intention: "local",
      brand: "bagui-mifen",
      occupation: "米粉师傅",
      extra: { occupations: ["米粉师傅"] },
    });
    expect(ids).toEqual([]);
    expect(round.outcome).toBe("shortage");
    const [alert] = await h.deps.db
      .select()
      .from(shortageAlerts)
      .where(eq(shortageAlerts.labourerId, labourer.id));
    expect(alert?.countyCode).toBe("450226");
    expect(alert?.occupations).toContain("米粉师傅");
  });
});

describe("a posting past its deadline whose status is still open (the expiry sweep has not run)", () => {
  it("is neither searchable nor recommended", async () => {
    const orchard = await makeEmployer(h, { type: "individual", regionCode: "450332102" });
    // A deadline three minutes away, then a clock five minutes on: sessions stay valid, the deadline has passed.
    const expiresAt = new Date(Date.now() + 3 * MINUTE).toISOString();
    const late = await makeJob(
      h,
      await asEmployer(h, orchard.id),
      jobBody("odd_job", {
        title: "马上截止的采摘零工",
        occupation: "采摘工",
        regionCode: "450332102",
        expiresAt,
      }),
    );
    await waitIndexed(h, late.id);
    expect((await searchIds(h, "region=450332102")).ids).toContain(late.id);

    // Tokens are checked against the real clock: everything that signs in happens before the clock moves.
    const person = await trainedPerson({
      age: 45,
      village: "450332102201",
      capacity: "full",
      intention: "local",
      brand: "bagui-jiazheng",
      occupation: "家政服务员",
      extra: { occupations: ["采摘工"] },
    });
    shiftMs = 5 * MINUTE;
    try {
      expect((await searchIds(h, "region=450332102")).ids).not.toContain(late.id);
      const fallback = await searchPostgres(
        h.deps.db,
        {
          q: "",
          channels: [],
          region: "450332102",
          radiusKm: 30,
          sort: "newest",
          offset: 0,
          limit: 50,
        },
        new Date(Date.now() + shiftMs),
      );
      expect(fallback.hits.map((x) => x.id)).not.toContain(late.id);
      const { ids } = await person.recommend();
      expect(ids).not.toContain(late.id);
    } finally {
      shiftMs = 0;
    }
  });
});
