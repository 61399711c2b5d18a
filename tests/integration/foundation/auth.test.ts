import { randomInt, randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { otpCodes, users } from "../../../db/schema/users";
import { freePort } from "../../../scripts/lib/processes";
import { createApp } from "../../../src/app";
import { issueSession, signPurpose } from "../../../src/lib/auth";
import { hashPassword } from "../../../src/lib/crypto";
import type { OtpSender } from "../../../src/modules/auth/otp-sender";
import { createWechatOAuth } from "../../../src/modules/auth/wechat";
import { createHarness, type Harness, json } from "../../support/harness";

const PASSWORD = "Correct-Horse-9";
const APP_ID = "wx-test-app";
const APP_SECRET = "wx-test-secret";

/** The recording fake of the SMS gateway: every code "sent", by phone. */
const sent: { phone: string; code: string }[] = [];
const otpSender: OtpSender = {
  send: async (phone, code) => {
    sent.push({ phone, code });
  },
};
const codesFor = (phone: string) => sent.filter((s) => s.phone === phone).map((s) => s.code);

/** The test's clock: every service call reads it through deps.now. */
let clockOffsetMs = 0;
const now = () => new Date(Date.now() + clockOffsetMs);

/** A loopback stand-in for api.weixin.qq.com's web-page OAuth code exchange. */
const wechatCodes = new Map<string, string>();
const wechatRequests: URLSearchParams[] = [];
let wechat: Server;
let wechatBase: string;

let h: Harness;
let passwordHash: string;

beforeAll(async () => {
  wechat = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    wechatRequests.push(url.searchParams);
    res.setHeader("content-type", "application/json");
    if (req.method !== "GET" || url.pathname !== "/sns/oauth2/access_token") {
      res.statusCode = 404;
      res.end(JSON.stringify({ errcode: 404 }));
      return;
    }
    const q = url.searchParams;
    if (q.get("appid") !== APP_ID || q.get("secret") !== APP_SECRET) {
      res.end(JSON.stringify({ errcode: 40125, errmsg: "invalid appsecret" }));
      return;
    }
    const openid = wechatCodes.get(q.get("code") ?? "");
    if (q.get("grant_type") !== "authorization_code" || !openid) {
      res.end(JSON.stringify({ errcode: 40029, errmsg: "invalid code" }));
      return;
    }
    wechatCodes.delete(q.get("code")!); // WeChat codes are single use
    res.end(
      JSON.stringify({
        openid,
        access_token: `at-${randomUUID()}`,
        expires_in: 7200,
        scope: "snsapi_base",
      }),
    );
  });
  await new Promise<void>((r) => wechat.listen(0, "127.0.0.1", () => r()));
  wechatBase = `http://127.0.0.1:${(wechat.address() as AddressInfo).port}`;

  h = await createHarness({
    env: { WECHAT_API_BASE: wechatBase, WECHAT_APP_ID: APP_ID, WECHAT_APP_SECRET: APP_SECRET },
    overrides: { otpSender, now },
  });
  passwordHash = await hashPassword(PASSWORD);
});

afterAll(async () => {
  await h?.close();
  await new Promise((r) => wechat?.close(r));
});

beforeEach(() => {
  clockOffsetMs = 0;
});

const randomPhone = () => `138${String(randomInt(0, 100_000_000)).padStart(8, "0")}`;

async function staff(fields: Partial<typeof users.$inferInsert> = {}) {
  const username = `staff_${randomUUID().slice(0, 10)}`;
  const [u] = await h.deps.db
    .insert(users)
    .values({
      username,
      passwordHash,
      role: "bureau",
      displayName: "恭城县就业服务中心",
      regionCode: "450332",
      ...fields,
    })
    .returning();
  return u!;
}

async function labourer(phone: string, fields: Partial<typeof users.$inferInsert> = {}) {
  const [u] = await h.deps.db
    .insert(users)
    .values({
      role: "labourer",
      displayName: "莫秀兰",
      phoneHash: h.deps.pii.hash("phone", phone),
      ...fields,
    })
    .returning();
  return u!;
}

const login = (username: string, password: string) =>
  h.api.post("/api/v1/auth/login", { username, password });
const requestCode = (phone: string) => h.api.post("/api/v1/auth/otp", { phone });
const verifyCode = (phone: string, code: string, wechatBindToken?: string) =>
  h.api.post("/api/v1/auth/otp/verify", {
    phone,
    code,
    ...(wechatBindToken ? { wechatBindToken } : {}),
  });
const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` }, userId: "" });

describe("password login", () => {
  it("signs a staff user in and the token reaches /api/v1/me", async () => {
    const u = await staff();
    const { status, body } = await json(await login(u.username!.toUpperCase(), PASSWORD));
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({
      expiresIn: h.config.JWT_TTL_SECONDS,
      user: { id: u.id, role: "bureau", regionCode: "450332" },
    });
    const me = await json(await h.api.get("/api/v1/me", bearer(body.token)));
    expect(me.status, JSON.stringify(me.body)).toBe(200);
    expect(me.body).toEqual({
      id: u.id,
      role: "bureau",
      displayName: "恭城县就业服务中心",
      regionCode: "450332",
      employerId: null,
      labourerId: null,
    });
    const [row] = await h.deps.db.select().from(users).where(eq(users.id, u.id));
    expect(row!.lastLoginAt).toBeInstanceOf(Date);
  });

  it("answers a wrong password and an unknown user with the same 401 INVALID_CREDENTIALS", async () => {
    const u = await staff();
    const wrong = await json(await login(u.username!, "not-the-password"));
    const unknown = await json(await login(`nobody_${randomUUID().slice(0, 8)}`, PASSWORD));
    expect(wrong.status, JSON.stringify(wrong.body)).toBe(401);
    expect(unknown.status, JSON.stringify(unknown.body)).toBe(401);
    expect(wrong.body.error.code).toBe("INVALID_CREDENTIALS");
    expect(unknown.body).toEqual(wrong.body);
  });

  it("refuses a disabled account with 403 ACCOUNT_DISABLED, but only to the right password", async () => {
    const u = await staff({ disabledAt: new Date() });
    const right = await json(await login(u.username!, PASSWORD));
    expect(right.status, JSON.stringify(right.body)).toBe(403);
    expect(right.body.error.code).toBe("ACCOUNT_DISABLED");
    expect((await json(await login(u.username!, "guess-guess"))).body.error.code).toBe(
      "INVALID_CREDENTIALS",
    );
  });

  it("limits repeated failures per account with 429 RATE_LIMITED, even for the right password", async () => {
    const u = await staff();
    for (let i = 0; i < 10; i++) {
      const { status, body } = await json(await login(u.username!, `wrong-${i}`));
      expect(status, `attempt ${i}: ${JSON.stringify(body)}`).toBe(401);
    }
    const { status, body } = await json(await login(u.username!, PASSWORD));
    expect(status, JSON.stringify(body)).toBe(429);
    expect(body.error.code).toBe("RATE_LIMITED");
    expect(body.error.details.retryAfterSeconds).toBeGreaterThan(0);
    // Another account from the same address is not locked by it.
    expect((await login((await staff()).username!, PASSWORD)).status).toBe(200);
  });

  it("does not count successful sign-ins against the limit", async () => {
    const u = await staff();
    for (let i = 0; i < 11; i++)
      expect((await login(u.username!, PASSWORD)).status, `login ${i}`).toBe(200);
  });
});

describe("sessions", () => {
  it("answers an expired session with 401 TOKEN_EXPIRED", async () => {
    const u = await staff();
    const past = new Date(Date.now() - (h.config.JWT_TTL_SECONDS + 60) * 1000);
    const { token } = await issueSession(
      { config: h.config, now: () => past },
      {
        id: u.id,
        role: "bureau",
        regionCode: "450332",
        employerId: null,
        labourerId: null,
      },
    );
    const { status, body } = await json(await h.api.get("/api/v1/me", bearer(token)));
    expect(status, JSON.stringify(body)).toBe(401);
    expect(body.error.code).toBe("TOKEN_EXPIRED");
  });

  it("answers a token signed with another secret with 401 UNAUTHENTICATED", async () => {
    const u = await staff();
    const { token } = await issueSession(
      { config: { ...h.config, secrets: { ...h.config.secrets, jwtSecret: "x".repeat(48) } }, now },
      {
        id: u.id,
        role: "admin",
        regionCode: null,
        employerId: null,
        labourerId: null,
      },
    );
    const { status, body } = await json(await h.api.get("/api/v1/me", bearer(token)));
    expect(status).toBe(401);
    expect(body.error.code).toBe("UNAUTHENTICATED");
  });

  it("refuses a short-lived purpose token (a WeChat bind token) used as a session", async () => {
    const bindToken = await signPurpose(
      { config: h.config, now },
      "wechat-bind",
      { openid: "o-x", sub: randomUUID() },
      600,
    );
    const { status, body } = await json(await h.api.get("/api/v1/me", bearer(bindToken)));
    expect(status).toBe(401);
    expect(body.error.code).toBe("UNAUTHENTICATED");
  });

  it("refuses /api/v1/me for an account disabled after its session was issued", async () => {
    const u = await staff();
    const { body } = await json(await login(u.username!, PASSWORD));
    await h.deps.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, u.id));
    const me = await json(await h.api.get("/api/v1/me", bearer(body.token)));
    expect(me.status, JSON.stringify(me.body)).toBe(403);
    expect(me.body.error.code).toBe("ACCOUNT_DISABLED");
  });
});

describe("phone one-time code", () => {
  it("sends a code to a registered labourer, in any written form of the number, and signs in with it", async () => {
    const u = await labourer("13807712345");
    const req = await json(await requestCode("+86 138-0771-2345"));
    expect(req.status, JSON.stringify(req.body)).toBe(202);
    expect(req.body).toMatchObject({ sent: true, expiresIn: h.config.OTP_TTL_SECONDS });
    const [code] = codesFor("13807712345").slice(-1);
    expect(code).toMatch(/^\d{6}$/);

    const { status, body } = await json(await verifyCode("138 0771 2345", code!));
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.user).toMatchObject({ id: u.id, role: "labourer" });
    expect(body.expiresIn).toBe(h.config.LABOURER_JWT_TTL_SECONDS);
    expect((await h.api.get("/api/v1/me", bearer(body.token))).status).toBe(200);

    const again = await json(await verifyCode("13807712345", code!));
    expect(again.status, JSON.stringify(again.body)).toBe(401);
    expect(again.body.error.code).toBe("OTP_INVALID");
  });

  it("stores only a keyed hash of the code", async () => {
    const phone = randomPhone();
    await labourer(phone);
    await requestCode(phone);
    const [code] = codesFor(phone);
    const rows = await h.deps.db
      .select()
      .from(otpCodes)
      .where(eq(otpCodes.phoneHash, h.deps.pii.hash("phone", phone)));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.codeHash).not.toBe(code);
    expect(rows[0]!.codeHash).not.toContain(code!);
    expect(JSON.stringify(rows)).not.toContain(phone);
  });

  it("counts wrong codes and locks the code after OTP_MAX_ATTEMPTS", async () => {
    const phone = randomPhone();
    await labourer(phone);
    await requestCode(phone);
    const [code] = codesFor(phone);
    const wrong = code === "000000" ? "000001" : "000000";
    for (let i = 0; i < h.config.OTP_MAX_ATTEMPTS; i++) {
      const { status, body } = await json(await verifyCode(phone, wrong));
      expect(status, JSON.stringify(body)).toBe(401);
      expect(body.error).toMatchObject({ code: "OTP_INVALID", field: "code" });
    }
    const locked = await json(await verifyCode(phone, code!));
    expect(locked.status, JSON.stringify(locked.body)).toBe(401);
    expect(locked.body.error.code).toBe("OTP_INVALID");
    const [row] = await h.deps.db
      .select()
      .from(otpCodes)
      .where(eq(otpCodes.phoneHash, h.deps.pii.hash("phone", phone)));
    expect(row!.attempts).toBe(h.config.OTP_MAX_ATTEMPTS);
    expect(row!.consumedAt).toBeNull();
  });

  it("does not let parallel guesses past the attempt limit", async () => {
    const phone = randomPhone();
    await labourer(phone);
    await requestCode(phone);
    const [code] = codesFor(phone);
    const guesses = Array.from({ length: 4 * h.config.OTP_MAX_ATTEMPTS }, (_, i) =>
      String((Number(code) + 1 + i) % 1_000_000).padStart(6, "0"),
    );
    const answers = await Promise.all([...guesses, code!].map((g) => verifyCode(phone, g)));
    const statuses = answers.map((r) => r.status);
    const [row] = await h.deps.db
      .select()
      .from(otpCodes)
      .where(eq(otpCodes.phoneHash, h.deps.pii.hash("phone", phone)));
    expect(row!.attempts).toBeLessThanOrEqual(h.config.OTP_MAX_ATTEMPTS);
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(1);
    expect(
      statuses.every((s) => s === 200 || s === 401),
      statuses.join(","),
    ).toBe(true);
  });

  it("answers OTP_EXPIRED after OTP_TTL_SECONDS", async () => {
    const phone = randomPhone();
    await labourer(phone);
    await requestCode(phone);
    const [code] = codesFor(phone);
    clockOffsetMs = (h.config.OTP_TTL_SECONDS + 1) * 1000;
    const { status, body } = await json(await verifyCode(phone, code!));
    expect(status, JSON.stringify(body)).toBe(401);
    expect(body.error).toMatchObject({ code: "OTP_EXPIRED", field: "code" });
  });

  it("answers 429 after OTP_MAX_PER_HOUR requests for one phone", async () => {
    const phone = randomPhone();
    await labourer(phone);
    for (let i = 0; i < h.config.OTP_MAX_PER_HOUR; i++)
      expect((await requestCode(phone)).status, `request ${i}`).toBe(202);
    const { status, body } = await json(await requestCode(phone));
    expect(status, JSON.stringify(body)).toBe(429);
    expect(body.error.code).toBe("RATE_LIMITED");
    expect(codesFor(phone)).toHaveLength(h.config.OTP_MAX_PER_HOUR);
    // An hour later the phone may ask again.
    clockOffsetMs = 3601 * 1000;
    expect((await requestCode(phone)).status).toBe(202);
  });

  it("gives an unregistered phone the same 202 answer and sends nothing", async () => {
    const registered = randomPhone();
    await labourer(registered);
    const stranger = randomPhone();
    const a = await json(await requestCode(registered));
    const b = await json(await requestCode(stranger));
    expect(b.status).toBe(202);
    expect(b.body).toEqual(a.body);
    expect(codesFor(stranger)).toEqual([]);
    expect(codesFor(registered)).toHaveLength(1);
  });

  it("sends nothing to a disabled labourer and refuses not-a-phone input with 400", async () => {
    const phone = randomPhone();
    await labourer(phone, { disabledAt: new Date() });
    expect((await requestCode(phone)).status).toBe(202);
    expect(codesFor(phone)).toEqual([]);
    const bad = await json(await requestCode("12345678"));
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: "VALIDATION_FAILED", field: "phone" });
  });
});

describe("WeChat OAuth", () => {
  const wechatLogin = (code: string, app = h.app) =>
    app.request("/api/v1/auth/wechat", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ code }),
    });

  it("asks an unbound openid to verify a phone once, binds it, then signs in by WeChat alone", async () => {
    const phone = randomPhone();
    const u = await labourer(phone);
    const openid = `o-${randomUUID()}`;
    wechatCodes.set("code-1", openid);
    const first = await json(await wechatLogin("code-1"));
    expect(first.status, JSON.stringify(first.body)).toBe(401);
    expect(first.body.error.code).toBe("WECHAT_NOT_BOUND");
    const bindToken = first.body.error.details.bindToken as string;
    expect(bindToken).toBeTruthy();
    expect(wechatRequests.at(-1)?.get("grant_type")).toBe("authorization_code");

    await requestCode(phone);
    const [code] = codesFor(phone);
    const bound = await json(await verifyCode(phone, code!, bindToken));
    expect(bound.status, JSON.stringify(bound.body)).toBe(200);
    const [row] = await h.deps.db.select().from(users).where(eq(users.id, u.id));
    expect(row!.wechatOpenid).toBe(openid);

    wechatCodes.set("code-2", openid);
    const again = await json(await wechatLogin("code-2"));
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body.user).toMatchObject({ id: u.id, role: "labourer" });
  });

  it("refuses a forged bind token without consuming a binding", async () => {
    const phone = randomPhone();
    const u = await labourer(phone);
    await requestCode(phone);
    const [code] = codesFor(phone);
    const { status, body } = await json(await verifyCode(phone, code!, "not-a-token"));
    expect(status, JSON.stringify(body)).toBe(400);
    expect(body.error).toMatchObject({ code: "VALIDATION_FAILED", field: "wechatBindToken" });
    const [row] = await h.deps.db.select().from(users).where(eq(users.id, u.id));
    expect(row!.wechatOpenid).toBeNull();
  });

  it("answers an invalid or reused code with 401", async () => {
    const { status, body } = await json(await wechatLogin("never-issued"));
    expect(status, JSON.stringify(body)).toBe(401);
    expect(body.error.code).toBe("UNAUTHENTICATED");
    expect(body.error.details.wechatErrcode).toBe(40029);
  });

  it("answers 503 WECHAT_NOT_CONFIGURED without an app id and secret", async () => {
    const app = createApp({ ...h.deps, wechat: createWechatOAuth({ baseUrl: wechatBase }) });
    const { status, body } = await json(await wechatLogin("code-x", app));
    expect(status, JSON.stringify(body)).toBe(503);
    expect(body.error.code).toBe("WECHAT_NOT_CONFIGURED");
  });

  it("answers 502 WECHAT_LOGIN_FAILED when WeChat cannot be reached or rejects our app", async () => {
    const down = createApp({
      ...h.deps,
      wechat: createWechatOAuth({
        baseUrl: `http://127.0.0.1:${await freePort()}`,
        appId: APP_ID,
        appSecret: APP_SECRET,
      }),
    });
    const a = await json(await wechatLogin("code-y", down));
    expect(a.status, JSON.stringify(a.body)).toBe(502);
    expect(a.body.error.code).toBe("WECHAT_LOGIN_FAILED");

    const wrongSecret = createApp({
      ...h.deps,
      wechat: createWechatOAuth({ baseUrl: wechatBase, appId: APP_ID, appSecret: "wrong" }),
    });
    wechatCodes.set("code-z", "o-z");
    const b = await json(await wechatLogin("code-z", wrongSecret));
    expect(b.status, JSON.stringify(b.body)).toBe(502);
    expect(b.body.error.code).toBe("WECHAT_LOGIN_FAILED");
  });
});
