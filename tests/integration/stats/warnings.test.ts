import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AuthAs, createHarness, type Harness, json } from "../../support/harness";
import { dateAgo, daysAgo, insertEmployment, insertLabourer, LIANHUA } from "./fixture";
import { buildCounty } from "./scenario";

let h: Harness;
let county: AuthAs;
let s: Awaited<ReturnType<typeof buildCounty>>;
let a6: { id: string };
beforeAll(async () => {
  h = await createHarness();
  s = await buildCounty(h);
  // Two jobs ended within the year: unstable.
  a6 = await insertLabourer(h, { name: "欧阳春花", villageCode: LIANHUA, workIntention: "local" });
  for (const [start, end] of [
    [200, 150],
    [120, 60],
  ])
    await insertEmployment(h, {
      labourerId: a6.id,
      startDate: dateAgo(start!),
      endDate: dateAgo(end!),
      confirmedAt: daysAgo(start!),
    });
  county = await h.as.bureau("450332");
});
afterAll(async () => {
  await h?.close();
});

async function list(name: string, as: AuthAs = county, query = "") {
  const res = await json(await h.api.get(`/api/v1/stats/warnings/${name}?limit=100${query}`, as));
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}
const ids = (body: any) => body.items.map((i: any) => i.labourerId ?? i.householdId).sort();
const sorted = (...xs: string[]) => [...xs].sort();

describe("warning lists", () => {
  it("lists exactly the people each warning is about (confirmed jobs only)", async () => {
    const { a1, a2, a4, a5 } = s;
    // a2's job is unconfirmed: still a warning; a4's job ended more than 90 days ago.
    expect(ids(await list("wanted_not_working"))).toEqual(sorted(a2.id, a4.id));
    const short = await list("short_work");
    expect(ids(short)).toEqual(sorted(a1.id, a5.id, a6.id));
    const a5row = short.items.find((i: any) => i.labourerId === a5.id);
    expect(a5row.details.days_worked).toBe(21);
    const returned = await list("returned");
    expect(ids(returned)).toEqual([a4.id]);
    expect(returned.items[0].details).toEqual({
      returned_on: dateAgo(100),
      worked_in: "宝安区",
    });
    expect(ids(await list("willing_out_not_gone"))).toEqual([a4.id]);
    const unstable = await list("unstable");
    expect(ids(unstable)).toEqual([a6.id]);
    expect(unstable.items[0].details.ended_jobs).toBe(2);
    expect(ids(await list("trained_not_employed"))).toEqual([a4.id]);
    expect(ids(await list("trained_not_employed", county, "&days=50"))).toEqual([]);
    const alerts = await list("shortage_alerts");
    expect(alerts.items.map((i: any) => i.id)).toEqual([s.alert.id]);
    expect(alerts.items[0].labourerId).toBe(a4.id);
    expect(alerts.items[0].nextStep).toContain("家政服务员");
  });

  it("shows days since the last push and contact, and a next step that follows from them", async () => {
    const body = await list("unemployed_with_intention");
    expect(ids(body)).toEqual(sorted(s.a2.id, s.a4.id, a6.id));
    const a4 = body.items.find((i: any) => i.labourerId === s.a4.id);
    const a2 = body.items.find((i: any) => i.labourerId === s.a2.id);
    expect(a4.details.days_since_push).toBe(25);
    expect(a4.details.days_since_contact).toBe(0);
    expect(a4.nextStep).toBe("跟进已推荐岗位的报名和录用情况");
    expect(a2.details.days_since_push).toBeNull();
    expect(a2.nextStep).toContain("尚未推送过岗位");
  });

  it("lists zero-employment households with the relocated ones marked", async () => {
    const body = await list("zero_employment_households");
    expect(ids(body)).toEqual(sorted(s.h2.id, s.h3.id));
    const h2 = body.items.find((i: any) => i.householdId === s.h2.id);
    expect(h2.details.relocated_label).toBe("是");
    expect(h2.nextStep).toContain("搬迁户");
    expect(h2.name).toBe("莫*华");
    expect(h2.townshipName).toBe("恭城镇");
  });

  it("masks names, never shows full numbers, and says where the person lives", async () => {
    const body = await list("wanted_not_working");
    const a4 = body.items.find((i: any) => i.labourerId === s.a4.id);
    expect(a4).toMatchObject({ name: "覃*", villageName: "竹山村委会", townshipName: "莲花镇" });
    expect(a4.idNumberMasked).toMatch(/^\d{6}\*{8}\d{4}$/);
    expect(JSON.stringify(body)).not.toContain("覃明");
    expect(a4.nextStep.length).toBeGreaterThan(5);
  });

  it("pages by (created_at, id) and stays inside the caller's region", async () => {
    const first = await json(
      await h.api.get("/api/v1/stats/warnings/unemployed_with_intention?limit=2", county),
    );
    expect(first.body.items).toHaveLength(2);
    const second = await json(
      await h.api.get(
        `/api/v1/stats/warnings/unemployed_with_intention?limit=2&cursor=${first.body.nextCursor}`,
        county,
      ),
    );
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();

    const rongshui = await h.as.bureau("450225");
    expect((await list("unemployed_with_intention", rongshui)).items).toEqual([]);
    expect(ids(await list("willing_out_not_gone", rongshui))).toEqual([]);
    const denied = await json(
      await h.api.get("/api/v1/stats/warnings/returned?region=450225", county),
    );
    expect(denied.status).toBe(403);
    const town = await list("zero_employment_households", county, "&region=450332100");
    expect(ids(town)).toEqual([s.h2.id]);
    const unknown = await json(await h.api.get("/api/v1/stats/warnings/nope", county));
    expect(unknown.status).toBe(400);
  });
});
