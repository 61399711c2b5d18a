import type { Redis } from "ioredis";
import { AppError } from "./errors";

/**
 * Fixed-window counter in Redis: at most `limit` hits per `windowSeconds` for a key.
 * Redis holds only counters here, never a business fact.
 */
export async function hitRateLimit(redis: Redis, key: string, limit: number, windowSeconds: number): Promise<void> {
  const k = `rl:${key}`;
  const [[, count], [, ttl]] = (await redis.multi().incr(k).ttl(k).exec()) as [[null, number], [null, number]];
  if (ttl < 0) await redis.expire(k, windowSeconds);
  if (count > limit) {
    const retryAfter = ttl > 0 ? ttl : windowSeconds;
    throw new AppError("RATE_LIMITED", `操作过于频繁，请 ${Math.ceil(retryAfter / 60)} 分钟后再试`, { details: { retryAfterSeconds: retryAfter } });
  }
}
