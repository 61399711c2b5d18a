import { Redis, type RedisOptions } from "ioredis";
import type { Logger } from "../lib/logger";

/** BullMQ needs `maxRetriesPerRequest: null` on connections used by workers and blocking calls. */
export function createRedis(url: string, opts: RedisOptions = {}): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, ...opts });
}

/**
 * The connection for commands that guard a request (rate limits on sign-in, codes, registration).
 * BullMQ's connection above waits for Redis forever, by design: a request must not. Every command
 * here fails after `timeoutMs` (queued while disconnected included: ioredis arms the timer before
 * queueing), and is retried at most once on a reconnect, so a Redis outage answers
 * 503 SERVICE_UNAVAILABLE at once and the request is never completed minutes later.
 */
export function createGuardRedis(url: string, timeoutMs: number, log?: Logger): Redis {
  const client = new Redis(url, {
    commandTimeout: timeoutMs,
    connectTimeout: Math.max(timeoutMs, 1000),
    maxRetriesPerRequest: 1,
    enableReadyCheck: true,
    lazyConnect: true, // workers build deps too and never use it
  });
  // One warning per outage, not one per reconnect attempt.
  let down = false;
  client.on("error", (err: Error) => {
    if (!down)
      log?.warn(
        { err: err.message },
        "redis (request guard) unavailable: guarded requests answer 503",
      );
    down = true;
  });
  client.on("ready", () => {
    if (down) log?.info("redis (request guard) available again");
    down = false;
  });
  return client;
}
