import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobs } from "../../db/schema/jobs";
import { systemCtx } from "../../src/lib/ctx";
import { runRecommendationRound } from "../../src/modules/recommendations/round";
import { ensureJobsIndex } from "../../src/search/jobs-index";
import { makeEmployer } from "../integration/jobs/factory";
import { makeCourse, makeEnrolment, makeLabourer, VILLAGES } from "../integration/training/factory";
import { json } from "../support/harness";
import {
  type E2e,
  layoutProblems,
  MIN_TARGET_PX,
  MIN_TEXT_PX,
  passwordUser,
  poll,
  screenshot,
  startE2e,
} from "./browser";

let e: E2e;
beforeAll(async () => {
  e = await startE2e();
});
afterAll(async () => {
  await e?.close();
});

async function signIn(page: Page, path: string, account: { username: string; password: string }) {
  await page.goto(path);
  await page.getByLabel("用户名").fill(account.username);
  await page.getByLabel("密码").fill(account.password);
  await page.getByRole("button", { name: "登录" }).click();
}

describe("bureau portal", () => {
  it("shows the region's shortage alert, the person's round, and asks for a new round", async () => {
    // A 导游 in 融水 with no 导游 postings anywhere: fewer than three suitable jobs, so an alert.
    const name = "韦金花";
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
        { certificateNo: "S-LJ-E2E", resultDate: "2026-11-20" },
        await e.h.as.bureau("450225"),
      ),
    );
    expect(passed.status, JSON.stringify(passed.body)).toBe(200);
    await ensureJobsIndex(e.h.deps.search); // matching reads the (here empty) jobs index
    const round = await runRecommendationRound(systemCtx(e.h.deps), {
      enrolmentId: enrolment.id,
      round: 1,
    });
    expect(round.outcome).toBe("shortage");

    const { page, errors } = await e.phone();
    await signIn(
      page,
      "/portal/bureau/",
      await passwordUser(e.h, "bureau", {
        regionCode: "450225",
        displayName: "融水苗族自治县就业服务中心",
      }),
    );
    const alert = page.locator("#alerts li", { hasText: name });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/还差 [1-3] 个岗位/);
    await poll(() => alert.textContent()).toContain("融水苗族自治县");
    expect(await layoutProblems(page, MIN_TEXT_PX, MIN_TARGET_PX)).toEqual([]);
    await screenshot(page, "bureau-alerts");

    await alert.getByRole("link", { name }).click();
    await poll(() => page.locator("#rounds").textContent()).toContain(
      "第 1 轮 · 培训合格 · 岗位不足",
    );
    await page.getByRole("button", { name: "重新推荐" }).click();
    await poll(() => page.locator("#rerun-result").textContent()).toContain("第 2 轮");

    await page.getByRole("link", { name: "人员名单", exact: true }).click();
    await page.getByLabel("姓名").fill(name);
    await page.getByRole("button", { name: "查找" }).click();
    await poll(() => page.locator("#people li").count()).toBe(1);
    expect(errors).toEqual([]);
  });
});

describe("employer portal", () => {
  it("posts an odd job with field errors first, opens it, and lists it with its candidates", async () => {
    const employer = await makeEmployer(e.h, {
      type: "individual",
      regionCode: "450332102",
      name: "莲花镇油茶种植户黄秀英",
    });
    const { page, errors } = await e.phone();
    await signIn(
      page,
      "/portal/employer/",
      await passwordUser(e.h, "employer", { employerId: employer.id }),
    );
    await poll(() => page.locator("#who").textContent()).toBe("莲花镇油茶种植户黄秀英");
    await page.getByRole("link", { name: "发布岗位" }).click();

    // Nothing filled in: the page names each field to fix.
    await page.getByRole("button", { name: "保存并发布" }).click();
    await poll(() => page.locator("#f-title-error").textContent()).toContain("请填写岗位名称");
    expect(await page.getByLabel("岗位名称 *").getAttribute("aria-invalid")).toBe("true");

    const title = `油茶采摘工 ${Math.random().toString(36).slice(2, 6)}`;
    await page.getByLabel("岗位名称 *").fill(title);
    await page.getByLabel("工种 *").fill("采摘工");
    await page.getByLabel("招几人 *").fill("6");
    await page.getByLabel("最低（元）").fill("150");
    await page.getByLabel("最高（元）").fill("180");
    const end = new Date(Date.now() + 8 * 3600_000 + 10 * 86400_000).toISOString().slice(0, 10);
    await page.getByLabel("完工日期 *").fill(end);
    await page.getByLabel("集合地点 *").fill("莲花镇政府门口");
    await page.getByLabel("联系电话 *").fill("13907731234");
    // The API's own rule, reported at its field (error.field): no discriminatory wording.
    await page.getByLabel("工作内容").fill("采摘油茶果，只招男性");
    await page.getByRole("button", { name: "保存并发布" }).click();
    await poll(() => page.locator("#f-description-error").textContent()).toContain("歧视");
    await screenshot(page, "employer-field-error");

    await page.getByLabel("工作内容").fill("采摘油茶果，男女不限，管午饭");
    await page.getByRole("button", { name: "保存并发布" }).click();
    await poll(() => page.locator("#job-title").textContent()).toBe(title);
    await poll(() => page.locator("#job-facts").textContent()).toContain("招聘中");
    expect(await page.locator("#job-facts").textContent()).toContain("日薪 150–180 元");
    await poll(() => page.locator("#candidates-status").textContent()).not.toContain("正在查找");

    const [stored] = await e.h.deps.db.select().from(jobs).where(eq(jobs.title, title));
    expect(stored).toMatchObject({
      status: "open",
      channel: "odd_job",
      wageMinFen: 15_000,
      wageMaxFen: 18_000,
      headcount: 6,
    });

    await page.getByRole("link", { name: "← 返回岗位列表" }).click();
    await poll(() => page.locator("#jobs").textContent()).toContain(title);
    expect(await layoutProblems(page, MIN_TEXT_PX, MIN_TARGET_PX)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("posts a monthly-wage 区内企业岗位 in a co-built park, without the odd-job fields", async () => {
    const employer = await makeEmployer(e.h, {
      type: "enterprise",
      regionCode: "450206",
      name: "柳州某汽车零部件有限公司",
    });
    const { page, errors } = await e.phone();
    await signIn(
      page,
      "/portal/employer/",
      await passwordUser(e.h, "employer", { employerId: employer.id }),
    );
    await poll(() => page.locator("#who").textContent()).toBe("柳州某汽车零部件有限公司");
    await page.getByRole("link", { name: "发布岗位" }).click();
    await page.getByLabel("岗位类型").selectOption("enterprise");
    expect(await page.getByLabel("集合地点 *").isVisible()).toBe(false);
    await page.getByLabel("共建园区岗位").check();
    const title = `汽车零部件装配工 ${Math.random().toString(36).slice(2, 6)}`;
    await page.getByLabel("岗位名称 *").fill(title);
    await page.getByLabel("工种 *").fill("装配工");
    await page.getByLabel("招几人 *").fill("20");
    expect(await page.getByLabel("结算方式").inputValue()).toBe("month");
    await page.getByLabel("最低（元）").fill("4200");
    await page.getByLabel("最高（元）").fill("5600");
    await page.getByLabel("联系电话 *").fill("13907731235");
    await page.getByRole("button", { name: "保存并发布" }).click();
    await poll(() => page.locator("#job-title").textContent()).toBe(title);
    expect(await page.locator("#job-facts").textContent()).toContain("区内企业岗位");
    const [stored] = await e.h.deps.db.select().from(jobs).where(eq(jobs.title, title));
    expect(stored).toMatchObject({
      status: "open",
      channel: "enterprise",
      coBuiltPark: true,
      wageUnit: "month",
      wageMinFen: 420_000,
      meetingPoint: null,
    });
    expect(errors).toEqual([]);
  });
});
