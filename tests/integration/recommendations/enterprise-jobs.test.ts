/**
 * Issue 18 item 7: a 柳州 auto-parts factory's monthly-wage job (区内企业岗位, seed 002 §12) reaches
 * trained labourers who want to work inside Guangxi (区内) from another county, and not the
 * local-intention people of another city.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemCtx } from "../../../src/lib/ctx";
import { runRecommendationRound } from "../../../src/modules/recommendations/round";
import { createHarness, type Harness, json } from "../../support/harness";
import { asEmployer, jobBody, makeEmployer, makeJob, waitIndexed } from "../jobs/factory";
import { idNumber } from "../labourers/factory";
import { makeCourse, makeEnrolment, makeLabourer } from "../training/factory";

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ sync: true });
});
afterAll(async () => {
  await h?.close();
});

type Item = { rank: number; job: { id: string } };
const yearsAgo = (age: number) => new Date().getUTCFullYear() - age - 1;

/** Registers a labourer in `village`, passes them on a course in their county, runs round 1. */
async function recommendedFor(village: string, intention: string): Promise<string[]> {
  const county = village.slice(0, 6);
  const labourer = await makeLabourer(h, {
    idNumber: idNumber(county, { year: yearsAgo(32) }),
    villageCode: village,
    labourCapacity: "full",
    workIntention: intention,
    preferredCityCodes: [],
    skills: [],
  });
  const course = await makeCourse(h, {
    brandCode: "bagui-jiazheng",
    occupation: "家政服务员",
    countyCode: county,
  });
  const enrolment = await makeEnrolment(h, course.id, labourer.id);
  const staff = await h.as.bureau(county);
  const passed = await json(
    await h.api.post(
      `/api/v1/training/enrolments/${enrolment.id}/pass`,
      { certificateNo: `C-${labourer.id.slice(0, 8)}`, resultDate: "2026-11-20" },
      staff,
    ),
  );
  expect(passed.status, JSON.stringify(passed.body)).toBe(200);
  await runRecommendationRound(systemCtx(h.deps), { enrolmentId: enrolment.id, round: 1 });
  const res = await json(
    await h.api.get(`/api/v1/labourers/${labourer.id}/recommendations`, staff),
  );
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body.rounds[0]?.items ?? []).map((i: Item) => i.job.id);
}

describe("enterprise jobs in the recommendations", () => {
  let factoryJob = "";
  beforeAll(async () => {
    const factory = await makeEmployer(h, {
      type: "enterprise",
      regionCode: "450206",
      name: "柳州某汽车零部件有限公司",
    });
    factoryJob = (
      await makeJob(
        h,
        await asEmployer(h, factory.id),
        jobBody("enterprise", {
          title: "柳州汽车零部件厂装配工",
          occupation: "装配工",
          regionCode: "450206",
          wageUnit: "month",
          wageMinFen: 420_000,
          wageMaxFen: 560_000,
        }),
      )
    ).id;
    await waitIndexed(h, factoryJob);
  });

  it("offers the 柳州 factory job to a trained 区内 labourer from 恭城 (another city)", async () => {
    expect(await recommendedFor("450332102201", "in_province")).toContain(factoryJob);
  });

  it("offers it to a local-intention labourer of 柳州 (融水) but not to one of 恭城 (桂林)", async () => {
    expect(await recommendedFor("450225101201", "local")).toContain(factoryJob);
    expect(await recommendedFor("450332100201", "local")).not.toContain(factoryJob);
  });
});
