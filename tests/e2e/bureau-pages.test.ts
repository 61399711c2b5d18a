import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemCtx } from "../../src/lib/ctx";
import { runRecommendationRound } from "../../src/modules/recommendations/round";
import { ensureJobsIndex } from "../../src/search/jobs-index";
import { makeCourse, makeEnrolment, makeLabourer, VILLAGES } from "../integration/training/factory";
import { json } from "../support/harness";
import { type E2e, layoutProblems, passwordUser, poll, screenshot, startE2e } from "./browser";
import { signInPortal } from "./fixtures";

let e: E2e;
beforeAll(async () => {
  e = await startE2e();
});
afterAll(async () => {
  await e?.close();
});

const DESKTOP = { viewport: { width: 1280, height: 860 }, isMobile: false, hasTouch: false };

describe("bureau portal: the pages added for issue 16", () => {
  it("resolves a shortage alert with a note (处理), refusing an empty note in Chinese", async () => {
    const name = "蓝桂香";
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
        { certificateNo: "S-LJ-RESOLVE", resultDate: "2026-11-20" },
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

    const { page, errors } = await e.phone(DESKTOP);
    await signInPortal(
      page,
      "/portal/bureau/",
      await passwordUser(e.h, "bureau", { regionCode: "450225" }),
    );
    const alert = page.locator("#alerts li", { hasText: name });
    await alert.getByRole("button", { name: "处理" }).click();
    await alert.getByRole("button", { name: "确认已处理" }).click();
    await poll(() => alert.getByRole("alert").textContent()).toBe("请填写处理情况");
    expect(await alert.locator("textarea").getAttribute("aria-invalid")).toBe("true");
    await alert.getByLabel(/处理情况/).fill("已联系融水县旅游公司，安排面试");
    await screenshot(page, "bureau-alert-resolve");
    await alert.getByRole("button", { name: "确认已处理" }).click();
    await poll(() => alert.textContent()).toContain("处理结果：");
    expect(await alert.textContent()).toContain("已联系融水县旅游公司，安排面试");
    expect(await alert.getByRole("button", { name: "处理" }).count()).toBe(0);

    await page.selectOption("#alert-status", "resolved");
    await poll(() => page.locator("#alerts").textContent()).toContain(name);
    expect(await layoutProblems(page, 14, 40)).toEqual([]);
    expect(errors).toEqual([]);
  }, 120_000);
});
