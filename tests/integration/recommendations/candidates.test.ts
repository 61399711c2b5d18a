import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { employers } from "../../../db/schema/employers";
import { applications } from "../../../db/schema/placement";
import { recommendationRounds, recommendations } from "../../../db/schema/recommendations";
import { maskName } from "../../../src/modules/recommendations/suggest";
import { createHarness, type Harness, json } from "../../support/harness";
import { asEmployer, jobBody, makeEmployer, makeJob } from "../jobs/factory";
import { makeCourse, makeEnrolment, makeLabourer, VILLAGES } from "../training/factory";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

async function trainedLabourer(
  name: string,
  brandCode = "bagui-jiazheng",
  fields: Record<string, unknown> = {},
) {
  const labourer = await makeLabourer(h, {
    name,
    villageCode: VILLAGES.gongcheng,
    workIntention: "local",
    skills: [],
    ...fields,
  });
  const course = await makeCourse(h, { brandCode, occupation: "育婴员", countyCode: "450332" });
  const enrolment = await makeEnrolment(h, course.id, labourer.id);
  const res = await json(
    await h.api.post(
      `/api/v1/training/enrolments/${enrolment.id}/pass`,
      { certificateNo: `S-${labourer.id.slice(0, 8)}`, resultDate: "2026-11-20" },
      await h.as.bureau("450332"),
    ),
  );
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return { labourer, enrolment };
}

describe("suggested candidates for a posting", () => {
  it("masks identity and shows only the township until the employer accepts the person's application", async () => {
    const employer = await makeEmployer(h, { type: "workshop", regionCode: "450332" });
    const as = await asEmployer(h, employer.id);
    const job = await makeJob(
      h,
      as,
      jobBody("workshop", {
        occupation: "育婴员",
        title: "育婴员（车间托育点）",
        certificates: ["bagui-jiazheng"],
      }),
    );
    const a = await trainedLabourer("莫秀英");
    const b = await trainedLabourer("韦桂兰");

    const before = await json(await h.api.get(`/api/v1/jobs/${job.id}/candidates`, as));
    expect(before.status, JSON.stringify(before.body)).toBe(200);
    const names = before.body.items.map((i: { name: string }) => i.name);
    expect(names).toEqual(expect.arrayContaining([maskName("莫秀英"), maskName("韦桂兰")]));
    expect(JSON.stringify(before.body)).not.toContain("莫秀英");
    for (const item of before.body.items) {
      expect(item.labourerId).toBeNull();
      expect(item.phoneMasked).toBeNull();
      expect(item.reason).toMatch(/[\u4e00-\u9fa5]/);
    }

    // The person applies to this posting through a recommendation: the employer may now reach them.
    const [round] = await h.deps.db
      .insert(recommendationRounds)
      .values({
        labourerId: a.labourer.id,
        enrolmentId: a.enrolment.id,
        round: 1,
        trigger: "training_passed",
        outcome: "complete",
        picked: 1,
      })
      .returning();
    const [rec] = await h.deps.db
      .insert(recommendations)
      .values({
        roundId: round!.id,
        labourerId: a.labourer.id,
        jobId: job.id,
        round: 1,
        rank: 1,
        score: 0.8,
        scoreParts: {},
        reason: "测试",
        step: "county",
      })
      .returning();
    const applied = await json(
      await h.api.post(
        `/api/v1/recommendations/${rec!.id}/feedback`,
        { action: "applied", consent: { method: "phone", at: new Date().toISOString() } },
        await h.as.bureau("450332"),
      ),
    );
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);

    // Applying alone reveals nothing: the list says the person applied, still masked.
    const appliedOnly = await json(await h.api.get(`/api/v1/jobs/${job.id}/candidates`, as));
    expect(JSON.stringify(appliedOnly.body)).not.toContain("莫秀英");
    expect(
      appliedOnly.body.items.find((i: { name: string }) => i.name === maskName("莫秀英")),
    ).toMatchObject({
      applied: true,
      labourerId: null,
      phoneMasked: null,
    });

    // The employer accepts the application: now the name and the masked phone are shown.
    const [application] = await h.deps.db
      .select()
      .from(applications)
      .where(and(eq(applications.labourerId, a.labourer.id), eq(applications.jobId, job.id)));
    const accepted = await json(
      await h.api.post(`/api/v1/applications/${application!.id}/moves`, { to: "accepted" }, as),
    );
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    const after = await json(await h.api.get(`/api/v1/jobs/${job.id}/candidates`, as));
    const revealed = after.body.items.find(
      (i: { labourerId: string | null }) => i.labourerId === a.labourer.id,
    );
    expect(revealed, JSON.stringify(after.body)).toMatchObject({ name: "莫秀英", applied: true });
    expect(revealed.phoneMasked).toMatch(/^\d{3}\*{4}\d{4}$/);
    const other = after.body.items.find((i: { name: string }) => i.name === maskName("韦桂兰"));
    expect(other.labourerId).toBeNull();
    expect(b.labourer.id).toBeTruthy();
  });

  it("answers another employer's posting with 404", async () => {
    const owner = await makeEmployer(h, { regionCode: "450332" });
    const job = await makeJob(h, await asEmployer(h, owner.id), jobBody("odd_job"));
    const stranger = await makeEmployer(h, { regionCode: "450332" });
    const res = await json(
      await h.api.get(`/api/v1/jobs/${job.id}/candidates`, await asEmployer(h, stranger.id)),
    );
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("JOB_NOT_FOUND");
  });
});

type Item = { name: string; place: string | null };
const listed = async (jobId: string, as: Awaited<ReturnType<typeof h.as.admin>>) => {
  const res = await json(await h.api.get(`/api/v1/jobs/${jobId}/candidates`, as));
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items as Item[];
};

describe("candidate lists stay inside the posting and the viewer's region", () => {
  it("refuses a draft (409 JOB_NOT_OPEN) and an open posting of an employer no longer verified (409 EMPLOYER_NOT_VERIFIED)", async () => {
    await trainedLabourer("蓝凤英");
    const employer = await makeEmployer(h, { type: "workshop", regionCode: "450332" });
    const as = await asEmployer(h, employer.id);
    const draft = await makeJob(h, as, jobBody("workshop", { occupation: "育婴员" }), {
      open: false,
    });
    for (const viewer of [as, await h.as.bureau("450332")]) {
      const res = await json(await h.api.get(`/api/v1/jobs/${draft.id}/candidates`, viewer));
      expect(res.status, JSON.stringify(res.body)).toBe(409);
      expect(res.body.error.code).toBe("JOB_NOT_OPEN");
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }

    const open = await makeJob(h, as, jobBody("workshop", { occupation: "育婴员" }));
    await h.deps.db
      .update(employers)
      .set({ verificationStatus: "unverified" })
      .where(eq(employers.id, employer.id));
    const res = await json(await h.api.get(`/api/v1/jobs/${open.id}/candidates`, as));
    expect(res.status, JSON.stringify(res.body)).toBe(409);
    expect(res.body.error.code).toBe("EMPLOYER_NOT_VERIFIED");
    expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    // Someone who may not see the posting at all still gets 404, not the status.
    const stranger = await json(
      await h.api.get(`/api/v1/jobs/${open.id}/candidates`, await h.as.bureau("450225")),
    );
    expect(stranger.status).toBe(404);
    expect(stranger.body.error.code).toBe("JOB_NOT_FOUND");
  });

  it("a Guangdong posting viewed by a county officer lists only that county's labourers", async () => {
    const out = { workIntention: "out_province", preferredCityCodes: ["4403"] };
    await trainedLabourer("黄丽萍", "bagui-jiazheng", out);
    await trainedLabourer("覃美玲", "bagui-jiazheng", { ...out, villageCode: VILLAGES.rongshui });
    const employer = await makeEmployer(h, { regionCode: "450332" });
    const job = await makeJob(
      h,
      await asEmployer(h, employer.id),
      jobBody("gd_gx", { occupation: "育婴员" }),
    );

    // The posting does recruit in 融水: an admin sees both.
    const all = (await listed(job.id, await h.as.admin())).map((i) => i.name);
    expect(all).toEqual(expect.arrayContaining([maskName("黄丽萍"), maskName("覃美玲")]));

    const county = await listed(job.id, await h.as.bureau("450332"));
    expect(county.map((i) => i.name)).toContain(maskName("黄丽萍"));
    expect(county.map((i) => i.name)).not.toContain(maskName("覃美玲"));
    for (const item of county) expect(item.place, JSON.stringify(county)).toContain("恭城");
  });

  it("a county officer posting with a work place in another county sees none of that county's people", async () => {
    await trainedLabourer("周翠兰");
    await trainedLabourer("粟桂芳", "bagui-jiazheng", {
      villageCode: VILLAGES.rongshui,
      workIntention: "in_province",
    });
    const employer = await makeEmployer(h, { type: "workshop", regionCode: "450225" });
    const officer = await h.as.bureau("450225");
    // 融水's bureau posts for a 融水 employer, with the work place in 恭城.
    const job = await makeJob(
      h,
      officer,
      jobBody("workshop", { occupation: "育婴员", regionCode: "450332", employerId: employer.id }),
    );

    const items = await listed(job.id, officer);
    expect(items.map((i) => i.name)).not.toContain(maskName("周翠兰"));
    for (const item of items) expect(item.place, JSON.stringify(items)).not.toContain("恭城");
    // Its own people the posting may be pushed to (in-province intention) are listed.
    expect(items.map((i) => i.name)).toContain(maskName("粟桂芳"));
  });
});
