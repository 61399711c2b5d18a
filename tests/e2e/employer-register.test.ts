import type { Worker } from "bullmq";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { employers } from "../../db/schema/employers";
import { jobs } from "../../db/schema/jobs";
import { completeCreditCode } from "../../src/lib/credit-code";
import { OutboxRelay } from "../../workers/outbox-relay";
import { startSearchSyncWorker } from "../../workers/search-sync";
import {
  asEmployer,
  INDEX_WAIT_MS,
  jobBody,
  makeEmployer,
  makeJob,
  searchIds,
  waitIndexed,
} from "../integration/jobs/factory";
import { eventually } from "../support/harness";
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
import { latinOnScreen, signInPortal } from "./fixtures";

let e: E2e;
let relay: OutboxRelay;
let worker: Worker;
beforeAll(async () => {
  e = await startE2e();
  relay = new OutboxRelay(e.h.deps, { pollMs: 100 });
  await relay.start();
  worker = await startSearchSyncWorker(e.h.deps);
});
afterAll(async () => {
  await worker?.close();
  await relay?.stop();
  await e?.close();
});

describe("employer portal: 用工单位注册 and 编辑岗位 (issue 16)", () => {
  it("registers an organisation: the credit code is checked in Chinese, then it is signed in, 待审核", async () => {
    const code = completeCreditCode(`91450332MA${Math.random().toString().slice(2, 8)}`);
    const badCheck = code.slice(0, 17) + (code[17] === "1" ? "2" : "1");
    const taken = await passwordUser(e.h, "employer", {
      employerId: (await makeEmployer(e.h)).id,
    });
    const { page, errors } = await e.phone(DESKTOP);
    await page.goto("/portal/employer/");
    await page.getByRole("button", { name: "注册新单位" }).click();
    const form = page.locator("#register-form");
    await page.getByRole("button", { name: "注册", exact: true }).click();
    await poll(() => page.locator("#rg-name-error").textContent()).toBe("请填写单位名称");
    expect(await page.locator("#rg-creditCode-error").textContent()).toBe(
      "企业、就业帮扶车间和合作社须填写统一社会信用代码",
    );
    expect(await page.locator("#rg-regionCode-error").textContent()).toBe("请先查找并选择所在地");

    await form.getByLabel("单位名称 *").fill("恭城县竹韵竹编有限公司");
    await form.getByLabel("统一社会信用代码").fill(badCheck);
    await form.getByLabel("所在地 *").fill("莲花镇");
    await page.locator("#rg-place-find").click();
    await poll(() => page.locator("#rg-regionCode option").first().textContent()).toContain(
      "莲花镇",
    );
    await page.locator("#rg-regionCode").selectOption({ label: "桂林市 恭城瑶族自治县 莲花镇" });
    await form.getByLabel("联系人 *").fill("黄秀英");
    await form.getByLabel("联系电话 *").fill("138 0773 2345");
    await form.getByLabel("登录用户名 *").fill(taken.username);
    await form.getByLabel("密码 *", { exact: true }).fill("Zhuyun-2026-pw");
    await form.getByLabel("再输一次密码 *").fill("Zhuyun-2026-pw");
    await page.getByRole("button", { name: "注册", exact: true }).click();
    await poll(() => page.locator("#rg-creditCode-error").textContent()).toBe(
      "统一社会信用代码第 18 位校验码不正确，请逐位核对营业执照上的代码",
    );
    expect(await page.locator("#rg-creditCode").getAttribute("aria-invalid")).toBe("true");
    expect(await layoutProblems(page, 18, 56)).toEqual([]);
    await screenshot(page, "employer-register");

    // The page's check passes; the server refuses the taken user name, under its field.
    await form.getByLabel("统一社会信用代码").fill(code);
    await page.getByRole("button", { name: "注册", exact: true }).click();
    await poll(() => page.locator("#rg-username-error").textContent()).toBe(
      "用户名已被使用，请换一个",
    );
    expect(await page.locator("#rg-creditCode-error").count()).toBe(0);
    await form.getByLabel("登录用户名 *").fill(`zhuyun_${Date.now()}`);
    await page.getByRole("button", { name: "注册", exact: true }).click();

    await poll(() => page.locator("#who").textContent()).toBe("恭城县竹韵竹编有限公司");
    await poll(() => page.locator("#org-note").textContent()).toContain("本单位状态：待审核");
    await page.getByRole("heading", { name: "本单位岗位" }).waitFor();
    const [stored] = await e.h.deps.db
      .select()
      .from(employers)
      .where(eq(employers.name, "恭城县竹韵竹编有限公司"));
    expect(stored).toMatchObject({
      creditCode: code,
      regionCode: "450332102",
      verificationStatus: "unverified",
      type: "enterprise",
    });
    expect(await latinOnScreen(page)).toEqual([]);
    expect(errors).toEqual([]);
  }, 120_000);

  it("edits an open posting: errors under their fields, and the change is searchable", async () => {
    const employer = await makeEmployer(e.h, { type: "individual", regionCode: "450332102" });
    const as = await asEmployer(e.h, employer.id);
    const job = await makeJob(e.h, as, jobBody("odd_job", { title: "油茶采摘工" }));
    await waitIndexed(e.h, job.id);

    const { page, errors } = await e.phone(DESKTOP);
    const form = page.locator("#edit-form");
    await signInPortal(
      page,
      "/portal/employer/",
      await passwordUser(e.h, "employer", { employerId: employer.id, displayName: "莲花油茶" }),
    );
    await page.goto(`/portal/employer/#/jobs/${job.id}`);
    await page.getByRole("link", { name: "编辑岗位" }).click();
    await poll(() => form.getByLabel("岗位名称 *").inputValue()).toBe("油茶采摘工");
    expect(await form.getByLabel("最低（元）").inputValue()).toBe("120");

    await form.getByLabel("岗位名称 *").fill("");
    await form.getByLabel("最高（元）").fill("100");
    await page.getByRole("button", { name: "保存修改" }).click();
    await poll(() => page.locator("#ed-title-error").textContent()).toBe(
      "请填写岗位名称（至少 2 个字）",
    );
    expect(await page.locator("#ed-wageMax-error").textContent()).toBe("最高工资不能低于最低工资");

    await form.getByLabel("岗位名称 *").fill("竹编包装工");
    await form.getByLabel("最低（元）").fill("150");
    await form.getByLabel("最高（元）").fill("200");
    await form.getByLabel("招几人 *").fill("8");
    await form.getByLabel("工作内容").fill("竹篮打包装箱，只招男性");
    await page.getByRole("button", { name: "保存修改" }).click();
    await poll(() => page.locator("#ed-description-error").textContent()).toContain("性别");
    expect(await layoutProblems(page, 18, 56)).toEqual([]);
    await screenshot(page, "employer-edit");

    await form.getByLabel("工作内容").fill("竹篮打包装箱，男女不限，管午饭");
    await form.getByLabel("工作地点 *").fill("恭城镇");
    await page.locator("#ed-place-find").click();
    await poll(() => page.locator("#ed-regionCode option").first().textContent()).toContain(
      "恭城镇",
    );
    await page.locator("#ed-regionCode").selectOption({ label: "桂林市 恭城瑶族自治县 恭城镇" });
    await page.getByRole("button", { name: "保存修改" }).click();
    await poll(() => page.locator("#job-title").textContent()).toBe("竹编包装工");
    const facts = await page.locator("#job-facts").textContent();
    expect(facts).toContain("日薪 150–200 元");
    expect(facts).toContain("8 人");
    expect(facts).toContain("恭城镇");
    const [stored] = await e.h.deps.db.select().from(jobs).where(eq(jobs.id, job.id));
    expect(stored).toMatchObject({
      title: "竹编包装工",
      wageMinFen: 15_000,
      wageMaxFen: 20_000,
      headcount: 8,
      regionCode: "450332100",
    });
    // Through the outbox (job.upserted) and the sync worker into the index: searchable by the new words.
    await eventually(
      async () => (await searchIds(e.h, "q=竹编包装工")).ids.includes(job.id),
      INDEX_WAIT_MS,
    );
    expect(await latinOnScreen(page)).toEqual([]);
    expect(errors).toEqual([]);
  }, 120_000);

  it("编辑岗位 covers every field the PATCH takes: prefilled, saved and searchable, per channel", async () => {
    const day = (d: number) =>
      new Date(Date.now() + 8 * 3600_000 + d * 86_400_000).toISOString().slice(0, 10);
    const employer = await makeEmployer(e.h, { type: "individual", regionCode: "450332102" });
    const as = await asEmployer(e.h, employer.id);
    const odd = await makeJob(
      e.h,
      as,
      jobBody("odd_job", { title: `砍竹工${Date.now() % 100000}`, ageMin: 18, ageMax: 60 }),
    );
    const gd = await makeJob(
      e.h,
      as,
      jobBody("gd_gx", { title: `电子厂普工${Date.now() % 100000}` }),
    );
    await waitIndexed(e.h, odd.id);
    await waitIndexed(e.h, gd.id);
    const { page, errors } = await e.phone(DESKTOP);
    const form = page.locator("#edit-form");
    await signInPortal(
      page,
      "/portal/employer/",
      await passwordUser(e.h, "employer", { employerId: employer.id, displayName: "莲花竹业" }),
    );

    // 零工: prefilled from the posting, then every kind of field changed.
    await page.goto(`/portal/employer/#/jobs/${odd.id}/edit`);
    await poll(() => form.getByLabel("集合地点 *").inputValue()).toBe("恭城县城汽车站");
    expect(await form.getByLabel("最小（岁）").inputValue()).toBe("18");
    expect(await form.getByLabel("最大（岁）").inputValue()).toBe("60");
    expect(await form.getByLabel("开工日期 *").inputValue()).toBe(odd.workStartOn);
    expect(await form.getByLabel("待遇（用空格隔开，如：包吃 包住）").inputValue()).toBe(
      "包吃 包住",
    );
    expect(await form.getByLabel("联系人 *").inputValue()).toBe("王经理");
    expect(await form.getByLabel("报名截止日期").inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await page.locator("#ed-gd").isHidden()).toBe(true);
    await screenshot(page, "employer-edit-more", { fullPage: true });

    await form.getByLabel("最小（岁）").fill("70");
    await page.getByRole("button", { name: "保存修改" }).click();
    await poll(() => page.locator("#ed-ageMax-error").textContent()).toBe(
      "最大年龄不能小于最小年龄，也不能超过 100",
    );
    await form.getByLabel("最小（岁）").fill("20");
    await form.getByLabel("最大（岁）").fill("55");
    await page.locator("#ed-physicalDemand").selectOption({ label: "重体力" });
    await form.getByLabel("待遇（用空格隔开，如：包吃 包住）").fill("包午饭 日结");
    await form.getByLabel("集合地点 *").fill("莲花镇政府门口");
    await form.getByLabel("开工日期 *").fill(day(3));
    await form.getByLabel("完工日期 *").fill(day(12));
    await form.getByLabel("报名截止日期").fill(day(6));
    await form.getByLabel("联系人 *").fill("黄师傅");
    await form.getByLabel("联系电话").fill("138 0773 6688");
    expect(await layoutProblems(page, MIN_TEXT_PX, MIN_TARGET_PX)).toEqual([]);
    await page.getByRole("button", { name: "保存修改" }).click();
    await poll(() => page.locator("#job-title").textContent()).toBe(odd.title);
    const [saved] = await e.h.deps.db.select().from(jobs).where(eq(jobs.id, odd.id));
    expect(saved).toMatchObject({
      ageMin: 20,
      ageMax: 55,
      physicalDemand: "heavy",
      benefits: ["包午饭", "日结"],
      meetingPoint: "莲花镇政府门口",
      workStartOn: day(3),
      workEndOn: day(12),
      contactName: "黄师傅",
    });
    expect(e.h.deps.pii.decrypt(saved!.contactPhoneEnc)).toBe("13807736688");
    expect(saved!.expiresAt.toISOString()).toBe(new Date(`${day(6)}T23:59:59+08:00`).toISOString());
    // In the index (outbox → sync worker): the search card shows the new values.
    await eventually(async () => {
      const hit = (await searchIds(e.h, `q=${odd.title}`)).body.items.find(
        (i: { id: string }) => i.id === odd.id,
      );
      return (
        hit?.physicalDemand === "heavy" &&
        hit.workStartOn === day(3) &&
        hit.benefits.includes("日结")
      );
    }, INDEX_WAIT_MS);

    // 粤桂劳务协作: its own fields, and nothing of the odd job's.
    await page.goto(`/portal/employer/#/jobs/${gd.id}/edit`);
    await poll(() => page.locator("#ed-boardAndLodging").inputValue()).toBe("true");
    expect(await page.locator("#ed-odd").isHidden()).toBe(true);
    await page.locator("#ed-boardAndLodging").selectOption({ label: "不包吃住" });
    await page.locator("#ed-pointToPoint").selectOption({ label: "不组织接送" });
    await page.getByRole("button", { name: "保存修改" }).click();
    await poll(() => page.locator("#job-title").textContent()).toBe(gd.title);
    const [gdSaved] = await e.h.deps.db.select().from(jobs).where(eq(jobs.id, gd.id));
    expect(gdSaved).toMatchObject({ boardAndLodging: false, pointToPoint: false });
    await eventually(async () => {
      const hit = (await searchIds(e.h, `q=${gd.title}`)).body.items.find(
        (i: { id: string }) => i.id === gd.id,
      );
      return hit?.boardAndLodging === false;
    }, INDEX_WAIT_MS);
    expect(await latinOnScreen(page)).toEqual([]);
    expect(errors).toEqual([]);
  }, 120_000);
});
