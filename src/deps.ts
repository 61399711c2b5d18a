import { resolve } from "node:path";
import type { Redis } from "ioredis";
import { closeDb, createDb } from "../db/client";
import { type Config, otpCodesLogged } from "./config";
import { PiiCipher, setPasswordCost } from "./lib/crypto";
import type { Deps } from "./lib/ctx";
import { EVIDENCE_DIR, localFileStore } from "./lib/file-store";
import type { Logger } from "./lib/logger";
import { redisTokenBucket } from "./lib/rate-limit";
import { logOtpSender, smsOtpSender, unavailableOtpSender } from "./modules/auth/otp-sender";
import { createWechatOAuth } from "./modules/auth/wechat";
import { createAliyunSmsNotifier } from "./modules/notifications/aliyun-sms";
import { createNotifier, smsConfigured } from "./modules/notifications/factory";
import { createGuardRedis, createRedis } from "./queue/connection";
import { closeQueues, createQueues } from "./queue/queues";
import { createSearch } from "./search/client";

/** Builds every long-lived dependency once per process. `overrides` lets tests swap adapters. */
export function createDeps(config: Config, log: Logger, overrides: Partial<Deps> = {}): Deps {
  setPasswordCost(config.PASSWORD_SCRYPT_LOG_N);
  const redis = createRedis(config.services.redisUrl);
  const db = overrides.db ?? createDb(config.services.databaseUrl);
  const guardRedis =
    overrides.guardRedis ??
    createGuardRedis(config.services.redisUrl, config.REDIS_GUARD_TIMEOUT_MS, log);
  return {
    config,
    log,
    db,
    readDb: config.DATABASE_READ_URL
      ? createDb(config.DATABASE_READ_URL, { applicationName: "gangtong-read" })
      : db,
    redis,
    guardRedis,
    queues: createQueues(redis, config.QUEUE_PREFIX),
    search: createSearch(
      config.services.meiliUrl,
      config.services.meiliKey,
      config.SEARCH_INDEX_PREFIX,
    ),
    pii: new PiiCipher(config.secrets.piiEncKey, config.secrets.piiHmacKey),
    // The SMS pacing of a sign-in code runs inside the request: on the guarded connection too.
    otpSender: createOtpSender(config, guardRedis, log),
    wechat: createWechatOAuth({
      baseUrl: config.WECHAT_API_BASE,
      appId: config.WECHAT_APP_ID,
      appSecret: config.WECHAT_APP_SECRET,
    }),
    notifier: createNotifier(config, redis, log),
    files: localFileStore(resolve(config.DATA_DIR, EVIDENCE_DIR)),
    now: () => new Date(),
    ...overrides,
  };
}

/** Codes go to the log in development, by SMS (its own template) in production, or nowhere, clearly. */
function createOtpSender(config: Config, redis: Redis, log: Logger) {
  if (otpCodesLogged(config)) return logOtpSender(log);
  if (!smsConfigured(config) || !config.SMS_OTP_TEMPLATE_CODE) return unavailableOtpSender;
  const limiter = redisTokenBucket(redis, `${config.QUEUE_PREFIX}:notify-rate:sms`, {
    ratePerSecond: config.NOTIFY_SMS_RATE_PER_SECOND,
  });
  return smsOtpSender(
    createAliyunSmsNotifier(
      {
        baseUrl: config.SMS_API_BASE,
        accessKeyId: config.SMS_ACCESS_KEY_ID,
        accessKeySecret: config.SMS_ACCESS_KEY_SECRET,
        signName: config.SMS_SIGN_NAME,
        templateCode: config.SMS_OTP_TEMPLATE_CODE,
        timeoutMs: config.NOTIFY_TIMEOUT_MS,
        maxWaitMs: config.NOTIFY_MAX_WAIT_MS,
      },
      limiter,
    ),
  );
}

export async function closeDeps(deps: Deps): Promise<void> {
  await closeQueues(deps.queues);
  await deps.redis.quit().catch(() => deps.redis.disconnect());
  if (deps.guardRedis.status === "wait")
    deps.guardRedis.disconnect(); // never used (lazy): nothing to quit
  else await deps.guardRedis.quit().catch(() => deps.guardRedis.disconnect());
  if (deps.readDb !== deps.db) await closeDb(deps.readDb);
  await closeDb(deps.db);
}
