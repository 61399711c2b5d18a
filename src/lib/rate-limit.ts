import type { Redis } from "ioredis";
import type { Deps } from "./ctx";
import { AppError } from "./errors";

/**
 * Fixed-window counters in Redis. Redis holds only counters here, never a business fact.
 *
 * Pass `ctx` (not `ctx.redis`) so keys carry the deployment's QUEUE_PREFIX: test files and
 * deployments sharing one Redis then never count each other's hits. A bare Redis is accepted
 * for older call sites and uses the unprefixed `rl:` namespace.
 */
export type Limiter = Redis | Pick<Deps, "redis" | "config">;

function target(t: Limiter): { redis: Redis; key: (k: string) => string } {
  // A Redis client has a `config` *method*; deps have a config object.
  if (typeof (t as { config?: unknown }).config === "object") {
    const d = t as Pick<Deps, "redis" | "config">;
    return { redis: d.redis, key: (k) => `${d.config.QUEUE_PREFIX}:rl:${k}` };
  }
  return { redis: t as Redis, key: (k) => `rl:${k}` };
}

function limited(retryAfter: number, message?: string): AppError {
  return new AppError("RATE_LIMITED", message ?? `操作过于频繁，请 ${Math.ceil(retryAfter / 60)} 分钟后再试`, {
    details: { retryAfterSeconds: retryAfter },
  });
}

async function increment(redis: Redis, k: string, windowSeconds: number): Promise<{ count: number; ttl: number }> {
  const [[, count], [, ttl]] = (await redis.multi().incr(k).ttl(k).exec()) as [[null, number], [null, number]];
  if (ttl < 0) await redis.expire(k, windowSeconds);
  return { count, ttl: ttl > 0 ? ttl : windowSeconds };
}

/** Counts this hit; throws RATE_LIMITED once more than `limit` fall in one window. */
export async function hitRateLimit(t: Limiter, key: string, limit: number, windowSeconds: number): Promise<void> {
  const { redis, key: k } = target(t);
  const { count, ttl } = await increment(redis, k(key), windowSeconds);
  if (count > limit) throw limited(ttl);
}

/** Throws RATE_LIMITED when `limit` failures are already recorded; counts nothing itself. */
export async function assertUnderLimit(t: Limiter, key: string, limit: number, message?: string): Promise<void> {
  const { redis, key: k } = target(t);
  const [[, count], [, ttl]] = (await redis.multi().get(k(key)).ttl(k(key)).exec()) as [[null, string | null], [null, number]];
  if (Number(count ?? 0) >= limit) throw limited(ttl > 0 ? ttl : 60, message);
}

/** Records one failure (wrong password, …) against `key` for `windowSeconds`. */
export async function recordFailure(t: Limiter, key: string, windowSeconds: number): Promise<void> {
  const { redis, key: k } = target(t);
  await increment(redis, k(key), windowSeconds);
}
