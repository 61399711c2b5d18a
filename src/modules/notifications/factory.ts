/**
 * Builds the process's notifier from configuration: WeChat (the official account's 订阅通知) first, SMS as fallback, each behind
 * its own Redis rate limiter. With neither configured: the dev sink outside production (so
 * `npm start` shows pushes arriving), a refusing notifier in production.
 */
import type { Redis } from "ioredis";
import type { Env } from "../../config";
import type { Logger } from "../../lib/logger";
import { redisTokenBucket } from "../../lib/rate-limit";
import { createAliyunSmsNotifier } from "./aliyun-sms";
import {
  type DevSink,
  devSinkNotifier,
  fallbackChain,
  type Notifier,
  unavailableNotifier,
} from "./notifier";
import { createWechatSubscribeNotifier } from "./wechat-subscribe";

export type NotifyConfig = Pick<
  Env,
  | "NODE_ENV"
  | "QUEUE_PREFIX"
  | "WECHAT_API_BASE"
  | "WECHAT_APP_ID"
  | "WECHAT_APP_SECRET"
  | "WECHAT_TEMPLATE_JOB_RECOMMENDATION"
  | "SMS_PROVIDER"
  | "SMS_API_BASE"
  | "SMS_ACCESS_KEY_ID"
  | "SMS_ACCESS_KEY_SECRET"
  | "SMS_SIGN_NAME"
  | "SMS_TEMPLATE_CODE"
  | "NOTIFY_WECHAT_RATE_PER_SECOND"
  | "NOTIFY_SMS_RATE_PER_SECOND"
  | "NOTIFY_MAX_WAIT_MS"
  | "NOTIFY_TIMEOUT_MS"
>;

export function wechatConfigured(c: NotifyConfig): boolean {
  return Boolean(c.WECHAT_APP_ID && c.WECHAT_APP_SECRET && c.WECHAT_TEMPLATE_JOB_RECOMMENDATION);
}

export function smsConfigured(c: NotifyConfig): boolean {
  return (
    c.SMS_PROVIDER === "aliyun" &&
    Boolean(
      c.SMS_ACCESS_KEY_ID && c.SMS_ACCESS_KEY_SECRET && c.SMS_SIGN_NAME && c.SMS_TEMPLATE_CODE,
    )
  );
}

/** The dev sink, when that is what `createNotifier` built (development and tests without providers). */
export function asDevSink(n: Notifier): DevSink | null {
  return n.provider === "dev" && "sent" in n ? (n as DevSink) : null;
}

export function createNotifier(c: NotifyConfig, redis: Redis, log: Logger): Notifier {
  const chain: Notifier[] = [];
  const common = { maxWaitMs: c.NOTIFY_MAX_WAIT_MS, timeoutMs: c.NOTIFY_TIMEOUT_MS };
  if (wechatConfigured(c)) {
    const limiter = redisTokenBucket(redis, `${c.QUEUE_PREFIX}:notify-rate:wechat`, {
      ratePerSecond: c.NOTIFY_WECHAT_RATE_PER_SECOND,
    });
    chain.push(
      createWechatSubscribeNotifier(
        redis,
        {
          ...common,
          baseUrl: c.WECHAT_API_BASE,
          appId: c.WECHAT_APP_ID,
          appSecret: c.WECHAT_APP_SECRET,
          templateId: c.WECHAT_TEMPLATE_JOB_RECOMMENDATION,
          keyPrefix: c.QUEUE_PREFIX,
        },
        limiter,
      ),
    );
  }
  if (smsConfigured(c)) {
    const limiter = redisTokenBucket(redis, `${c.QUEUE_PREFIX}:notify-rate:sms`, {
      ratePerSecond: c.NOTIFY_SMS_RATE_PER_SECOND,
    });
    chain.push(
      createAliyunSmsNotifier(
        {
          ...common,
          baseUrl: c.SMS_API_BASE,
          accessKeyId: c.SMS_ACCESS_KEY_ID,
          accessKeySecret: c.SMS_ACCESS_KEY_SECRET,
          signName: c.SMS_SIGN_NAME,
          templateCode: c.SMS_TEMPLATE_CODE,
        },
        limiter,
      ),
    );
  }
  if (chain.length) return fallbackChain(chain);
  return c.NODE_ENV === "production" ? unavailableNotifier : devSinkNotifier(log);
}
