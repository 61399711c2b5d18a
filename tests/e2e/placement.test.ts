import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobs } from "../../db/schema/jobs";
import { employmentEvidence, employments } from "../../db/schema/placement";
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
import { openJobs, recordingOtp, signInH5, signInPortal, trainedLabourer } from "./fixtures";
import { pngPhoto } from "./photo";

/** Issue 13's pages: apply → accept → hire as people click it, and a job found outside the system. */
const { sent, otpSender } = recordingOtp();

let e: E2e;
beforeAll(async () => {
  e = await startE2e({ overrides: { otpSender } });
});
afterAll(async () => {
  await e?.close();
});

/** A real PNG; over 64 KB where a page uploads it, as a phone photo is (photo.ts). */
const PNG = pngPhoto(96 * 1024);

describe("placement pages", () => {
  it("a labourer applies from 我的推荐, the employer accepts and hires, and 我的报名 says 已录用", async () => {
    const jobIds = await openJobs(e.h);
    const [job] = await e.h.deps.db.select().from(jobs).where(eq(jobs.id, jobIds[0]!));
    const { labourer } = await trainedLabourer(e.h);

    // The labourer: 我要报名 on a recommendation, then 我的报名.
    const { page, errors } = await e.phone();
    await signInH5(page, sent, labourer.input.phone);
    const card = page.locator("#recs-list article.card").first();
    const title = (await card.getAttribute("aria-label"))!;
    await card.getByRole("button", { name: "我要报名" }).click();
    await poll(() => card.textContent()).toContain("已报名");
    // Opening 我的报名 sends the answer waiting in its undo window first.
    await page.getByRole("button", { name: "我的报名" }).click();
    const mine = page.locator("#apps-list article.card", { hasText: title });
    await mine.waitFor();
    await poll(() => mine.locator(".state").textContent()).toBe("已报名");
    expect(await mine.textContent()).toContain("等待用工单位查看您的报名");
    expect(await layoutProblems(page, 18, 48)).toEqual([]);
    await screenshot(page, "h5-my-applications");

    // The employer: the applicant masked, 同意录用, the contact, 录用上岗.
    const appliedJob = await e.h.deps.db.select().from(jobs).where(eq(jobs.title, title));
    const jobId = appliedJob.find((j) => jobIds.includes(j.id))!.id;
    const boss = await e.phone();
    await signInPortal(
      boss.page,
      `/portal/employer/#/jobs/${jobId}`,
      await passwordUser(e.h, "employer", { employerId: job!.employerId }),
    );
    const applicant = boss.page.locator("#applicants li").first();
    await applicant.waitFor();
    const masked = (await applicant.textContent()) ?? "";
    expect(masked).toContain("莫某");
    expect(masked).toContain("莲花镇");
    expect(masked).toMatch(/\d0–\d9岁/);
    expect(masked).not.toContain("莫秀英");
    expect(masked).not.toContain(labourer.input.phone.slice(-4));
    await applicant.getByRole("button", { name: "同意录用" }).click();
    await boss.page.getByRole("button", { name: "确定" }).click();
    const accepted = boss.page.locator("#applicants li").first();
    await poll(() => accepted.locator(".badge").textContent()).toBe("用工单位同意录用");
    await accepted.getByRole("button", { name: "查看姓名和电话" }).click();
    await poll(() => accepted.textContent()).toContain("莫秀英");
    expect(await accepted.textContent()).toContain(labourer.input.phone);
    expect(await layoutProblems(boss.page, MIN_TEXT_PX, MIN_TARGET_PX)).toEqual([]);
    await screenshot(boss.page, "employer-applicants", { fullPage: true });
    await accepted.getByRole("button", { name: "录用上岗" }).click();
    await boss.page.getByLabel("上岗日期").fill("2026-12-01");
    await boss.page.getByRole("button", { name: "确定" }).click();
    await poll(() => boss.page.locator("#applicants li .badge").first().textContent()).toBe(
      "已录用",
    );
    await boss.page
      .locator("#applicants li")
      .first()
      .getByRole("button", { name: "登记离岗" })
      .waitFor();
    expect(boss.errors).toEqual([]);

    // The labourer again: 已录用, and what happens next.
    await page.getByRole("button", { name: "我的报名" }).click();
    await poll(() => mine.locator(".state").textContent()).toBe("已录用");
    expect(await mine.textContent()).toContain("请按约定的日期去上班");
    expect(await mine.getByRole("button", { name: "撤回报名" }).count()).toBe(0);
    await screenshot(page, "h5-my-applications-hired");
    expect(errors).toEqual([]);
  }, 90_000); // three people and two browsers: room for a loaded machine

  it("withdraws an application made from a search result, with 其他原因 in words", async () => {
    await openJobs(e.h);
    const { labourer } = await trainedLabourer(e.h, { name: "韦小梅" });
    const { page, errors } = await e.phone();
    await signInH5(page, sent, labourer.input.phone);
    await page.getByRole("button", { name: "找工作" }).click();
    const result = page.locator("#search-list article.card").first();
    const title = (await result.getAttribute("aria-label"))!;
    await result.getByRole("button", { name: "我要报名" }).click();
    await poll(() => result.textContent()).toContain("已报名");

    await page.getByRole("button", { name: "我的报名" }).click();
    const mine = page.locator("#apps-list article.card", { hasText: title });
    await mine.getByRole("button", { name: "撤回报名" }).click();
    await mine.getByRole("button", { name: "其他原因" }).click();
    await mine.getByLabel("写一下原因").fill("孩子生病，要在家照顾");
    await screenshot(page, "h5-withdraw");
    await mine.getByRole("button", { name: "其他原因" }).click();
    await poll(() => mine.locator(".state").textContent()).toBe("已撤回报名");
    expect(errors).toEqual([]);
  }, 90_000); // three people and two browsers: room for a loaded machine
});

describe("bureau: a job found outside the system", () => {
  it("records it with an uploaded contract photo, refuses a file that is not one, and confirms it", async () => {
    const { labourer } = await trainedLabourer(e.h, { name: "黄玉兰" });
    const { page, errors } = await e.phone();
    await signInPortal(
      page,
      `/portal/bureau/#/people/${labourer.id}`,
      await passwordUser(e.h, "bureau", { regionCode: "450332", displayName: "恭城县人社局" }),
    );
    await page.getByRole("button", { name: "登记系统外就业" }).click();
    const form = page.getByRole("form", { name: "登记系统外就业" });
    await form.getByLabel("怎么找到的工作").selectOption("self_found");
    await form.getByLabel("单位名称（自主创业写经营项目）").fill("恭城县某油茶加工厂");
    await form.getByLabel("工作地点", { exact: true }).fill("恭城");
    await form.getByRole("button", { name: "查找" }).click();
    await poll(() => form.getByLabel("选择工作地点").locator("option").count()).toBeGreaterThan(0);
    await form.getByLabel("上岗日期").fill("2026-11-20");
    await form.getByLabel("工资（元，可不填）").fill("3200");

    // Not a photo or PDF: said in Chinese, and nothing is recorded.
    await form
      .getByLabel(/证明材料/)
      .setInputFiles({ name: "合同.txt", mimeType: "text/plain", buffer: Buffer.from("合同") });
    await form.getByRole("button", { name: "登记" }).click();
    await poll(() => form.locator(".error").textContent()).toBe(
      "只能上传照片（JPG、PNG）或 PDF 文件",
    );
    const none = await e.h.deps.db
      .select()
      .from(employments)
      .where(eq(employments.labourerId, labourer.id));
    expect(none).toEqual([]);

    await form
      .getByLabel(/证明材料/)
      .setInputFiles({ name: "合同.png", mimeType: "image/png", buffer: PNG });
    expect(await layoutProblems(page, MIN_TEXT_PX, MIN_TARGET_PX)).toEqual([]);
    await screenshot(page, "bureau-outside-job", { fullPage: true });
    await form.getByRole("button", { name: "登记" }).click();
    const record = page.locator("#outside-area li.item");
    await poll(() => record.locator(".badge").textContent()).toBe("待核实");
    const [stored] = await e.h.deps.db
      .select()
      .from(employments)
      .where(eq(employments.labourerId, labourer.id));
    expect(stored).toMatchObject({ source: "self_found", confirmedAt: null });
    const files = await e.h.deps.db
      .select()
      .from(employmentEvidence)
      .where(eq(employmentEvidence.employmentId, stored!.id));
    expect(files.map((f) => [f.kind, f.mediaType])).toEqual([["contract_photo", "image/png"]]);

    await record.getByRole("button", { name: "核实确认…" }).click();
    await poll(() => record.locator("ul.evidence").textContent()).toContain("劳动合同照片");
    await record.getByRole("button", { name: "核实确认", exact: true }).click();
    await poll(() => page.locator("#outside-area li.item .badge").textContent()).toBe("已确认");
    const person = await json(
      await e.h.api.get(`/api/v1/labourers/${labourer.id}`, await e.h.as.bureau("450332")),
    );
    expect(person.body.employmentStatus).toBe("local");

    // 就业登记 lists it as confirmed.
    await page.getByRole("link", { name: "就业登记" }).click();
    const listed = page.locator("#employments li", { hasText: "恭城县某油茶加工厂" });
    await poll(() => listed.locator(".badge").textContent()).toBe("已确认");
    await screenshot(page, "bureau-employments", { fullPage: true });
    expect(errors).toEqual([]);
  }, 90_000); // three people and two browsers: room for a loaded machine
});
