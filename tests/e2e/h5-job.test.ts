import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applications } from "../../db/schema/placement";
import { asEmployer, jobBody, makeEmployer, makeJob } from "../integration/jobs/factory";
import { makeLabourer, VILLAGES } from "../integration/training/factory";
import { type E2e, layoutProblems, poll, screenshot, startE2e } from "./browser";
import { openJobs, recordingOtp, requestCode, signInH5, trainedLabourer } from "./fixtures";

/** 职位详情 on the H5 page: from a search card, from a recommendation card, and from a link (issue 16). */
const { sent, otpSender } = recordingOtp();

let e: E2e;
beforeAll(async () => {
  e = await startE2e({ overrides: { otpSender } });
});
afterAll(async () => {
  await e?.close();
});

describe("the H5 job detail page", () => {
  it("opens from a search card, says the posting plainly, applies, and shows 已报名 when opened again by link", async () => {
    const ids = await openJobs(e.h);
    const person = await makeLabourer(e.h, {
      villageCode: VILLAGES.gongcheng2,
      workIntention: "local",
    });
    const { page, errors } = await e.phone();
    await signInH5(page, sent, person.input.phone);

    await page.getByRole("button", { name: "找工作" }).click();
    await page.getByRole("searchbox", { name: "想找什么工作" }).fill("育婴员");
    await page.getByRole("button", { name: "搜索" }).click();
    const card = page.locator("#search-list article").first();
    await card.waitFor();
    const title = (await card.locator("h3").textContent())!;
    await card.getByRole("link", { name: "看详情" }).click();

    const detail = page.locator("#job");
    await poll(() => page.locator("#job-title").textContent()).toBe(title);
    expect(page.url()).toMatch(/#job\/[0-9a-f-]{36}$/);
    const jobId = page.url().split("#job/")[1]!;
    expect(ids).toContain(jobId);
    const text = (await detail.textContent())!;
    for (const words of ["做什么", "育婴员", "在哪里", "日薪 150–200 元", "招多少人", "报名截止"])
      expect(text).toContain(words);
    expect(text).toMatch(/岗位类型(零工|帮扶车间)/);
    expect(text).not.toMatch(/odd_job|workshop|undefined|null/);
    expect(await page.locator("#search").isHidden()).toBe(true);
    expect(await layoutProblems(page, 18, 48)).toEqual([]);
    await screenshot(page, "h5-job-detail", { fullPage: true });

    await detail.getByRole("button", { name: "我要报名" }).click();
    await poll(() => detail.locator(".applied").textContent()).toContain("已报名");
    const rows = await e.h.deps.db
      .select()
      .from(applications)
      .where(eq(applications.labourerId, person.id));
    expect(rows.map((a) => a.jobId)).toEqual([jobId]);

    // 返回 puts the search back as it was.
    await detail.getByRole("button", { name: "返回" }).click();
    await poll(() => page.locator("#search").isVisible()).toBe(true);
    expect(await detail.isHidden()).toBe(true);
    expect(page.url()).not.toContain("#job/");

    // A WeChat/SMS link in a new tab: signed in already, the posting shows, and it says 已报名.
    const tab = await page.context().newPage();
    await tab.goto(`/h5/#job/${jobId}`);
    await poll(() => tab.locator("#job-title").textContent()).toBe(title);
    await poll(() => tab.locator("#job .applied").textContent()).toContain("已报名");
    expect(await tab.getByRole("button", { name: "我要报名" }).count()).toBe(0);
    expect(await tab.locator("#recs").isHidden()).toBe(true);
    await screenshot(tab, "h5-job-applied", { fullPage: true });
    // A tab button leaves the posting.
    await tab.getByRole("button", { name: "我的报名" }).click();
    await poll(() => tab.locator("#apps").isVisible()).toBe(true);
    expect(await tab.locator("#job").isHidden()).toBe(true);
    expect(errors).toEqual([]);
  });

  it("opens from a recommendation card, and a link opened before sign-in shows the posting after it", async () => {
    const { labourer, round } = await trainedLabourer(e.h);
    const { page, errors } = await e.phone();
    await signInH5(page, sent, labourer.input.phone);
    const card = page.locator("#recs-list article.card").first();
    await card.waitFor();
    const title = (await card.locator("h3").textContent())!;
    await card.getByRole("link", { name: "看详情" }).click();
    await poll(() => page.locator("#job-title").textContent()).toBe(title);
    await page.locator("#job").getByRole("button", { name: "我要报名" }).waitFor();
    await page.goBack();
    await poll(() => page.locator("#recs").isVisible()).toBe(true);
    expect(await page.locator("#job").isHidden()).toBe(true);
    expect(round).toBeTruthy();

    // Signed out, a link arrives: sign in on it, and the posting is what shows.
    const fresh = await e.phone();
    const jobId = (await card.getByRole("link", { name: "看详情" }).getAttribute("href"))!.slice(5);
    await fresh.page.goto(`/h5/#job/${jobId}`);
    await fresh.page.getByRole("textbox", { name: "手机号" }).waitFor();
    const code = await requestCode(fresh.page, sent, labourer.input.phone);
    await fresh.page.getByRole("textbox", { name: "验证码" }).fill(code);
    await fresh.page.getByRole("button", { name: "登录" }).click();
    await poll(() => fresh.page.locator("#job-title").textContent()).toBe(title);
    expect(errors).toEqual([]);
    expect(fresh.errors).toEqual([]);
  });

  it("says which skills and certificates a posting asks for, the certificate by its brand's name", async () => {
    const employer = await makeEmployer(e.h, { type: "workshop", regionCode: "450332" });
    const job = await makeJob(
      e.h,
      await asEmployer(e.h, employer.id),
      jobBody("odd_job", {
        occupation: "育婴员",
        skills: ["婴儿护理", "做辅食"],
        certificates: ["bagui-jiazheng"],
      }),
    );
    const plain = await makeJob(e.h, await asEmployer(e.h, employer.id), jobBody("odd_job"));
    const person = await makeLabourer(e.h, {
      villageCode: VILLAGES.gongcheng2,
      workIntention: "local",
    });
    const { page, errors } = await e.phone();
    await signInH5(page, sent, person.input.phone);
    await page.goto(`/h5/#job/${job.id}`);
    await poll(() => page.locator("#job-title").textContent()).toBe(job.title);
    const text = (await page.locator("#job").textContent())!;
    expect(text).toContain("要会的技能婴儿护理、做辅食");
    expect(text).toContain("要有的证书八桂家政");
    expect(text).not.toContain("bagui");

    // A posting that asks for neither shows neither row.
    await page.goto(`/h5/#job/${plain.id}`);
    await poll(() => page.locator("#job-title").textContent()).toBe(plain.title);
    const other = (await page.locator("#job").textContent())!;
    expect(other).not.toContain("要会的技能");
    expect(other).not.toContain("要有的证书");
    expect(errors).toEqual([]);
  });
});
