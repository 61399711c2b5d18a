import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeLabourer, VILLAGES } from "../integration/training/factory";
import { type E2e, poll, screenshot, startE2e } from "./browser";
import { openJobs, recordingOtp, requestCode, signInH5, trainedLabourer } from "./fixtures";

/** The H5 session: kept across tabs and visits, really ended by 退出; and the phone step (issue 16). */
const { sent, otpSender } = recordingOtp();

let e: E2e;
beforeAll(async () => {
  e = await startE2e({ overrides: { otpSender } });
});
afterAll(async () => {
  await e?.close();
});

describe("H5 session", () => {
  it("stays signed in after a reload and in a second tab; 退出 in one tab signs the other out too", async () => {
    const labourer = await makeLabourer(e.h, {
      villageCode: VILLAGES.gongcheng2,
      workIntention: "local",
    });
    const { context, page, errors } = await e.phone();
    await signInH5(page, sent, labourer.input.phone);
    const codesAfterSignIn = sent.length;

    await page.reload();
    await page.locator("#tabs").waitFor();
    expect(await page.locator("#signin").isHidden()).toBe(true);

    // A WeChat or SMS link opens a new tab: no second code.
    const second = await context.newPage();
    await second.goto("/h5/");
    await second.locator("#tabs").waitFor();
    await poll(() => second.locator("#recs-list").textContent()).toContain("培训合格后");
    expect(sent.length).toBe(codesAfterSignIn);

    // 退出 in the second tab asks the server to end the session (ignored while the route is missing).
    const logout = second.waitForRequest(
      (r) => r.url().endsWith("/api/v1/auth/logout") && r.method() === "POST",
    );
    await second.getByRole("button", { name: "退出" }).click();
    await logout;
    await second.locator("#phone-form").waitFor();
    expect(await second.getByRole("textbox", { name: "手机号" }).inputValue()).toBe("");

    // The first tab follows: at once (the storage event), or at its next API call (我的推荐 reloads the list).
    if (await page.locator("#tab-recs").isVisible())
      await page
        .locator("#tab-recs")
        .click({ timeout: 2_000 })
        .catch(() => {});
    await page.locator("#phone-form").waitFor();
    expect(await page.evaluate("localStorage.getItem('gt.h5.session')")).toBeNull();
    expect(errors).toEqual([]);
  });

  it("drops an expired session and says so", async () => {
    const labourer = await makeLabourer(e.h, {
      villageCode: VILLAGES.gongcheng2,
      workIntention: "local",
    });
    const { page } = await e.phone();
    await signInH5(page, sent, labourer.input.phone);
    // The page's next API call may find the expired session first and start the page afresh
    // itself (location.replace) while a reload from outside is in flight: Chromium then detaches
    // the page under page.reload(). So the page reloads itself in the same step, and either
    // navigation must end on the same notice.
    await page
      .evaluate(`(() => {
        const s = JSON.parse(localStorage.getItem("gt.h5.session"));
        s.expiresAt = Date.now() - 1000;
        localStorage.setItem("gt.h5.session", JSON.stringify(s));
        setTimeout(() => location.reload(), 0);
      })()`)
      .catch((err: Error) => {
        if (!/Execution context was destroyed|navigat/i.test(err.message)) throw err;
      });
    await page.waitForLoadState();
    await poll(() => page.getByRole("alert").textContent()).toBe("登录已过期，请重新登录");
    expect(await page.evaluate("localStorage.getItem('gt.h5.session')")).toBeNull();
  });

  it("signs out into a fresh page: the next person sees no word, list or number of the previous one", async () => {
    await openJobs(e.h);
    const { labourer: first } = await trainedLabourer(e.h);
    const next = await makeLabourer(e.h, {
      name: "黄桂芳",
      villageCode: VILLAGES.gongcheng2,
      workIntention: "local",
    });
    const { page, errors } = await e.phone();
    await signInH5(page, sent, first.input.phone);
    await page.locator("#recs-list article.card").first().waitFor();
    await page.getByRole("button", { name: "找工作" }).click();
    await page.getByRole("searchbox", { name: "想找什么工作" }).fill("育婴员");
    await page.getByRole("button", { name: "搜索" }).click();
    await poll(() => page.locator("#search-list article").count()).toBeGreaterThan(0);

    await page.getByRole("button", { name: "退出" }).click();
    await page.locator("#phone-form").waitFor();
    expect(await page.getByRole("textbox", { name: "手机号" }).inputValue()).toBe("");

    const code = await requestCode(page, sent, next.input.phone);
    await page.getByRole("textbox", { name: "验证码" }).fill(code);
    await page.getByRole("button", { name: "登录" }).click();
    await poll(() => page.locator("#recs-list").textContent()).toContain("培训合格后");
    expect(await page.locator("#recs-list article").count()).toBe(0);
    expect(await page.locator("#tab-recs").getAttribute("aria-current")).toBe("page");
    await page.getByRole("button", { name: "找工作" }).click();
    expect(await page.getByRole("searchbox", { name: "想找什么工作" }).inputValue()).toBe("");
    expect(errors).toEqual([]);
  });
});

describe("H5 phone step", () => {
  it("tells every number the same thing, and 换个号码 goes back to correct a mistyped one", async () => {
    const labourer = await makeLabourer(e.h, {
      villageCode: VILLAGES.gongcheng2,
      workIntention: "local",
    });
    const { page, errors } = await e.phone();
    await page.goto("/h5/");
    const mistyped = "13812345678";
    const before = sent.length;
    await page.getByRole("textbox", { name: "手机号" }).fill(mistyped);
    await page.getByRole("button", { name: "获取验证码" }).click();
    await poll(() => page.locator("#code-sent").textContent()).toContain(
      "如果该号码已登记，验证码会发到 138****5678；没有登记请联系村里的帮扶干部",
    );
    expect(sent.slice(before).some((s) => s.phone === mistyped)).toBe(false);
    await screenshot(page, "h5-code-step");

    await page.getByRole("button", { name: "换个号码" }).click();
    await page.locator("#phone-form").waitFor();
    expect(await page.locator("#code-form").isHidden()).toBe(true);
    expect(await page.getByRole("textbox", { name: "手机号" }).inputValue()).toBe(mistyped);

    const phone = labourer.input.phone as string;
    const code = await requestCode(page, sent, phone);
    await poll(() => page.locator("#code-sent").textContent()).toContain(
      `如果该号码已登记，验证码会发到 ${phone.slice(0, 3)}****${phone.slice(7)}；没有登记请联系村里的帮扶干部`,
    );
    await page.getByRole("textbox", { name: "验证码" }).fill(code);
    await page.getByRole("button", { name: "登录" }).click();
    await page.locator("#tabs").waitFor();
    expect(errors).toEqual([]);
  });
});
