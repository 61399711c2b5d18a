import type { Logger } from "../../lib/logger";
import { maskPhone } from "../../lib/crypto";

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

/** Production without an SMS provider configured: refuse rather than pretend to send. */
export const unavailableOtpSender: OtpSender = {
  async send() {
    throw new Error("no SMS provider configured for one-time codes");
  },
};
