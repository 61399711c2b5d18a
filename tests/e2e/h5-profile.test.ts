import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { labourers } from "../../db/schema/labourers";
import { syncJobsToIndex } from "../../src/search/jobs-sync";
import { asEmployer, jobBody, makeEmployer, makeJob } from "../integration/jobs/factory";
import { makeLabourer, VILLAGES } from "../integration/training/factory";
import { eventually } from "../support/harness";
import { type E2e, layoutProblems, poll, screenshot, startE2e } from "./browser";
import { latinOnScreen, recordingOtp, signInH5 } from "./fixtures";

/** 我的资料, 推送设置 and the search's channel tabs and wage floor on the H5 page (issue 16). */
const { sent, otpSender } = recordingOtp();

let e: E2e;
beforeAll(async () => {
  e = await startE2e({ overrides: { otpSender } });
});
afterAll(async () => {
  await e?.close();
});

const row = async (id: string) =>
  (await e.h.deps.db.select().from(labourers).where(eq(labourers.id, id)))[0]!;

describe("我的资料 on the H5 page", () => {
  it("shows the person's own record masked, and saves where they want to work, their skills and wage", async () => {
    const person = await makeLabourer(e.h, {
      name: "韦桂兰",
      villageCode: VILLAGES.gongcheng,
      workIntention: "local",
      skills: ["采茶"],
    });
    const { page, errors } = await e.phone();
    await signInH5(page, sent, person.input.phone);
    await page.getByRole("button", { name: "我的", exact: true }).click();
    const facts = page.locator("#me-facts");
    await poll(() => facts.textContent()).toContain("韦桂兰");
    const text = (await facts.textContent())!;
    expect(text).toContain(person.idNumberMasked);
    expect(text).not.toContain(person.input.idNumber);
    expect(text).toContain(person.phoneMasked.slice(0, 3));
    expect(text).not.toContain(person.input.phone.slice(3, 7));
    expect(text).toContain("竹山村");
    expect(text).toContain("采茶");
    expect(text).toContain("本地（家附近）");
    expect(await layoutProblems(page, 18, 56)).toEqual([]);
    expect(await latinOnScreen(page)).toEqual([]);
    await screenshot(page, "h5-profile", { fullPage: true });

    await page.getByRole("button", { name: "区外（广东等地）" }).click();
    await page.getByLabel("会做、想做的工作（用空格隔开）").fill("采茶 普工");
    await page.getByRole("button", { name: "按月" }).click();
    await page.getByLabel("每月或每天多少元（可以不填）").fill("4500");
    await page.getByRole("button", { name: "保存" }).click();
    await poll(() => page.locator("#me").textContent()).toContain("已保存");
    const saved = await row(person.id);
    expect(saved.workIntention).toBe("out_province");
    expect(saved.skills).toEqual(["采茶", "普工"]);
    expect(saved.expectedWageFen).toBe(450_000);
    expect(saved.expectedWageUnit).toBe("month");
    expect(await facts.textContent()).toContain("月薪 4500 元");

    // A wage that is not a number is said plainly and nothing is sent.
    await page.getByLabel("每月或每天多少元（可以不填）").fill("四千");
    await page.getByRole("button", { name: "保存" }).click();
    await poll(() => page.locator("#me-error").textContent()).toContain("只写数字");
    expect((await row(person.id)).expectedWageFen).toBe(450_000);
    expect(errors).toEqual([]);
  });

  it("想去广东哪里: picks Guangdong cities while 区外 is chosen, saved for matching and shown again", async () => {
    const person = await makeLabourer(e.h, {
      villageCode: VILLAGES.gongcheng,
      workIntention: "local",
      preferredCityCodes: [],
    });
    const { page, errors } = await e.phone();
    await signInH5(page, sent, person.input.phone);
    await page.getByRole("button", { name: "我的", exact: true }).click();
    await page.locator("#me-facts").waitFor();
    const picker = page.getByRole("group", { name: "想去广东哪里" });
    expect(await picker.isVisible()).toBe(false);

    await page.getByRole("button", { name: "区外（广东等地）" }).click();
    expect(await picker.isVisible()).toBe(true);
    // The 21 prefecture cities, from GT_LABELS (src/lib/provinces.ts).
    expect(await picker.getByRole("button").count()).toBe(21);
    for (const city of ["深圳", "东莞", "佛山"])
      await picker.getByRole("button", { name: city }).click();
    await picker.getByRole("button", { name: "佛山" }).click(); // changed their mind
    expect(await picker.getByRole("button", { name: "深圳" }).getAttribute("aria-pressed")).toBe(
      "true",
    );
    expect(await picker.getByRole("button", { name: "佛山" }).getAttribute("aria-pressed")).toBe(
      "false",
    );
    expect(await layoutProblems(page, 18, 56)).toEqual([]);
    expect(await latinOnScreen(page)).toEqual([]);
    await page.evaluate(
      `window.scrollTo(0, document.getElementById("me-cities-box").getBoundingClientRect().top + window.scrollY - 72)`,
    );
    await screenshot(page, "h5-profile-cities");
    await page.getByRole("button", { name: "保存" }).click();
    await poll(() => page.locator("#me").textContent()).toContain("已保存");
    const saved = await row(person.id);
    expect(saved.workIntention).toBe("out_province");
    expect(saved.preferredCityCodes).toEqual(["4403", "4419"]);
    await poll(() => page.locator("#me-facts").textContent()).toContain("想去广东哪里深圳、东莞");

    // Shown again after a reload, the chosen cities pressed.
    await page.reload();
    await page.getByRole("button", { name: "我的", exact: true }).click();
    await poll(() => page.locator("#me-facts").textContent()).toContain("深圳、东莞");
    await poll(() =>
      picker.getByRole("button", { name: "东莞" }).getAttribute("aria-pressed"),
    ).toBe("true");
    // Back to 本地: the picker goes away and the stored cities are left alone.
    await page.getByRole("button", { name: "本地（家附近）" }).click();
    expect(await picker.isVisible()).toBe(false);
    await page.getByRole("button", { name: "保存" }).click();
    await poll(async () => (await row(person.id)).workIntention).toBe("local");
    expect((await row(person.id)).preferredCityCodes).toEqual(["4403", "4419"]);
    // The facts are drawn again from the save's answer, which may come after the row is written.
    await poll(() => page.locator("#me-facts").textContent()).not.toContain("想去广东哪里");
    expect(errors).toEqual([]);
  });

  it("换手机号: a code to the new number, then the new number signs in", async () => {
    const person = await makeLabourer(e.h, { villageCode: VILLAGES.gongcheng });
    const { page, errors } = await e.phone();
    await signInH5(page, sent, person.input.phone);
    await page.getByRole("button", { name: "我的", exact: true }).click();
    const fresh = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
    await page.getByLabel("新手机号").fill(fresh);
    const before = sent.length;
    await page.getByRole("button", { name: "给新号码发验证码" }).click();
    const code = await eventually(
      async () => sent.slice(before).find((s) => s.phone === fresh)?.code,
      5_000,
    );
    await page.getByLabel("新号码收到的验证码").fill(code);
    await page.getByRole("button", { name: "确认换号" }).click();
    await poll(() => page.locator("#me").textContent()).toContain("手机号已换好");
    expect((await row(person.id)).phoneMasked).toBe(`${fresh.slice(0, 3)}****${fresh.slice(7)}`);
    expect(await page.locator("#me-facts").textContent()).toContain(fresh.slice(7));
    expect(errors).toEqual([]);
  });
});

describe("推送设置 on the H5 page", () => {
  it("turns pushes off and on (the time recorded) and picks 短信 or 微信", async () => {
    const person = await makeLabourer(e.h, {
      villageCode: VILLAGES.gongcheng,
      contactConsent: true,
    });
    const { page, errors } = await e.phone();
    await signInH5(page, sent, person.input.phone);
    await page.getByRole("button", { name: "我的", exact: true }).click();
    const box = page.locator("#push-settings");
    await box.waitFor();
    expect(await box.getByRole("button", { name: "接收推送" }).getAttribute("aria-pressed")).toBe(
      "true",
    );
    await box.getByRole("button", { name: "不要推送" }).click();
    await poll(async () => (await row(person.id)).contactConsent).toBe(false);
    expect((await row(person.id)).consentAt).not.toBeNull();
    await poll(() => box.textContent()).toContain("不给您推送工作");
    expect(await box.getByRole("button", { name: "用短信通知我" }).isVisible()).toBe(false);

    await box.getByRole("button", { name: "接收推送" }).click();
    await poll(async () => (await row(person.id)).contactConsent).toBe(true);
    await box.getByRole("button", { name: "用短信通知我" }).click();
    await poll(async () => (await row(person.id)).pushChannel).toBe("sms");
    await poll(() => box.textContent()).toContain("以后用短信通知您");
    expect(
      await box.getByRole("button", { name: "用短信通知我" }).getAttribute("aria-pressed"),
    ).toBe("true");
    expect(await layoutProblems(page, 18, 56)).toEqual([]);
    // The card at the top, below the fixed bar.
    await page.evaluate(
      `window.scrollTo(0, document.getElementById("push-settings").getBoundingClientRect().top + window.scrollY - 72)`,
    );
    await screenshot(page, "h5-push-settings");

    // Read again after a reload: the page shows what is stored.
    await page.reload();
    await page.getByRole("button", { name: "我的", exact: true }).click();
    await poll(() =>
      page.locator("#push-settings [data-channel=sms]").getAttribute("aria-pressed"),
    ).toBe("true");
    await box.getByRole("button", { name: "用微信通知我" }).click();
    await poll(async () => (await row(person.id)).pushChannel).toBe("wechat");
    expect(errors).toEqual([]);
  }, 60_000);
});

describe("找工作: channel tabs and 月薪不低于", () => {
  it("filters on the server by the tab and by the month-wage floor", async () => {
    // No Latin letters: the tag shows in the search box and titles of the screenshot.
    const tag = `岗${String(Math.floor(Math.random() * 9000) + 1000)}`;
    const local = await asEmployer(e.h, (await makeEmployer(e.h, { regionCode: "450332" })).id);
    const workshop = await asEmployer(
      e.h,
      (await makeEmployer(e.h, { type: "workshop", regionCode: "450332" })).id,
    );
    const post = async (
      as: typeof local,
      channel: "odd_job" | "workshop" | "enterprise",
      o: object,
    ) => (await makeJob(e.h, as, jobBody(channel, { regionCode: "450332", ...o }))).id;
    const ids = [
      await post(local, "odd_job", {
        title: `${tag} 采茶日工`,
        wageUnit: "day",
        wageMinFen: 12_000,
        wageMaxFen: 15_000,
      }),
      await post(workshop, "workshop", {
        title: `${tag} 竹编车间`,
        wageMinFen: 250_000,
        wageMaxFen: 300_000,
      }),
      await post(local, "enterprise", {
        title: `${tag} 油茶厂`,
        wageMinFen: 450_000,
        wageMaxFen: 520_000,
      }),
    ];
    await syncJobsToIndex(e.h.deps, ids);
    const person = await makeLabourer(e.h, { villageCode: VILLAGES.gongcheng });
    const { page, errors } = await e.phone();
    await signInH5(page, sent, person.input.phone);
    await page.getByRole("button", { name: "找工作" }).click();
    const titles = () =>
      page.locator("#search-list article h3").allTextContents() as Promise<string[]>;
    await page.getByRole("searchbox", { name: "想找什么工作" }).fill(tag);
    await page.getByRole("button", { name: "搜索" }).click();
    await poll(async () => (await titles()).length).toBe(3);

    const tabs = page.locator("#channel-tabs");
    expect(await tabs.getByRole("button").allTextContents()).toEqual(
      expect.arrayContaining([
        "全部",
        "零工",
        "帮扶车间",
        "粤桂劳务协作",
        "公益性岗位",
        "区内企业岗位",
      ]),
    );
    await tabs.getByRole("button", { name: "零工" }).click();
    await poll(titles).toEqual([`${tag} 采茶日工`]);
    await tabs.getByRole("button", { name: "帮扶车间" }).click();
    await poll(titles).toEqual([`${tag} 竹编车间`]);
    await tabs.getByRole("button", { name: "全部" }).click();
    await poll(async () => (await titles()).length).toBe(3);

    await page.getByLabel("月薪不低于（元，可以不填）").fill("4000");
    await page.getByRole("button", { name: "搜索" }).click();
    await poll(titles).toEqual([`${tag} 油茶厂`]);
    // 日薪 150 × 22 = 3,300 a month: in at 3,000.
    await page.getByLabel("月薪不低于（元，可以不填）").fill("3000");
    await page.getByRole("button", { name: "搜索" }).click();
    await poll(async () => (await titles()).sort()).toEqual(
      [`${tag} 采茶日工`, `${tag} 油茶厂`, `${tag} 竹编车间`].sort(),
    );
    await tabs.getByRole("button", { name: "零工" }).click();
    await poll(titles).toEqual([`${tag} 采茶日工`]);
    expect(await layoutProblems(page, 18, 56)).toEqual([]);
    expect(await latinOnScreen(page)).toEqual([]);
    await screenshot(page, "h5-search-tabs", { fullPage: true });
    expect(errors).toEqual([]);
  });
});
