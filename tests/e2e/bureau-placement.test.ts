import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applications } from "../../db/schema/placement";
import { apply, moves, openPosting, person, today } from "../integration/applications/factory";
import { waitIndexed } from "../integration/jobs/factory";
import { type E2e, passwordUser, poll, screenshot, startE2e } from "./browser";
import { signInPortal } from "./fixtures";

/** The bureau portal's placement work as county staff click it: 不予确认 a hire, 代为报名. */
let e: E2e;
beforeAll(async () => {
  e = await startE2e({ sync: true });
});
afterAll(async () => {
  await e?.close();
});

const bureauAccount = () =>
  passwordUser(e.h, "bureau", { regionCode: "450332", displayName: "恭城县人社局" });

describe("bureau portal: placement", () => {
  it("不予确认: the officer rejects an employer-reported hire with a reason; the record says so and no longer counts", async () => {
    const posting = await openPosting(e.h, { channel: "gd_gx", fields: { regionCode: "440306" } });
    const p = await person(e.h);
    const app = await apply(e.h, p.as, posting.job.id);
    await moves(e.h, posting.as, app.id, { to: "accepted" }, { to: "hired", startDate: today() });
    const [hired] = await e.h.deps.db
      .select()
      .from(applications)
      .where(eq(applications.id, app.id));
    expect(hired!.status).toBe("hired");

    const { page, errors } = await e.phone({
      viewport: { width: 1024, height: 900 },
      isMobile: false,
    });
    await signInPortal(page, "/portal/bureau/#/employments", await bureauAccount());
    const item = page.locator("#employments li", { hasText: posting.employer.name });
    await poll(() => item.textContent()).toContain("已确认");
    await item.getByRole("button", { name: "不予确认…" }).click();
    await item.getByLabel("不予确认的原因").selectOption("not_started");
    await item.getByLabel("说明（选「其他原因」时必须写）").fill("电话核实，本人未去报到");
    await screenshot(page, "bureau-hire-reject");
    await item.getByRole("button", { name: "确定不予确认" }).click();
    const after = page.locator("#employments li", { hasText: posting.employer.name });
    await poll(() => after.textContent()).toContain("县（区）人社部门不予确认");
    expect(await after.textContent()).toContain("本人未实际上岗：电话核实，本人未去报到");
    expect(await after.getByRole("button", { name: "不予确认…" }).count()).toBe(0);
    const [row] = await e.h.deps.db.select().from(applications).where(eq(applications.id, app.id));
    expect(row!.status).toBe("hire_rejected");
    expect(errors).toEqual([]);
  }, 90_000);

  it("代为报名: the officer finds the person by name, picks an open posting, records consent and applies", async () => {
    const posting = await openPosting(e.h, { fields: { title: "莲花镇砂糖橘采摘工（代报测试）" } });
    await waitIndexed(e.h, posting.job.id);
    const p = await person(e.h);
    const name = p.labourer.name as string;

    const { page, errors } = await e.phone({
      viewport: { width: 1024, height: 900 },
      isMobile: false,
    });
    await signInPortal(page, "/portal/bureau/#/apply", await bureauAccount());
    await page.locator("#apply-person-q").fill(name);
    await page.locator("#apply-person-form").getByRole("button", { name: "查找" }).click();
    const who = page.locator(`#apply-people li[data-labourer="${p.labourer.id}"]`);
    await who.getByRole("button", { name: "选这个人" }).click();
    await page.locator("#apply-job-q").fill("代报测试");
    await page.locator("#apply-job-form").getByRole("button", { name: "查找" }).click();
    const job = page.locator(`#apply-jobs li[data-job="${posting.job.id}"]`);
    await job.getByRole("button", { name: "选这个岗位" }).click();
    await poll(() => page.locator("#apply-chosen").textContent()).toContain("代报测试");

    // Without the consent box ticked nothing is sent.
    await page.getByRole("button", { name: "代为报名" }).click();
    await poll(() => page.locator("#apply-error").textContent()).toContain("征得本人同意");
    await page.locator("#apply-consent").selectOption("in_person");
    await page.getByLabel("本人已经同意报名这个岗位").check();
    await page.getByRole("button", { name: "代为报名" }).click();
    await poll(() => page.locator("#apply-result").textContent()).toContain(
      `已为${name}报名「莲花镇砂糖橘采摘工（代报测试）」：已报名`,
    );
    await screenshot(page, "bureau-apply-on-behalf", { fullPage: true });
    const rows = await e.h.deps.db
      .select()
      .from(applications)
      .where(eq(applications.labourerId, p.labourer.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      jobId: posting.job.id,
      onBehalf: true,
      consentMethod: "in_person",
    });
    expect(errors).toEqual([]);
  }, 90_000);
});
