import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemCtx } from "../../src/lib/ctx";
import { runRecommendationRound } from "../../src/modules/recommendations/round";
import { ensureJobsIndex } from "../../src/search/jobs-index";
import { asEmployer, jobBody, makeEmployer, makeJob } from "../integration/jobs/factory";
import { makeCourse, makeEnrolment, makeLabourer, VILLAGES } from "../integration/training/factory";
import { json } from "../support/harness";
import { type E2e, passwordUser, poll, startE2e } from "./browser";
import { signInPortal } from "./fixtures";

/** 退出 on a portal leaves nothing of the previous account: forms, route, filters, lists (issue 16). */
let e: E2e;
beforeAll(async () => {
  e = await startE2e();
});
afterAll(async () => {
  await e?.close();
});

/** A 导游 in 融水 with no 导游 postings: an open shortage alert in 450225. */
async function openAlert(name: string) {
  const labourer = await makeLabourer(e.h, {
    name,
    villageCode: VILLAGES.rongshui,
    workIntention: "local",
    occupations: ["导游"],
    skills: [],
  });
  const course = await makeCourse(e.h, {
    brandCode: "lijiang-daoyou",
    occupation: "导游",
    countyCode: "450225",
  });
  const enrolment = await makeEnrolment(e.h, course.id, labourer.id);
  const passed = await json(
    await e.h.api.post(
      `/api/v1/training/enrolments/${enrolment.id}/pass`,
      { certificateNo: `S-SO-${Date.now()}`, resultDate: "2026-11-20" },
      await e.h.as.bureau("450225"),
    ),
  );
  expect(passed.status, JSON.stringify(passed.body)).toBe(200);
  await ensureJobsIndex(e.h.deps.search);
  const round = await runRecommendationRound(systemCtx(e.h.deps), {
    enrolmentId: enrolment.id,
    round: 1,
  });
  expect(round.outcome).toBe("shortage");
  return labourer;
}

describe("employer portal sign-out", () => {
  it("gives the next employer an empty form, the start page and only their own postings", async () => {
    const a = await makeEmployer(e.h, { regionCode: "450332102", name: "莲花镇油茶种植户黄秀英" });
    const b = await makeEmployer(e.h, { regionCode: "450332", name: "恭城县城建筑队" });
    const aJob = await makeJob(
      e.h,
      await asEmployer(e.h, a.id),
      jobBody("odd_job", { title: "甲的采摘工" }),
    );
    await makeJob(e.h, await asEmployer(e.h, b.id), jobBody("odd_job", { title: "乙的搬运工" }));
    const { page, errors } = await e.phone();

    await signInPortal(
      page,
      "/portal/employer/",
      await passwordUser(e.h, "employer", { employerId: a.id }),
    );
    await poll(() => page.locator("#jobs").textContent()).toContain("甲的采摘工");
    await page.locator("#status-filter").selectOption("open");
    await page.getByRole("link", { name: "发布岗位" }).click();
    await page.getByLabel("岗位名称 *").fill("甲没发完的岗位");
    await page.getByLabel("联系人 *").fill("甲的联系人");
    await page.getByLabel("联系电话 *").fill("13907731234");
    await page.goto(`/portal/employer/#/jobs/${aJob.id}`);
    await poll(() => page.locator("#job-title").textContent()).toBe("甲的采摘工");

    await page.getByRole("button", { name: "退出" }).click();
    await page.locator("#signin-form").waitFor();
    expect(new URL(page.url()).hash).toBe("");

    await signInPortal(
      page,
      "/portal/employer/",
      await passwordUser(e.h, "employer", { employerId: b.id }),
    );
    await poll(() => page.locator("#who").textContent()).toBe("恭城县城建筑队");
    await poll(() => page.locator("#jobs").textContent()).toContain("乙的搬运工");
    expect(await page.locator("#jobs").textContent()).not.toContain("甲的采摘工");
    expect(new URL(page.url()).hash).toBe("");
    expect(await page.locator("#view-list").isVisible()).toBe(true);
    expect(await page.locator("#status-filter").inputValue()).toBe("");

    await page.getByRole("link", { name: "发布岗位" }).click();
    await page.getByLabel("岗位名称 *").waitFor();
    expect(await page.getByLabel("岗位名称 *").inputValue()).toBe("");
    expect(await page.getByLabel("联系人 *").inputValue()).not.toBe("甲的联系人");
    expect(await page.getByLabel("联系电话 *").inputValue()).toBe("");
    expect(errors).toEqual([]);
  });
});

describe("bureau portal sign-out", () => {
  it("gives the next user the default filters, the start page and their region's open alerts", async () => {
    const name = "韦金凤";
    await openAlert(name);
    const { page, errors } = await e.phone();

    await signInPortal(
      page,
      "/portal/bureau/",
      await passwordUser(e.h, "bureau", {
        regionCode: "450332",
        displayName: "恭城瑶族自治县就业服务中心",
      }),
    );
    await page.locator("#alert-status").waitFor();
    await page.locator("#alert-status").selectOption("resolved");
    await page.getByRole("link", { name: "人员名单", exact: true }).click();
    await page.getByLabel("姓名").fill("莫");

    await page.getByRole("button", { name: "退出" }).click();
    await page.locator("#signin-form").waitFor();
    expect(new URL(page.url()).hash).toBe("");

    await signInPortal(
      page,
      "/portal/bureau/",
      await passwordUser(e.h, "bureau", {
        regionCode: "450225",
        displayName: "融水苗族自治县就业服务中心",
      }),
    );
    await poll(() => page.locator("#alerts").textContent()).toContain(name);
    expect(await page.locator("#alert-status").inputValue()).toBe("open");
    expect(await page.locator("#view-alerts").isVisible()).toBe(true);
    expect(new URL(page.url()).hash).toBe("");
    await page.getByRole("link", { name: "人员名单", exact: true }).click();
    expect(await page.getByLabel("姓名").inputValue()).toBe("");
    expect(errors).toEqual([]);
  });
});
