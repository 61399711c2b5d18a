import { createDb, closeDb } from "../db/client";
import { otpCodesLogged, type Config } from "./config";
import { PiiCipher, setPasswordCost } from "./lib/crypto";
import type { Deps } from "./lib/ctx";
import type { Logger } from "./lib/logger";
import { logOtpSender, unavailableOtpSender } from "./modules/auth/otp-sender";
import { createWechatOAuth } from "./modules/auth/wechat";
import { createNotifier } from "./modules/notifications/factory";
import { createRedis } from "./queue/connection";
import { closeQueues, createQueues } from "./queue/queues";
import { createSearch } from "./search/client";

/** Builds every long-lived dependency once per process. `overrides` lets tests swap adapters. */
export function createDeps(config: Config, log: Logger, overrides: Partial<Deps> = {}): Deps {
  setPasswordCost(config.PASSWORD_SCRYPT_LOG_N);
  const redis = createRedis(config.services.redisUrl);
  return {
    config,
    log,
    db: createDb(config.services.databaseUrl),
    redis,
    queues: createQueues(redis, config.QUEUE_PREFIX),
    search: createSearch(config.services.meiliUrl, config.services.meiliKey, config.SEARCH_INDEX_PREFIX),
    pii: new PiiCipher(config.secrets.piiEncKey, config.secrets.piiHmacKey),
    otpSender: otpCodesLogged(config) ? logOtpSender(log) : unavailableOtpSender,
    wechat: createWechatOAuth({ baseUrl: config.WECHAT_API_BASE, appId: config.WECHAT_APP_ID, appSecret: config.WECHAT_APP_SECRET }),
    notifier: createNotifier(config, redis, log),
    now: () => new Date(),
    ...overrides,
  };
}

export async function closeDeps(deps: Deps): Promise<void> {
  await closeQueues(deps.queues);
  await deps.redis.quit().catch(() => deps.redis.disconnect());
  await closeDb(deps.db);
}
