import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness, json } from "../../support/harness";
import { asEmployer, jobBody, makeEmployer, makeJob } from "./factory";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

describe("who sees and manages postings", () => {
  it("hides drafts from everyone but their managers, and lets anyone read open postings", async () => {
    const owner = await makeEmployer(h);
    const other = await makeEmployer(h);
    const asOwner = await asEmployer(h, owner.id);
    const asOther = await asEmployer(h, other.id);
    const draft = await makeJob(h, asOwner, jobBody("odd_job"), { open: false });
    const open = await makeJob(h, asOwner, jobBody("odd_job"));
    expect((await h.api.get(`/api/v1/jobs/${draft.id}`, asOther)).status).toBe(404);
    expect((await h.api.get(`/api/v1/jobs/${draft.id}`)).status).toBe(404);
    expect((await h.api.get(`/api/v1/jobs/${draft.id}`, await h.as.bureau("450225"))).status).toBe(
      404,
    );
    expect((await h.api.get(`/api/v1/jobs/${draft.id}`, await h.as.cadre("450332"))).status).toBe(
      200,
    );
    const pub = await json(await h.api.get(`/api/v1/jobs/${open.id}`));
    expect(pub.status).toBe(200);
    expect(pub.body.contactPhone).toMatch(/^1\d{2}\*{4}\d{4}$/);
    const edit = await json(
      await h.api.patch(`/api/v1/jobs/${open.id}`, { headcount: 1 }, asOther),
    );
    expect(edit.status, JSON.stringify(edit.body)).toBe(403);
    expect(edit.body.error.code).toBe("FORBIDDEN");
    const close = await json(
      await h.api.post(`/api/v1/jobs/${open.id}/close`, {}, await h.as.cadre("450332")),
    );
    expect(close.status).toBe(403);
  });

  it("lets the bureau post on behalf of an employer in its region only", async () => {
    const employer = await makeEmployer(h, { regionCode: "450332" });
    const bureau = await h.as.bureau("450332");
    const made = await json(
      await h.api.post("/api/v1/jobs", jobBody("odd_job", { employerId: employer.id }), bureau),
    );
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ postedOnBehalf: true, employer: { id: employer.id } });
    const noEmployer = await json(await h.api.post("/api/v1/jobs", jobBody("odd_job"), bureau));
    expect(noEmployer.body.error).toMatchObject({ code: "VALIDATION_FAILED", field: "employerId" });
    const elsewhere = await json(
      await h.api.post(
        "/api/v1/jobs",
        jobBody("odd_job", { employerId: employer.id }),
        await h.as.bureau("450225"),
      ),
    );
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.error.code).toBe("EMPLOYER_NOT_FOUND");
    const labourer = await json(
      await h.api.post("/api/v1/jobs", jobBody("odd_job"), await h.as.user("labourer")),
    );
    expect(labourer.status).toBe(403);
    expect((await h.api.post("/api/v1/jobs", jobBody("odd_job"))).status).toBe(401);
    const other = await makeEmployer(h);
    const foreign = await json(
      await h.api.post(
        "/api/v1/jobs",
        jobBody("odd_job", { employerId: other.id }),
        await asEmployer(h, employer.id),
      ),
    );
    expect(foreign.body.error).toMatchObject({ code: "FORBIDDEN", field: "employerId" });
  });

  it("lets the bureau take any posting in its region down, with a reason", async () => {
    const employer = await makeEmployer(h, { regionCode: "450332" });
    const job = await makeJob(h, await asEmployer(h, employer.id), jobBody("odd_job"));
    const bureau = await h.as.bureau("4503");
    const noReason = await json(await h.api.post(`/api/v1/jobs/${job.id}/close`, {}, bureau));
    expect(noReason.body.error).toMatchObject({ code: "VALIDATION_FAILED", field: "reason" });
    const outside = await json(
      await h.api.post(
        `/api/v1/jobs/${job.id}/close`,
        { reason: "信息不实" },
        await h.as.bureau("450225"),
      ),
    );
    expect(outside.status).toBe(403);
    const down = await json(
      await h.api.post(`/api/v1/jobs/${job.id}/close`, { reason: "岗位信息不实，已下架" }, bureau),
    );
    expect(down.status, JSON.stringify(down.body)).toBe(200);
    expect(down.body).toMatchObject({ status: "closed", closedReason: "岗位信息不实，已下架" });
  });

  it("scopes lists: employers their own, staff their region including gd_gx departures", async () => {
    const gongcheng = await makeEmployer(h, { regionCode: "450332" });
    const shenzhen = await makeEmployer(h, { regionCode: "440306" });
    const local = await makeJob(h, await asEmployer(h, gongcheng.id), jobBody("odd_job"));
    const fromGongcheng = await makeJob(
      h,
      await asEmployer(h, shenzhen.id),
      jobBody("gd_gx", { departureRegionCode: "450332" }),
    );
    const fromElsewhere = await makeJob(
      h,
      await asEmployer(h, shenzhen.id),
      jobBody("gd_gx", { departureRegionCode: "450225" }),
    );
    const ids = async (as: Parameters<typeof h.api.get>[1], q = "") => {
      const { status, body } = await json(await h.api.get(`/api/v1/jobs?limit=100${q}`, as));
      expect(status, JSON.stringify(body)).toBe(200);
      return body.items.map((i: { id: string }) => i.id);
    };
    const county = await ids(await h.as.bureau("450332"));
    expect(county).toEqual(expect.arrayContaining([local.id, fromGongcheng.id]));
    expect(county).not.toContain(fromElsewhere.id);
    const own = await ids(await asEmployer(h, shenzhen.id));
    expect(own.sort()).toEqual([fromGongcheng.id, fromElsewhere.id].sort());
    expect(await ids(await asEmployer(h, shenzhen.id), "&channel=odd_job")).toEqual([]);
    expect((await h.api.get("/api/v1/jobs", await h.as.user("labourer"))).status).toBe(403);
    expect((await h.api.get("/api/v1/jobs")).status).toBe(401);
  });

  it("clears a 粤桂 posting's departure county with null, and the county's bureau stops seeing it", async () => {
    const shenzhen = await makeEmployer(h, { regionCode: "440306" });
    const as = await asEmployer(h, shenzhen.id);
    const job = await makeJob(h, as, jobBody("gd_gx", { departureRegionCode: "450332" }));
    const gongcheng = await h.as.bureau("450332");
    expect((await h.api.get(`/api/v1/jobs/${job.id}`, gongcheng)).status).toBe(200);
    const bad = await json(
      await h.api.patch(`/api/v1/jobs/${job.id}`, { departureRegionCode: "恭城" }, as),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe("departureRegionCode");
    const kept = await json(await h.api.patch(`/api/v1/jobs/${job.id}`, { headcount: 3 }, as));
    expect(kept.body.departureRegionCode).toBe("450332");
    const cleared = await json(
      await h.api.patch(`/api/v1/jobs/${job.id}`, { departureRegionCode: null }, as),
    );
    expect(cleared.status, JSON.stringify(cleared.body)).toBe(200);
    expect(cleared.body).toMatchObject({ departureRegionCode: null, headcount: 3 });
    const list = await json(await h.api.get("/api/v1/jobs?limit=100", gongcheng));
    expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(job.id);
  });

  it("pages the list with a cursor", async () => {
    const employer = await makeEmployer(h);
    const as = await asEmployer(h, employer.id);
    const made = [];
    for (let i = 0; i < 5; i++)
      made.push((await makeJob(h, as, jobBody("odd_job"), { open: false })).id);
    const first = await json(await h.api.get("/api/v1/jobs?limit=3", as));
    const second = await json(
      await h.api.get(`/api/v1/jobs?limit=3&cursor=${first.body.nextCursor}`, as),
    );
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    expect(second.body.nextCursor).toBeNull();
    expect([...first.body.items, ...second.body.items].map((i: { id: string }) => i.id)).toEqual(
      made.reverse(),
    );
  });
});
