/**
 * The official account end to end against a fake WeChat on loopback that knows which app each
 * openid belongs to: OAuth sign-in and bind, the JS-SDK signature, a subscription recorded from
 * the page, the push arriving by bizsend, and a push to another app's openid falling to SMS.
 */
import { createHash, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notifications } from "../../../db/schema/notifications";
import { users } from "../../../db/schema/users";
import { systemCtx } from "../../../src/lib/ctx";
import type { OtpSender } from "../../../src/modules/auth/otp-sender";
import { deliverNotification } from "../../../src/modules/notifications/deliver";
import { addWechatSubscriptions } from "../../../src/modules/notifications/subscription-repo";
import { createHarness, type Harness, json } from "../../support/harness";
import { aliyunSmsEnv, type FakeSms, type FakeWechat, fakeAliyunSms, fakeWechat } from "./fakes";
import { insertLabourer } from "./people";

const APP = { id: "wx-official-account", secret: "oa-secret", template: "TPL-JOB" };
const PUBLIC_URL = "https://gangtong.example.cn";
const codes = new Map<string, string>();
const otpSender: OtpSender = { send: async (phone, code) => void codes.set(phone, code) };

let h: Harness;
let wx: FakeWechat;
let sms: FakeSms;

beforeAll(async () => {
  wx = await fakeWechat(APP.id, APP.secret);
  sms = await fakeAliyunSms("ak-id", "ak-secret");
  h = await createHarness({
    env: {
      PUBLIC_URL,
      WECHAT_API_BASE: wx.baseUrl,
      WECHAT_APP_ID: APP.id,
      WECHAT_APP_SECRET: APP.secret,
      WECHAT_OAUTH_AUTHORIZE_URL: `${wx.baseUrl}/connect/oauth2/authorize`,
      WECHAT_TEMPLATE_JOB_RECOMMENDATION: APP.template,
      ...aliyunSmsEnv(sms),
    },
    overrides: { otpSender },
  });
});
afterAll(async () => {
  await h?.close();
  await wx?.close();
  await sms?.close();
});

/** A registered labourer with a sign-in account (no WeChat yet). */
async function person() {
  const { labourerId, phone } = await insertLabourer(h.deps);
  const [u] = await h.deps.db
    .insert(users)
    .values({
      role: "labourer",
      displayName: "莫秀兰",
      phoneHash: h.deps.pii.hash("phone", phone),
      labourerId,
    })
    .returning();
  return { labourerId, userId: u!.id, phone };
}

/** What the browser does in WeChat: authorise (the fake redirects back with a code), then /auth/wechat. */
async function oauthCode(openid: string): Promise<string> {
  wx.signedInAs = openid;
  const url = new URL(`${wx.baseUrl}/connect/oauth2/authorize`);
  url.search = new URLSearchParams({
    appid: APP.id,
    redirect_uri: `${PUBLIC_URL}/h5/`,
    response_type: "code",
    scope: "snsapi_base",
    state: "s1",
  }).toString();
  const res = await fetch(url, { redirect: "manual" });
  expect(res.status).toBe(302);
  const back = new URL(res.headers.get("location")!);
  expect(back.origin + back.pathname).toBe(`${PUBLIC_URL}/h5/`);
  expect(back.searchParams.get("state")).toBe("s1");
  return back.searchParams.get("code")!;
}

async function signInByWechatAndBind(openid: string) {
  const p = await person();
  wx.addUser(openid);
  const first = await json(
    await h.api.post("/api/v1/auth/wechat", { code: await oauthCode(openid) }),
  );
  expect(first.status, JSON.stringify(first.body)).toBe(401);
  expect(first.body.error.code).toBe("WECHAT_NOT_BOUND");
  await h.api.post("/api/v1/auth/otp", { phone: p.phone });
  const bound = await json(
    await h.api.post("/api/v1/auth/otp/verify", {
      phone: p.phone,
      code: codes.get(p.phone),
      wechatBindToken: first.body.error.details.bindToken,
    }),
  );
  expect(bound.status, JSON.stringify(bound.body)).toBe(200);
  const again = await json(
    await h.api.post("/api/v1/auth/wechat", { code: await oauthCode(openid) }),
  );
  expect(again.status, JSON.stringify(again.body)).toBe(200);
  expect(again.body.user.labourerId).toBe(p.labourerId);
  return {
    ...p,
    as: { headers: { authorization: `Bearer ${again.body.token}` }, userId: p.userId },
  };
}

async function push(labourerId: string) {
  const [n] = await h.deps.db
    .insert(notifications)
    .values({
      kind: "round",
      subjectKey: randomUUID(),
      labourerId,
      content: {
        text: "岗通为您推荐了 1 个岗位",
        jobIds: ["7d5c8a1e-1111-4222-8333-944455556666"],
        first: { title: "帮扶车间普工", reason: "离家近" },
      },
    })
    .returning();
  const outcome = await deliverNotification(systemCtx(h.deps), n!.id);
  const [row] = await h.deps.db.select().from(notifications).where(eq(notifications.id, n!.id));
  return { outcome, row: row! };
}

describe("WeChat official account", () => {
  it("tells the page whether WeChat sign-in is on, with the app id and authorise address", async () => {
    const { status, body } = await json(await h.api.get("/api/v1/wechat/config"));
    expect(status).toBe(200);
    expect(body).toEqual({
      enabled: true,
      appId: APP.id,
      authorizeUrl: `${wx.baseUrl}/connect/oauth2/authorize`,
      templates: [APP.template],
    });
  });

  it("signs in by OAuth, binds with the phone code once, then needs WeChat alone", async () => {
    await signInByWechatAndBind(`o-${randomUUID()}`);
  });

  it("signs the JS-SDK config for our own pages with the cached jsapi_ticket, refuses other sites", async () => {
    const url = `${PUBLIC_URL}/h5/?from=wx`;
    const a = await json(
      await h.api.get(`/api/v1/wechat/js-config?url=${encodeURIComponent(url)}`),
    );
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    const plain = `jsapi_ticket=${wx.ticket}&noncestr=${a.body.nonceStr}&timestamp=${a.body.timestamp}&url=${url}`;
    expect(a.body.signature).toBe(createHash("sha1").update(plain).digest("hex"));
    expect(a.body.appId).toBe(APP.id);
    await h.api.get(`/api/v1/wechat/js-config?url=${encodeURIComponent(url)}`);
    expect(wx.ticketFetches).toBe(1);
    const bad = await json(
      await h.api.get(
        `/api/v1/wechat/js-config?url=${encodeURIComponent("https://evil.example.com/h5/")}`,
      ),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: "VALIDATION_FAILED", field: "url" });
    expect(bad.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it("a subscribed person's push arrives by bizsend, opening the H5; with none left it goes by SMS", async () => {
    const p = await signInByWechatAndBind(`o-${randomUUID()}`);
    const before = await json(await h.api.get("/api/v1/wechat/subscriptions", p.as));
    expect(before.body).toEqual({
      bound: true,
      subscriptions: [{ templateId: APP.template, remaining: 0 }],
    });
    const sub = await json(
      await h.api.post("/api/v1/wechat/subscriptions", { accepted: [APP.template] }, p.as),
    );
    expect(sub.body.subscriptions).toEqual([{ templateId: APP.template, remaining: 1 }]);

    const sends = wx.sends.length;
    const first = await push(p.labourerId);
    expect(first.row).toMatchObject({ status: "delivered", provider: "wechat" });
    expect(wx.sends.length).toBe(sends + 1);
    expect(wx.sends.at(-1)!.body).toMatchObject({
      template_id: APP.template,
      page: `${PUBLIC_URL}/h5/#job/7d5c8a1e-1111-4222-8333-944455556666`,
      data: { thing1: { value: "帮扶车间普工" } },
    });

    // The one subscription is used up: the next push goes by SMS without asking WeChat.
    const smsBefore = sms.requests.length;
    const second = await push(p.labourerId);
    expect(second.row).toMatchObject({ status: "fallback", provider: "sms" });
    expect(second.row.lastError).toBeNull();
    expect(wx.sends.length).toBe(sends + 1);
    expect(sms.requests.length).toBe(smsBefore + 1);
  });

  it("WeChat's 43101 (refused or used up) clears every subscription the person had left", async () => {
    const p = await signInByWechatAndBind(`o-${randomUUID()}`);
    for (let i = 0; i < 2; i++)
      await h.api.post("/api/v1/wechat/subscriptions", { accepted: [APP.template] }, p.as);
    const two = await json(await h.api.get("/api/v1/wechat/subscriptions", p.as));
    expect(two.body.subscriptions).toEqual([{ templateId: APP.template, remaining: 2 }]);

    wx.script.push({ body: { errcode: 43101, errmsg: "user refuse to accept the msg" } });
    const smsBefore = sms.requests.length;
    const r = await push(p.labourerId);
    expect(r.row).toMatchObject({ status: "fallback", provider: "sms" });
    expect(sms.requests.length).toBe(smsBefore + 1);
    const none = await json(await h.api.get("/api/v1/wechat/subscriptions", p.as));
    expect(none.body.subscriptions).toEqual([{ templateId: APP.template, remaining: 0 }]);
  });

  it("an openid of another app (a mini program's) is refused by WeChat (40003) and the push goes by SMS", async () => {
    const p = await person();
    const foreign = `o-mini-${randomUUID()}`;
    wx.addUser(foreign, "wx-some-mini-program");
    await h.deps.db.update(users).set({ wechatOpenid: foreign }).where(eq(users.id, p.userId));
    // Even with a subscription recorded, WeChat refuses an openid that is not the account's.
    await addWechatSubscriptions(h.deps.db, foreign, [APP.template], new Date());
    const smsBefore = sms.requests.length;
    const r = await push(p.labourerId);
    expect(r.row).toMatchObject({ status: "fallback", provider: "sms" });
    expect(wx.sends.at(-1)!.body.touser).toBe(foreign);
    expect(sms.requests.length).toBe(smsBefore + 1);
  });

  it("refuses to record a subscription for an account without WeChat, or an unknown template", async () => {
    const p = await person();
    const as = await h.as.user("labourer", { labourerId: null });
    const none = await json(
      await h.api.post("/api/v1/wechat/subscriptions", { accepted: [APP.template] }, as),
    );
    expect(none.status).toBe(409);
    expect(none.body.error.code).toBe("WECHAT_OPENID_MISSING");
    const bound = await signInByWechatAndBind(`o-${randomUUID()}`);
    const unknown = await json(
      await h.api.post("/api/v1/wechat/subscriptions", { accepted: ["TPL-OTHER"] }, bound.as),
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: "VALIDATION_FAILED", field: "accepted" });
    expect(p.labourerId).toBeTruthy();
  });
});
