import { maskPhone } from "../../lib/crypto";
import { AppError } from "../../lib/errors";
import type { Logger } from "../../lib/logger";
import type { Notifier } from "../notifications/notifier";

/** Delivers a sign-in code to a phone. */
export interface OtpSender {
  send(phone: string, code: string): Promise<void>;
}

/**
 * Development and test delivery: the code goes to the log (the phone masked), so a developer can
 * sign in as a demo labourer. config.ts never enables it in production.
 */
export function logOtpSender(log: Logger): OtpSender {
  return {
    async send(phone, code) {
      log.info({ to: maskPhone(phone), devOtp: code }, `开发环境验证码: ${code}`);
    },
  };
}

/** Production without an SMS provider configured: refuse, clearly, rather than pretend to send. */
export const unavailableOtpSender: OtpSender = {
  async send() {
    throw new AppError(
      "SERVICE_UNAVAILABLE",
      "短信验证码服务暂未开通，请使用微信登录或联系当地就业服务机构",
    );
  },
};

/**
 * Production delivery through the SMS provider (its own template: SMS_OTP_TEMPLATE_CODE with a
 * `${code}` variable). A provider failure is a 503 the page can show, never a 500.
 */
export function smsOtpSender(sms: Notifier): OtpSender {
  return {
    async send(phone, code) {
      const result = await sms.send({
        ref: `otp-${Date.now()}`,
        to: { phone },
        text: `岗通验证码 ${code}`,
        sms: { params: { code } },
      });
      if (result.status !== "delivered") {
        throw new AppError("SERVICE_UNAVAILABLE", "验证码短信发送失败，请稍后再试", {
          details: { provider: result.provider, code: result.error?.code },
        });
      }
    },
  };
}
