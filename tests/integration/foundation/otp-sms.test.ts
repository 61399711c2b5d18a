import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "../../../db/schema/users";
import { buildConfig, parseEnv } from "../../../src/config";
import { closeDeps, createDeps } from "../../../src/deps";
import { createLogger } from "../../../src/lib/logger";
import { unavailableOtpSender } from "../../../src/modules/auth/otp-sender";
import { createHarness, type Harness, json } from "../../support/harness";
import { type FakeSms, fakeAliyunSms } from "../notifications/fakes";

const PHONE = "13807719876";
let sms: FakeSms;
let h: Harness;

beforeAll(async () => {
  sms = await fakeAliyunSms("otp-key", "otp-secret");
  h = await createHarness();
  await h.deps.db
    .insert(users)
    .values({ role: "labourer", displayName: "测试", phoneHash: h.deps.pii.hash("phone", PHONE) });
});
afterAll(async () => {
  await h?.close();
  await sms?.close();
});

describe("one-time codes outside development", () => {
  it("sends the code by SMS with the sign-in template when SMS is configured, and never logs it", async () => {
    const env = parseEnv({
      NODE_ENV: "test",
      OTP_LOG_CODES: "false",
      LOG_LEVEL: "silent",
      QUEUE_PREFIX: h.config.QUEUE_PREFIX,
      SMS_API_BASE: sms.baseUrl,
      SMS_ACCESS_KEY_ID: "otp-key",
      SMS_ACCESS_KEY_SECRET: "otp-secret",
      SMS_SIGN_NAME: "岗通",
      SMS_TEMPLATE_CODE: "SMS_JOBS",
      SMS_OTP_TEMPLATE_CODE: "SMS_OTP",
    });
    const deps = createDeps(
      buildConfig(env, h.config.services, h.config.secrets),
      createLogger("silent"),
    );
    try {
      await deps.otpSender.send(PHONE, "246810");
    } finally {
      await closeDeps(deps);
    }
    const req = sms.requests.at(-1)!;
    expect(req.signatureOk).toBe(true);
    expect(req.query.TemplateCode).toBe("SMS_OTP");
    expect(req.query.PhoneNumbers).toBe(PHONE);
    expect(JSON.parse(req.query.TemplateParam!)).toEqual({ code: "246810" });
  });

  it("answers 503 SERVICE_UNAVAILABLE, not 500, when no SMS provider can carry the code", async () => {
    const h2 = await createHarness({ overrides: { otpSender: unavailableOtpSender } });
    try {
      await h2.deps.db.insert(users).values({
        role: "labourer",
        displayName: "测试",
        phoneHash: h2.deps.pii.hash("phone", PHONE),
      });
      const res = await json(await h2.api.post("/api/v1/auth/otp", { phone: PHONE }));
      expect(res.status, JSON.stringify(res.body)).toBe(503);
      expect(res.body.error.code).toBe("SERVICE_UNAVAILABLE");
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    } finally {
      await h2.close();
    }
  });
});
