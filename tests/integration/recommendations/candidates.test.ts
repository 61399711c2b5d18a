import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recommendationRounds, recommendations } from "../../../db/schema/recommendations";
import { maskName } from "../../../src/modules/recommendations/suggest";
import { createHarness, json, type Harness } from "../../support/harness";
import { asEmployer, jobBody, makeEmployer, makeJob } from "../jobs/factory";
import { makeCourse, makeEnrolment, makeLabourer, VILLAGES } from "../training/factory";

let h: Harness;
beforeAll(async () => { h = await createHarness(); });
afterAll(async () => { await h?.close(); });

async function trainedLabourer(name: string, brandCode = "bagui-jiazheng") {
  const labourer = await makeLabourer(h, { name, villageCode: VILLAGES.gongcheng, workIntention: "local", skills: [] });
  const course = await makeCourse(h, { brandCode, occupation: "育婴员", countyCode: "450332" });
  const enrolment = await makeEnrolment(h, course.id, labourer.id);
  const res = await json(await h.api.post(`/api/v1/training/enrolments/${enrolment.id}/pass`,
    { certificateNo: `S-${labourer.id.slice(0, 8)}`, resultDate: "2026-11-20" }, await h.as.bureau("450332")));
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return { labourer, enrolment };
}

describe("suggested candidates for a posting", () => {
  it("masks identity and shows only the township until the person applies", async () => {
    const employer = await makeEmployer(h, { type: "workshop", regionCode: "450332" });
    const as = await asEmployer(h, employer.id);
    const job = await makeJob(h, as, jobBody("workshop", { occupation: "育婴员", title: "育婴员（车间托育点）", certificates: ["bagui-jiazheng"] }));
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
    const [round] = await h.deps.db.insert(recommendationRounds).values({
      labourerId: a.labourer.id, enrolmentId: a.enrolment.id, round: 1, trigger: "training_passed", outcome: "complete", picked: 1,
    }).returning();
    const [rec] = await h.deps.db.insert(recommendations).values({
      roundId: round!.id, labourerId: a.labourer.id, jobId: job.id, round: 1, rank: 1, score: 0.8, scoreParts: {}, reason: "测试", step: "county",
    }).returning();
    const applied = await json(await h.api.post(`/api/v1/recommendations/${rec!.id}/feedback`, { action: "applied" }, await h.as.bureau("450332")));
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);

    const after = await json(await h.api.get(`/api/v1/jobs/${job.id}/candidates`, as));
    const revealed = after.body.items.find((i: { labourerId: string | null }) => i.labourerId === a.labourer.id);
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
    const res = await json(await h.api.get(`/api/v1/jobs/${job.id}/candidates`, await asEmployer(h, stranger.id)));
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("JOB_NOT_FOUND");
  });
});
