/**
 * The H5 page inside WeChat (a MicroMessenger user agent) against a fake WeChat on loopback:
 * snsapi_base OAuth there and back, the state check, the phone code asked once to bind, WeChat
 * alone on the next visit, and 微信提醒 recorded with the API as h5-wechat.js does (docs/WECHAT.md).
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeWechat, fakeWechat } from "../integration/notifications/fakes";
import { makeLabourer, VILLAGES } from "../integration/training/factory";
import { type E2e, freePort, poll, screenshot, startE2e } from "./browser";
import { latinOnScreen, recordingOtp, requestCode } from "./fixtures";

const APP = { id: "wx-official-account", secret: "oa-secret", template: "TPL-JOB" };
/** WeChat's in-app browser on Android, as WeChat sends it. */
const WECHAT_UA =
  "Mozilla/5.0 (Linux; Android 10; V2001A Build/QP1A.190711.020; wv) AppleWebKit/537.36 " +
  "(KHTML, like Gecko) Version/4.0 Chrome/107.0.5304.141 Mobile Safari/537.36 XWEB/5061 " +
  "MMWEBSDK/20230303 MMWEBID/5143 MicroMessenger/8.0.34.2340(0x28002234) WeChat/arm64 " +
  "Weixin NetType/WIFI Language/zh_CN ABI/arm64";

const { sent, otpSender } = recordingOtp();
let e: E2e;
let wx: FakeWechat;

beforeAll(async () => {
  wx = await fakeWechat(APP.id, APP.secret);
  // PUBLIC_URL is the app's own address: the JS-SDK signature is only given for our own pages.
  const port = await freePort();
  e = await startE2e(
    {
      env: {
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        WECHAT_API_BASE: wx.baseUrl,
        WECHAT_APP_ID: APP.id,
        WECHAT_APP_SECRET: APP.secret,
        WECHAT_OAUTH_AUTHORIZE_URL: `${wx.baseUrl}/connect/oauth2/authorize`,
        WECHAT_TEMPLATE_JOB_RECOMMENDATION: APP.template,
      },
      overrides: { otpSender },
    },
    { port },
  );
});
afterAll(async () => {
  await e?.close();
  await wx?.close();
});

const inWechat = () => e.phone({ userAgent: WECHAT_UA });

/** Records the page's trips to WeChat's authorise page (the query each one carried). */
function authorisations(page: import("playwright-core").Page) {
  const seen: URL[] = [];
  page.on("request", (r) => {
    const u = new URL(r.url());
    if (u.pathname === "/connect/oauth2/authorize") seen.push(u);
  });
  return seen;
}

describe("H5 inside WeChat", () => {
  it("goes to WeChat for snsapi_base, binds with one phone code, and next time signs in by WeChat alone", async () => {
    const labourer = await makeLabourer(e.h, {
      name: "莫秀兰",
      villageCode: VILLAGES.gongcheng2,
      workIntention: "local",
    });
    const openid = `o-${randomUUID()}`;
    wx.addUser(openid);
    wx.signedInAs = openid;

    const { page, errors } = await inWechat();
    const trips = authorisations(page);
    const wechatCalls: number[] = [];
    page.on("response", (r) => {
      if (r.url().endsWith("/api/v1/auth/wechat")) wechatCalls.push(r.status());
    });
    await page.goto("/h5/");
    // Back from WeChat, not bound yet: the phone code, once, to bind.
    await poll(() => page.locator("#signin-title").textContent()).toBe(
      "第一次用微信打开，请验证一次手机号",
    );
    expect(trips).toHaveLength(1);
    const q = trips[0]!.searchParams;
    expect(q.get("appid")).toBe(APP.id);
    expect(q.get("scope")).toBe("snsapi_base");
    expect(q.get("response_type")).toBe("code");
    expect(q.get("redirect_uri")).toBe(`${e.server.url}/h5/`);
    expect(q.get("state")).toMatch(/^[0-9a-f]{32}$/);
    expect(wechatCalls).toEqual([401]);
    // The code and state left the address bar.
    expect(new URL(page.url()).search).toBe("");
    expect(await page.locator("#wx-bind-hint").isVisible()).toBe(true);
    expect(await latinOnScreen(page)).toEqual([]);
    await screenshot(page, "h5-wechat-bind");

    const code = await requestCode(page, sent, labourer.input.phone);
    const verify = page.waitForRequest((r) => r.url().endsWith("/api/v1/auth/otp/verify"));
    await page.getByRole("textbox", { name: "验证码" }).fill(code);
    await page.getByRole("button", { name: "登录" }).click();
    expect(JSON.parse((await verify).postData() ?? "{}").wechatBindToken).toBeTruthy();
    await page.locator("#tabs").waitFor();
    const codesSent = sent.length;

    // A second visit on another phone session (nothing stored): WeChat alone, no code.
    const second = await inWechat();
    const secondTrips = authorisations(second.page);
    await second.page.goto("/h5/");
    await second.page.locator("#tabs").waitFor();
    expect(secondTrips).toHaveLength(1);
    expect(await second.page.locator("#signin").isHidden()).toBe(true);
    expect(sent.length).toBe(codesSent);
    const me = await second.page.evaluate(`(async () => {
      const s = JSON.parse(localStorage.getItem("gt.h5.session"));
      const r = await fetch("/api/v1/me", { headers: { authorization: "Bearer " + s.token } });
      return r.json();
    })()`);
    expect((me as { labourerId: string }).labourerId).toBe(labourer.id);
    expect(errors).toEqual([]);
    expect(second.errors).toEqual([]);
  });

  it("refuses a tampered state in Chinese and never sends that code to the API", async () => {
    const openid = `o-${randomUUID()}`;
    wx.addUser(openid);
    wx.signedInAs = openid;
    const { page, errors } = await inWechat();
    await page.route(`${wx.baseUrl}/connect/oauth2/authorize**`, async (route) => {
      const res = await route.fetch({ maxRedirects: 0 });
      const back = new URL(res.headers().location!);
      back.searchParams.set("state", "0".repeat(32));
      await route.fulfill({ status: 302, headers: { location: back.toString() } });
    });
    const wechatCalls: string[] = [];
    page.on("request", (r) => {
      if (r.url().endsWith("/api/v1/auth/wechat")) wechatCalls.push(r.url());
    });
    await page.goto("/h5/");
    await poll(() => page.locator("#signin-error").textContent()).toBe(
      "微信登录没有成功，请用手机号登录",
    );
    expect(await page.locator("#phone-form").isVisible()).toBe(true);
    expect(new URL(page.url()).search).toBe("");
    expect(wechatCalls).toEqual([]);
    // One automatic trip per tab: a reload does not bounce to WeChat again.
    await page.reload();
    await page.locator("#phone-form").waitFor();
    expect(await latinOnScreen(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("offers 微信提醒 and records what the person allowed with the subscriptions API", async () => {
    const labourer = await makeLabourer(e.h, {
      villageCode: VILLAGES.gongcheng2,
      workIntention: "local",
    });
    const openid = `o-${randomUUID()}`;
    wx.addUser(openid);
    wx.signedInAs = openid;
    const { page, errors } = await inWechat();
    await page.goto("/h5/");
    await page.locator("#wx-bind-hint").waitFor();
    const code = await requestCode(page, sent, labourer.input.phone);
    const mine = page.waitForResponse(
      (r) => r.url().endsWith("/api/v1/wechat/subscriptions") && r.request().method() === "GET",
    );
    const signature = page.waitForResponse((r) => r.url().includes("/api/v1/wechat/js-config"));
    await page.getByRole("textbox", { name: "验证码" }).fill(code);
    await page.getByRole("button", { name: "登录" }).click();
    await page.locator("#tabs").waitFor();
    const listed = await (await mine).json();
    expect(listed.bound).toBe(true);
    expect(listed.subscriptions).toEqual([expect.objectContaining({ remaining: 0 })]);
    // The JS-SDK signature for this very page (without its #…), from our own API.
    const sig = await signature;
    expect(sig.status()).toBe(200);
    expect(new URL(sig.url()).searchParams.get("url")).toBe(`${e.server.url}/h5/`);
    // The SDK (our /web/jweixin.js) is on window.wx and configured; a failure would hide the box.
    await poll(() => page.evaluate("typeof (window.wx && window.wx.config)")).toBe("function");
    await page.waitForLoadState("networkidle");
    expect(await page.locator("#wx-subscribe").isVisible()).toBe(true);
    expect(await page.locator("#wx-subscribe-tag").getAttribute("template")).toBe(APP.template);
    await screenshot(page, "h5-wechat-subscribe");

    // WeChat's tag answers 允许 (outside WeChat the tag cannot render: its event is sent here).
    const recorded = page.waitForRequest(
      (r) => r.url().endsWith("/api/v1/wechat/subscriptions") && r.method() === "POST",
    );
    await page.evaluate(`document.getElementById("wx-subscribe-tag").dispatchEvent(
      new CustomEvent("success", { detail: { subscribeDetails: JSON.stringify({
        ${JSON.stringify(APP.template)}: JSON.stringify({ status: "accept" }) }) } }))`);
    expect(JSON.parse((await recorded).postData() ?? "{}")).toEqual({ accepted: [APP.template] });
    await poll(() => page.locator("#wx-subscribe-status").textContent()).toBe(
      "好了，有新工作会在微信里告诉您",
    );
    const after = (await page.evaluate(`(async () => {
      const s = JSON.parse(localStorage.getItem("gt.h5.session"));
      const r = await fetch("/api/v1/wechat/subscriptions", { headers: { authorization: "Bearer " + s.token } });
      return { body: await r.json() };
    })()`)) as { body: { subscriptions: unknown[] } };
    expect(after.body.subscriptions).toEqual([
      expect.objectContaining({ templateId: APP.template, remaining: 1 }),
    ]);
    expect(errors).toEqual([]);
  });
});
