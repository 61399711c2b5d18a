import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notifications } from "../../db/schema/notifications";
import { systemCtx } from "../../src/lib/ctx";
import { runRecommendationRound } from "../../src/modules/recommendations/round";
import { makeEmployer } from "../integration/jobs/factory";
import { makeCourse, makeEnrolment, makeLabourer, VILLAGES } from "../integration/training/factory";
import { json } from "../support/harness";
import { type E2e, passwordUser, poll, startE2e } from "./browser";
import {
  latinOnScreen,
  openJobs,
  recordingOtp,
  requestCode,
  signInPortal,
  trainedLabourer,
} from "./fixtures";

/**
 * Issue 16: no text a person reads contains Latin letters other than units — no codes, enum
 * values, channel names or validator jargon. Walks the main screens of all three pages.
 */
const { sent, otpSender } = recordingOtp();

let e: E2e;
beforeAll(async () => {
  e = await startE2e({ overrides: { otpSender } });
});
afterAll(async () => {
  await e?.close();
});

/** Collects what is on screen at each step, to report every screen at fault at once. */
function screens(page: Page) {
  const found: Record<string, string[]> = {};
  return {
    async check(name: string) {
      const latin = await latinOnScreen(page);
      if (latin.length) found[name] = latin;
    },
    found,
  };
}

describe("every screen in plain Chinese", () => {
  it("the H5 page", async () => {
    await openJobs(e.h);
    const { labourer } = await trainedLabourer(e.h);
    const { page, errors } = await e.phone({
      geolocation: { latitude: 24.8317, longitude: 110.8284 },
      permissions: ["geolocation"],
    });
    const s = screens(page);
    await page.goto("/h5/");
    await page.locator("#phone-form").waitFor();
    await s.check("sign-in");
    const code = await requestCode(page, sent, labourer.input.phone);
    await poll(() => page.locator("#code-sent").textContent()).toContain("验证码");
    await s.check("code step");
    await page
      .getByRole("textbox", { name: "验证码" })
      .fill(String((Number(code) + 1) % 1_000_000).padStart(6, "0"));
    await page.getByRole("button", { name: "登录" }).click();
    await poll(() => page.getByRole("alert").textContent()).toMatch(/[\u4e00-\u9fff]/);
    await s.check("wrong code");
    await page.getByRole("textbox", { name: "验证码" }).fill(code);
    await page.getByRole("button", { name: "登录" }).click();
    const card = page.locator("#recs-list article.card").first();
    await poll(() => card.locator(".reason").textContent()).toMatch(/推荐理由/);
    await s.check("recommendations");
    await card.getByRole("button", { name: "不合适" }).click();
    await s.check("decline confirm");
    await card.getByRole("button", { name: "确定" }).click();
    await s.check("decline reasons");
    await card.getByRole("button", { name: "太远" }).click();
    await page.locator("#toast").waitFor();
    await s.check("undo toast");
    await page.getByRole("button", { name: "找工作" }).click();
    await page.getByRole("button", { name: "只看附近" }).click();
    await poll(() => page.locator("#search-status").textContent()).toContain("附近 30 公里内");
    await page
      .locator("#search-list article")
      .first()
      .getByRole("button", { name: "查看电话" })
      .click();
    await page.locator("#search-list .contact-name").first().waitFor();
    await s.check("search nearby, phone shown");
    expect(s.found).toEqual({});
    expect(errors).toEqual([]);
  });

  it("the employer portal, a validator message from the API included", async () => {
    const employer = await makeEmployer(e.h, {
      type: "individual",
      regionCode: "450332102",
      name: "莲花镇油茶种植户黄秀英",
    });
    const { page, errors } = await e.phone();
    const s = screens(page);
    await page.goto("/portal/employer/");
    await page.locator("#signin-form").waitFor();
    await s.check("sign-in");
    await signInPortal(
      page,
      "/portal/employer/",
      await passwordUser(e.h, "employer", { employerId: employer.id }),
    );
    await poll(() => page.locator("#jobs-status").textContent()).toContain("还没有岗位");
    await s.check("list");
    await page.getByRole("link", { name: "发布岗位" }).click();
    await page.getByRole("button", { name: "保存并发布" }).click();
    await poll(() => page.locator("#f-title-error").textContent()).toContain("请填写岗位名称");
    await s.check("form, page's own errors");
    const title = `油茶采摘工 ${Math.floor(Math.random() * 10000)}`;
    await page.getByLabel("岗位名称 *").fill(title);
    await page.getByLabel("工种 *").fill("采摘工");
    await page.getByLabel("招几人 *").fill("20000"); // over the API's 10000: the validator answers
    await page.getByLabel("最低（元）").fill("150");
    await page.getByLabel("最高（元）").fill("180");
    await page
      .getByLabel("完工日期 *")
      .fill(new Date(Date.now() + 8 * 3600_000 + 10 * 86400_000).toISOString().slice(0, 10));
    await page.getByLabel("集合地点 *").fill("莲花镇政府门口");
    await page.getByLabel("联系电话 *").fill("13907731234");
    await page.getByRole("button", { name: "保存并发布" }).click();
    await poll(() => page.locator("#f-headcount-error").textContent()).toBe("数值不能大于 10000");
    await s.check("form, the API's error");
    await page.getByLabel("招几人 *").fill("6");
    await page.getByRole("button", { name: "保存并发布" }).click();
    await poll(() => page.locator("#job-title").textContent()).toBe(title);
    await poll(() => page.locator("#candidates-status").textContent()).not.toContain("正在查找");
    await s.check("posting");
    expect(s.found).toEqual({});
    expect(errors).toEqual([]);
  });

  it("the bureau portal: push channels, failures and ineligible rounds in words", async () => {
    // 韦金花 has no work intention: her round is ineligible (no_work_intention), and a push to her failed.
    const name = "韦金花";
    const labourer = await makeLabourer(e.h, {
      name,
      villageCode: VILLAGES.rongshui,
      workIntention: "none",
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
        { certificateNo: "S-PC-E2E", resultDate: "2026-11-20" },
        await e.h.as.bureau("450225"),
      ),
    );
    expect(passed.status, JSON.stringify(passed.body)).toBe(200);
    const round = await runRecommendationRound(systemCtx(e.h.deps), {
      enrolmentId: enrolment.id,
      round: 1,
    });
    expect(round.outcome).toBe("ineligible");
    await e.h.deps.db.insert(notifications).values([
      {
        kind: "round",
        subjectKey: randomUUID(),
        labourerId: labourer.id,
        status: "failed",
        provider: "dev",
        attempts: 3,
        lastError: "retries exhausted: DEV_DOWN: connect ECONNREFUSED",
        content: { text: "岗通：为您推荐了新岗位" },
      },
      {
        kind: "round",
        subjectKey: randomUUID(),
        labourerId: labourer.id,
        status: "delivered",
        provider: "wechat",
        attempts: 1,
        content: { text: "岗通：为您推荐了新岗位" },
      },
    ]);

    const { page, errors } = await e.phone();
    const s = screens(page);
    await signInPortal(
      page,
      "/portal/bureau/",
      await passwordUser(e.h, "bureau", {
        regionCode: "450225",
        displayName: "融水苗族自治县就业服务中心",
      }),
    );
    await poll(() => page.locator("#alerts-status").textContent()).toMatch(/[\u4e00-\u9fff]/);
    await s.check("alerts");
    await page.getByRole("link", { name: "最近推送", exact: true }).click();
    await poll(() => page.locator("#pushes").textContent()).toContain("经由测试通道");
    expect(await page.locator("#pushes").textContent()).toContain("经由微信");
    await s.check("pushes");
    await page.goto(`/portal/bureau/#/people/${labourer.id}`);
    await poll(() => page.locator("#rounds").textContent()).toContain("原因：本人暂无务工意愿");
    await s.check("person");
    await page.getByRole("link", { name: "人员名单", exact: true }).click();
    await poll(() => page.locator("#people li").count()).toBeGreaterThan(0);
    await s.check("people");
    expect(s.found).toEqual({});
    expect(errors).toEqual([]);
  });
});
