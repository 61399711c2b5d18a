import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asEmployer, jobBody, makeEmployer, makeJob } from "../integration/jobs/factory";
import {
  DESKTOP,
  type E2e,
  layoutProblems,
  MIN_TARGET_PX,
  MIN_TEXT_PX,
  passwordUser,
  poll,
  screenshot,
  startE2e,
} from "./browser";
import { signInPortal } from "./fixtures";

let e: E2e;
beforeAll(async () => {
  e = await startE2e();
});
afterAll(async () => {
  await e?.close();
});

describe("employer portal: the pages added for issue 16", () => {
  it("marks an open posting filled and closes another, each after one plain question", async () => {
    const employer = await makeEmployer(e.h, { type: "individual", regionCode: "450332102" });
    const as = await asEmployer(e.h, employer.id);
    const filled = await makeJob(e.h, as, jobBody("odd_job", { title: "油茶采摘工" }));
    const closed = await makeJob(e.h, as, jobBody("odd_job", { title: "装卸小工" }));

    const { page, errors } = await e.phone(DESKTOP);
    await signInPortal(
      page,
      "/portal/employer/",
      await passwordUser(e.h, "employer", { employerId: employer.id }),
    );
    await page.goto(`/portal/employer/#/jobs/${filled.id}`);
    await page.getByRole("button", { name: "已招满" }).click();
    await poll(() => page.getByRole("group", { name: "已招满" }).textContent()).toContain(
      "不再推荐给求职者",
    );
    await screenshot(page, "employer-job-status");
    await page.getByRole("button", { name: "取消" }).click();
    await page.getByRole("button", { name: "已招满" }).click();
    await page.getByRole("button", { name: "确定已招满" }).click();
    await poll(() => page.locator("#job-facts").textContent()).toContain("已招满");
    expect(await page.getByRole("button", { name: "关闭岗位" }).count()).toBe(0);

    await page.goto(`/portal/employer/#/jobs/${closed.id}`);
    await page.getByRole("button", { name: "关闭岗位" }).click();
    await page.getByRole("button", { name: "确定关闭" }).click();
    await poll(() => page.locator("#job-facts").textContent()).toContain("已关闭");
    expect(await layoutProblems(page, MIN_TEXT_PX, MIN_TARGET_PX)).toEqual([]);
    expect(errors).toEqual([]);
  }, 120_000);
});
