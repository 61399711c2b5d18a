import { randomUUID } from "node:crypto";
import { Writable } from "node:stream";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "../../../src/lib/logger";
import { redisTokenBucket } from "../../../src/lib/rate-limit";
import { createAliyunSmsNotifier } from "../../../src/modules/notifications/aliyun-sms";
import { asDevSink, createNotifier } from "../../../src/modules/notifications/factory";
import type { NotifyMessage } from "../../../src/modules/notifications/notifier";
import { createHarness, type Harness } from "../../support/harness";
import { aliyunSmsEnv, type FakeSms, fakeAliyunSms } from "./fakes";

let h: Harness;
let sms: FakeSms;

beforeAll(async () => {
  h = await createHarness();
  sms = await fakeAliyunSms("ak-id", "ak-secret");
});
afterAll(async () => {
  await sms.close();
  await h.close();
});
beforeEach(() => {
  sms.requests.length = 0;
  sms.script.length = 0;
});

const key = () => `${h.config.QUEUE_PREFIX}:test-rate:${randomUUID()}`;
const msg = (phone: string | null = "13800138000"): NotifyMessage => ({
  ref: `r-${randomUUID()}`,
  to: { openId: null, phone },
  text: "岗通为您推荐了 3 个岗位",
  sms: { params: { count: "3", job: "普工" } },
});
const notifier = (over = {}) =>
  createAliyunSmsNotifier({
    baseUrl: sms.baseUrl,
    accessKeyId: "ak-id",
    accessKeySecret: "ak-secret",
    signName: "岗通",
    templateCode: "SMS_100001",
    ...over,
  });

describe("Aliyun SendSms", () => {
  it("sends a V3-signed request the server verifies, with the documented parameters and headers", async () => {
    const r = await notifier({ now: () => new Date("2026-03-02T02:00:00.123Z") }).send(msg());
    expect(r).toEqual({ status: "delivered", provider: "sms", providerMessageId: "biz-1" });
    const req = sms.requests[0]!;
    expect(req.signatureOk).toBe(true);
    expect(req.query).toEqual({
      PhoneNumbers: "13800138000",
      SignName: "岗通",
      TemplateCode: "SMS_100001",
      TemplateParam: '{"count":"3","job":"普工"}',
      OutId: expect.stringMatching(/^r-/),
    });
    expect(req.headers).toMatchObject({
      "x-acs-action": "SendSms",
      "x-acs-version": "2017-05-25",
      "x-acs-date": "2026-03-02T02:00:00Z",
    });
  });

  it("a wrong secret is refused by the server and reported as a non-retryable failure", async () => {
    const r = await notifier({ accessKeySecret: "not-the-secret" }).send(msg());
    expect(sms.requests[0]!.signatureOk).toBe(false);
    expect(r).toMatchObject({
      status: "failed",
      error: { code: "SignatureDoesNotMatch", retryable: false },
    });
  });

  it.each([
    [
      { body: { Code: "isv.BUSINESS_LIMIT_CONTROL", Message: "触发号码天级流控" } },
      "isv.BUSINESS_LIMIT_CONTROL",
      true,
    ],
    [
      { body: { Code: "isv.MOBILE_NUMBER_ILLEGAL", Message: "非法手机号" } },
      "isv.MOBILE_NUMBER_ILLEGAL",
      false,
    ],
    [
      { status: 503, body: { Code: "ServiceUnavailable", Message: "busy" } },
      "ServiceUnavailable",
      true,
    ],
    [{ status: 500, body: "<html>oops</html>" }, "HTTP_500", true],
  ])("maps %j to %s (retryable: %s)", async (script, code, retryable) => {
    sms.script.push(script);
    expect(await notifier().send(msg())).toMatchObject({
      status: "failed",
      provider: "sms",
      error: { code, retryable },
    });
  });

  it("falls back (sends nothing) when there is no phone or no configuration", async () => {
    expect(await notifier().send(msg(null))).toMatchObject({
      status: "fallback",
      error: { code: "NO_PHONE" },
    });
    expect(await notifier({ signName: undefined }).send(msg())).toMatchObject({
      status: "fallback",
      error: { code: "NOT_CONFIGURED" },
    });
    expect(sms.requests).toHaveLength(0);
  });
});

describe("per-provider rate limit", () => {
  it("grants at most the burst at once and tells the rest how long to wait", async () => {
    const limiter = redisTokenBucket(h.deps.redis, key(), { ratePerSecond: 3 });
    const results = await Promise.all(Array.from({ length: 5 }, () => limiter.acquire(0)));
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    for (const r of results.filter((x) => !x.ok))
      expect(r).toEqual({ ok: false, retryAfterMs: expect.any(Number) });
  });

  it("a sender over the limit reports a retryable RATE_LIMITED and does not call the provider", async () => {
    const limiter = redisTokenBucket(h.deps.redis, key(), { ratePerSecond: 2 });
    const n = createAliyunSmsNotifier(
      {
        baseUrl: sms.baseUrl,
        accessKeyId: "ak-id",
        accessKeySecret: "ak-secret",
        signName: "岗通",
        templateCode: "SMS_1",
        maxWaitMs: 0,
      },
      limiter,
    );
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await n.send(msg()));
    expect(results.filter((r) => r.status === "delivered")).toHaveLength(2);
    expect(results.filter((r) => r.status === "failed").map((r) => r.error)).toEqual([
      {
        code: "RATE_LIMITED",
        message: expect.any(String),
        retryable: true,
        retryAfterMs: expect.any(Number),
      },
      {
        code: "RATE_LIMITED",
        message: expect.any(String),
        retryable: true,
        retryAfterMs: expect.any(Number),
      },
    ]);
    expect(sms.requests).toHaveLength(2);
  });

  it("a sender allowed to wait gets every message through", async () => {
    const limiter = redisTokenBucket(h.deps.redis, key(), { ratePerSecond: 4, burst: 1 });
    const n = createAliyunSmsNotifier(
      {
        baseUrl: sms.baseUrl,
        accessKeyId: "ak-id",
        accessKeySecret: "ak-secret",
        signName: "岗通",
        templateCode: "SMS_1",
        maxWaitMs: 10_000,
      },
      limiter,
    );
    const results = await Promise.all(Array.from({ length: 4 }, () => n.send(msg())));
    expect(results.map((r) => r.status)).toEqual([
      "delivered",
      "delivered",
      "delivered",
      "delivered",
    ]);
    expect(sms.requests).toHaveLength(4);
  });
});

describe("factory and dev sink", () => {
  it("without providers outside production: the dev sink records pushes, the log never holds the phone", async () => {
    const lines: string[] = [];
    const log = createLogger(
      "info",
      {},
      new Writable({
        write(chunk, _e, cb) {
          lines.push(String(chunk));
          cb();
        },
      }),
    );
    const built = createNotifier(
      { ...h.config, WECHAT_APP_ID: undefined, SMS_ACCESS_KEY_ID: undefined },
      h.deps.redis,
      log,
    );
    const devSink = asDevSink(built);
    expect(devSink).not.toBeNull();
    const r = await built.send(msg("13912345678"));
    expect(r).toMatchObject({ status: "delivered", provider: "dev" });
    expect(devSink!.sent).toEqual([
      expect.objectContaining({
        to: { openId: false, phone: "139****5678" },
        text: "岗通为您推荐了 3 个岗位",
      }),
    ]);
    expect(lines.join("")).toContain("开发环境推送");
    expect(lines.join("")).not.toContain("13912345678");
  });

  it("in production without providers: refuses instead of pretending", async () => {
    const built = createNotifier(
      { ...h.config, NODE_ENV: "production" },
      h.deps.redis,
      createLogger("silent"),
    );
    expect(await built.send(msg())).toMatchObject({
      status: "failed",
      error: { code: "NOT_CONFIGURED", retryable: false },
    });
  });

  it("with both configured: a WeChat-less person is reached by SMS through the chain", async () => {
    const built = createNotifier(
      {
        ...h.config,
        WECHAT_APP_ID: "wx",
        WECHAT_APP_SECRET: "s",
        WECHAT_TEMPLATE_JOB_RECOMMENDATION: "t",
        ...aliyunSmsEnv(sms),
      },
      h.deps.redis,
      createLogger("silent"),
    );
    expect(await built.send(msg())).toMatchObject({
      status: "delivered",
      provider: "sms",
      fellBackFrom: [{ provider: "wechat", code: "NO_OPENID" }],
    });
  });
});
