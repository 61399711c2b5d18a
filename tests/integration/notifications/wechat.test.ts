import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAliyunSmsNotifier } from "../../../src/modules/notifications/aliyun-sms";
import { recommendationMessage } from "../../../src/modules/notifications/messages";
import { fallbackChain, type Notifier } from "../../../src/modules/notifications/notifier";
import { createWechatSubscribeNotifier } from "../../../src/modules/notifications/wechat-subscribe";
import { createHarness, type Harness } from "../../support/harness";
import { type FakeSms, type FakeWechat, fakeAliyunSms, fakeWechat } from "./fakes";

let h: Harness;
let wx: FakeWechat;
let sms: FakeSms;
let prefix: string;

beforeAll(async () => {
  h = await createHarness();
  wx = await fakeWechat("wx-app", "wx-secret");
  wx.addUser("openid-1");
  wx.addUser("openid-of-mini-program", "wx-mini-program");
  sms = await fakeAliyunSms("ak-id", "ak-secret");
});
afterAll(async () => {
  await wx.close();
  await sms.close();
  await h.close();
});
beforeEach(() => {
  // A fresh key prefix per test: each starts with an empty token cache.
  prefix = `${h.config.QUEUE_PREFIX}-${randomUUID().slice(0, 8)}`;
  wx.tokenFetches = 0;
  wx.sends.length = 0;
  wx.script.length = 0;
  sms.requests.length = 0;
});

const wechat = (over = {}): Notifier =>
  createWechatSubscribeNotifier(h.deps.redis, {
    baseUrl: wx.baseUrl,
    appId: "wx-app",
    appSecret: "wx-secret",
    templateId: "tpl-job",
    keyPrefix: prefix,
    ...over,
  });
const smsNotifier = () =>
  createAliyunSmsNotifier({
    baseUrl: sms.baseUrl,
    accessKeyId: "ak-id",
    accessKeySecret: "ak-secret",
    signName: "岗通",
    templateCode: "SMS_100001",
  });

const message = (over: { openId?: string | null; phone?: string | null } = {}) =>
  recommendationMessage({
    ref: `round-${randomUUID()}`,
    openId: "openid-1",
    phone: "13800138000",
    count: 5,
    topJobTitle: "恭城县莲花镇帮扶车间电子装配普工",
    topReason: "距家 3 公里 · 月薪 3,000–3,800 元",
    page: "https://gangtong.example.cn/h5/",
    ...over,
  });

describe("WeChat subscribe notifications (official account bizsend)", () => {
  it("fetches the access token once and reuses it from Redis for many sends", async () => {
    const n = wechat();
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await n.send(message()));
    // A second notifier (another worker process) shares the cached token.
    results.push(await wechat().send(message()));
    expect(results.map((r) => r.status)).toEqual(Array(6).fill("delivered"));
    expect(wx.tokenFetches).toBe(1);
    expect(new Set(wx.sends.map((s) => s.token))).toEqual(new Set(["tok-1"]));
    expect(await h.deps.redis.ttl(`${prefix}:wechat:access-token:wx-app`)).toBeGreaterThan(
      7200 - 400,
    );
  });

  it("fetches one token when many sends start with an empty cache at once", async () => {
    const n = wechat();
    const results = await Promise.all(Array.from({ length: 8 }, () => n.send(message())));
    expect(results.every((r) => r.status === "delivered")).toBe(true);
    expect(wx.tokenFetches).toBe(1);
  });

  it("sends the documented request shape, values cut to WeChat's 20-character limit", async () => {
    const r = await wechat().send(message());
    expect(r).toMatchObject({
      status: "delivered",
      provider: "wechat",
      providerMessageId: expect.any(String),
    });
    expect(wx.sends[0]!.body).toEqual({
      touser: "openid-1",
      template_id: "tpl-job",
      page: "https://gangtong.example.cn/h5/",
      data: {
        thing1: { value: "恭城县莲花镇帮扶车间电子装配普工" },
        thing2: { value: "距家 3 公里 · 月薪 3,000–…" },
        number3: { value: "5" },
        thing4: { value: "点击查看全部推荐岗位" },
      },
    });
  });

  it("refreshes an expired token once and retries the send", async () => {
    const n = wechat();
    expect((await n.send(message())).status).toBe("delivered");
    wx.expireTokens();
    const r = await n.send(message());
    expect(r.status).toBe("delivered");
    expect(wx.tokenFetches).toBe(2);
    expect(wx.sends.map((s) => s.token)).toEqual(["tok-1", "tok-1", "tok-2"]);
  });

  it("43101 (not subscribed) falls back to SMS, which the fake server accepts as correctly signed", async () => {
    wx.script.push({ body: { errcode: 43101, errmsg: "user refuse to accept the msg" } });
    const r = await fallbackChain([wechat(), smsNotifier()]).send(message());
    expect(r).toMatchObject({
      status: "delivered",
      provider: "sms",
      providerMessageId: "biz-1",
      fellBackFrom: [{ provider: "wechat", code: "43101" }],
    });
    expect(sms.requests).toHaveLength(1);
    expect(sms.requests[0]!.signatureOk).toBe(true);
    expect(sms.requests[0]!.query).toMatchObject({
      PhoneNumbers: "13800138000",
      SignName: "岗通",
      TemplateCode: "SMS_100001",
    });
    expect(JSON.parse(sms.requests[0]!.query.TemplateParam!)).toEqual({
      count: "5",
      job: "恭城县莲花镇帮扶车间电子装配普工",
    });
  });

  it("an openid of another app (40003) falls back to SMS", async () => {
    const r = await fallbackChain([wechat(), smsNotifier()]).send(
      message({ openId: "openid-of-mini-program" }),
    );
    expect(r).toMatchObject({
      status: "delivered",
      provider: "sms",
      fellBackFrom: [{ provider: "wechat", code: "40003" }],
    });
    expect(wx.sends.at(-1)!.body.touser).toBe("openid-of-mini-program");
  });

  it("a person with no subscription left goes to SMS without calling WeChat", async () => {
    const m = message();
    const r = await fallbackChain([wechat(), smsNotifier()]).send({
      ...m,
      to: { ...m.to, wechatSubscribed: false },
    });
    expect(r).toMatchObject({
      status: "delivered",
      provider: "sms",
      fellBackFrom: [{ provider: "wechat", code: "NOT_SUBSCRIBED" }],
    });
    expect(wx.sends).toHaveLength(0);
  });

  it("a person without WeChat goes straight to SMS, without calling WeChat", async () => {
    const r = await fallbackChain([wechat(), smsNotifier()]).send(message({ openId: null }));
    expect(r).toMatchObject({
      status: "delivered",
      provider: "sms",
      fellBackFrom: [{ provider: "wechat", code: "NO_OPENID" }],
    });
    expect(wx.sends).toHaveLength(0);
  });

  it("nobody reachable: failed, not retryable", async () => {
    const r = await fallbackChain([wechat(), smsNotifier()]).send(
      message({ openId: null, phone: null }),
    );
    expect(r).toMatchObject({ status: "failed", error: { code: "NO_CHANNEL", retryable: false } });
  });

  it.each([
    [{ body: { errcode: 45009, errmsg: "reach max api daily quota limit" } }, "45009", true],
    [{ body: { errcode: 45011, errmsg: "api minute-quota reach limit" } }, "45011", true],
    [{ status: 502, body: { error: "bad gateway" } }, "HTTP_502", true],
    [{ body: { errcode: 47003, errmsg: "argument invalid! data.thing1.value" } }, "47003", false],
  ])("maps %j to a failure %s (retryable: %s) without falling back to SMS", async (script, code, retryable) => {
    wx.script.push(script);
    const r = await fallbackChain([wechat(), smsNotifier()]).send(message());
    expect(r).toMatchObject({ status: "failed", provider: "wechat", error: { code, retryable } });
    expect(sms.requests).toHaveLength(0);
  });

  it("a wrong app secret is a non-retryable failure naming WeChat's code", async () => {
    const r = await wechat({ appSecret: "wrong" }).send(message());
    expect(r).toMatchObject({ status: "failed", error: { code: "TOKEN_40125", retryable: false } });
  });

  it("an unreachable server is retryable", async () => {
    const r = await wechat({ baseUrl: "http://127.0.0.1:1" }).send(message());
    expect(r).toMatchObject({ status: "failed", error: { retryable: true } });
  });
});
