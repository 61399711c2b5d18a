import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AuthAs, createHarness, type Harness, json } from "../../support/harness";
import { buildCounty } from "./scenario";

let h: Harness;
let county: AuthAs;
beforeAll(async () => {
  h = await createHarness();
  await buildCounty(h);
  county = await h.as.bureau("450332");
});
afterAll(async () => {
  await h?.close();
});

type V = Record<string, Record<string, number>>;
const get = async (url: string, as: AuthAs) => {
  const res = await json(await h.api.get(url, as));
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};

describe("GET /api/v1/stats/summary", () => {
  it("counts every figure of the hand-built county, by township", async () => {
    const s = await get("/api/v1/stats/summary", county);
    expect(s.region).toMatchObject({ code: "450332", level: "county" });
    const t: V = s.total.values;
    expect(t["labourers.person_type"]).toEqual({ tuopin: 3, monitored: 1, other: 1 });
    expect(t["labourers.labour_capacity"]).toEqual({ full: 3, half: 1, weak: 1 });
    expect(t["labourers.work_intention"]).toEqual({ out_province: 1, local: 2, in_province: 1 });
    // a2's job is not confirmed: it is not counted anywhere.
    expect(t["employed.kind"]).toEqual({ out_province: 1, public_welfare: 1, local: 1 });
    expect(t["employed.channel"]).toEqual({ gd_gx: 1, public_welfare: 1, workshop: 1 });
    expect(t["unemployed.with_intention"]).toEqual({ "": 2 });
    expect(t["training.trained"]).toEqual({ "": 3 });
    expect(t["training.certified"]).toEqual({ "": 2 });
    expect(t["training.certified_employed"]).toEqual({ "": 1 });
    expect(t["push.recommendations_to_certified"]).toEqual({ "": 4 });
    expect(t["push.certified_with_3"]).toEqual({ "": 1 });
    expect(t["alerts.open"]).toEqual({ "": 1 });
    expect(t["alerts.open_by_occupation"]).toEqual({ 家政服务员: 1 });
    expect(t["households.with_labour"]).toEqual({ "": 4 });
    expect(t["households.zero_employment"]).toEqual({ "": 2 });
    expect(t["households.relocated"]).toEqual({ "": 1 });
    expect(t["households.relocated_none_employed"]).toEqual({ "": 1 });
    expect(t["jobs.posted"]).toEqual({ workshop: 1, odd_job: 1 });
    expect(t["jobs.open"]).toEqual({ workshop: 1 });
    expect(t["jobs.open_headcount"]).toEqual({ workshop: 5 });
    expect(s.total.ratios).toEqual({
      "training.first_employment_rate": 0.5,
      "push.recommendations_per_certified": 2,
      "push.share_with_3": 0.5,
    });
    expect(s.derived.find((d: any) => d.id === "training.first_employment_rate").target).toBe(0.3);

    const row = (code: string) => s.children.find((c: any) => c.code === code);
    const lianhua = row("450332102");
    const town = row("450332100");
    expect(lianhua.name).toBe("莲花镇");
    expect(lianhua.values["labourers.person_type"]).toEqual({ tuopin: 3 });
    expect(lianhua.values["employed.kind"]).toEqual({ out_province: 1, public_welfare: 1 });
    expect(lianhua.values["households.zero_employment"]).toEqual({ "": 1 });
    expect(town.values["employed.kind"]).toEqual({ local: 1 });
    expect(town.values["households.relocated_none_employed"]).toEqual({ "": 1 });
    expect(town.ratios["training.first_employment_rate"]).toBe(1);
    // Every township of the county is listed, the empty ones too.
    expect(s.children.length).toBeGreaterThan(2);
    expect(s.children.every((c: any) => c.code.startsWith("450332") && c.code.length === 9)).toBe(
      true,
    );
  });

  it("drills down to a township (villages) and up to the province (cities) for an admin", async () => {
    const town = await get("/api/v1/stats/summary?region=450332102", county);
    const village = town.children.find((c: any) => c.code === "450332102201");
    expect(village.values["labourers.person_type"]).toEqual({ tuopin: 3 });

    const province = await get("/api/v1/stats/summary?region=450000", await h.as.admin());
    expect(province.region.code).toBe("45");
    expect(province.total.values["employed.kind"].out_province).toBe(2);
    const guilin = province.children.find((c: any) => c.code === "4503");
    const liuzhou = province.children.find((c: any) => c.code === "4502");
    expect(guilin.values["labourers.person_type"]).toEqual({ tuopin: 3, monitored: 1, other: 1 });
    expect(liuzhou.values["labourers.person_type"]).toEqual({ tuopin: 1 });
  });

  it("keeps a county officer inside the county: another county or the province is 403", async () => {
    const s = await get("/api/v1/stats/summary", county);
    expect(s.total.values["labourers.person_type"].tuopin).toBe(3); // not 融水's b1
    for (const region of ["450225", "45", "4503"]) {
      const res = await json(await h.api.get(`/api/v1/stats/summary?region=${region}`, county));
      expect(res.status, region).toBe(403);
      expect(res.body.error).toMatchObject({ code: "FORBIDDEN", field: "region" });
    }
    const unknown = await json(await h.api.get("/api/v1/stats/summary?region=459999", county));
    expect(unknown.status).toBe(404);
    const bad = await json(await h.api.get("/api/v1/stats/summary?region=abc", county));
    expect(bad.status).toBe(400);
    const other = await h.as.bureau("450225");
    const rs = await get("/api/v1/stats/summary", other);
    expect(rs.total.values["labourers.person_type"]).toEqual({ tuopin: 1 });
    const employer = await h.as.user("employer");
    expect((await h.api.get("/api/v1/stats/summary", employer)).status).toBe(403);
    expect((await h.api.get("/api/v1/stats/summary")).status).toBe(401);
  });

  it("counts a hire only once it is confirmed", async () => {
    const { insertEmployment, insertLabourer, LIANHUA } = await import("./fixture");
    const p = await insertLabourer(h, {
      name: "蒙小燕",
      villageCode: LIANHUA,
      workIntention: "local",
    });
    const before = await get("/api/v1/stats/summary?region=450332102", county);
    const e = await insertEmployment(h, { labourerId: p.id, regionCode: "450332" }, false);
    const unconfirmed = await get("/api/v1/stats/summary?region=450332102", county);
    expect(unconfirmed.total.values["employed.kind"]).toEqual(before.total.values["employed.kind"]);
    expect(unconfirmed.total.values["unemployed.with_intention"][""]).toBe(
      before.total.values["unemployed.with_intention"][""],
    );
    const { employments } = await import("../../../db/schema/placement");
    const { eq } = await import("drizzle-orm");
    await h.deps.db
      .update(employments)
      .set({ confirmedAt: new Date(Date.now() - 1000), confirmedRole: "bureau" })
      .where(eq(employments.id, e.id));
    const after = await get("/api/v1/stats/summary?region=450332102", county);
    expect(after.total.values["employed.kind"].local).toBe(
      (before.total.values["employed.kind"].local ?? 0) + 1,
    );
  });
});
