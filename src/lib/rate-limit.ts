import type { Redis } from "ioredis";
import type { Deps } from "./ctx";
import { AppError } from "./errors";
import { redisScript } from "./redis-script";

/**
 * Sliding-window limits in Redis, checked and counted in one Lua script: a request takes a slot
 * in every window it names, or in none, before the work it guards is done. N parallel requests
 * therefore get at most `limit` slots; the rest are refused with 429 RATE_LIMITED. Redis holds
 * only counters here, never a business fact.
 *
 * Each window is a sorted set of members scored by the time they were counted (the app's clock,
 * `deps.now()`, so tests can move it). A member is a random id (every hit counts) or a value
 * the caller names (only distinct values count: e.g. the usernames that failed from one address).
 * Keys carry the deployment's QUEUE_PREFIX so deployments and test files sharing one Redis never
 * count each other's hits.
 *
 * Commands go through `deps.guardRedis` (src/queue/connection.ts): a short timeout and no
 * endless offline queue, so a Redis outage answers 503 SERVICE_UNAVAILABLE at once (fail closed)
 * instead of hanging the request and completing it minutes later.
 *
 * The same module paces outgoing messages (`redisTokenBucket`, at the end): a sender waits for
 * its turn instead of being refused; it guards no request.
 */
export type Limiter = Pick<Deps, "guardRedis" | "config" | "now">;

export interface Window {
  key: string;
  limit: number;
  windowSeconds: number;
  /** Counted once however often it hits (distinct counting); a random id when absent. */
  member?: string;
}

/** Slots taken by `takeSlots`; `release` gives them back (e.g. after a sign-in succeeded). */
export interface Slots {
  release(): Promise<void>;
}

// KEYS: the windows. ARGV: now_ms, then per key: window_ms, limit, member.
// Returns {1} when every window had room (the members are then added), else {0, retry_after_ms}.
const TAKE = redisScript(`
local now = tonumber(ARGV[1])
local wait = 0
for i, key in ipairs(KEYS) do
  local window = tonumber(ARGV[i * 3 - 1])
  local limit = tonumber(ARGV[i * 3])
  local member = ARGV[i * 3 + 1]
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  if not redis.call('ZSCORE', key, member) and redis.call('ZCARD', key) >= limit then
    local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
    wait = math.max(wait, tonumber(oldest[2]) + window - now, 1000)
  end
end
if wait > 0 then return {0, wait} end
for i, key in ipairs(KEYS) do
  local window = tonumber(ARGV[i * 3 - 1])
  redis.call('ZADD', key, now, ARGV[i * 3 + 1])
  redis.call('PEXPIRE', key, window)
end
return {1}
`);

const prefixed = (t: Limiter, key: string) => `${t.config.QUEUE_PREFIX}:rl:${key}`;

/** A Redis failure (down, timed out) while guarding a request: refuse it, clearly. */
export function redisUnavailable(err: unknown): AppError {
  if (err instanceof AppError) return err;
  return new AppError("SERVICE_UNAVAILABLE", "系统暂时无法处理该请求，请稍后再试", {
    details: { dependency: "redis" },
  });
}

/** How a refusal reads: the Chinese message and the field at fault. */
export interface Refusal {
  message?: string;
  field?: string;
}

function limited(retryAfterSeconds: number, r: Refusal): AppError {
  return new AppError(
    "RATE_LIMITED",
    r.message ?? `操作过于频繁，请 ${Math.ceil(retryAfterSeconds / 60)} 分钟后再试`,
    {
      ...(r.field ? { field: r.field } : {}),
      details: { retryAfterSeconds },
    },
  );
}

const randomMember = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;

/**
 * Takes one slot in each window, atomically: all or none. Throws RATE_LIMITED (worded by
 * `refusal`, with details.retryAfterSeconds) when any window is full, SERVICE_UNAVAILABLE when
 * Redis cannot be reached in time.
 */
export async function takeSlots(
  t: Limiter,
  windows: Window[],
  refusal: Refusal = {},
): Promise<Slots> {
  const taken = windows.map((w) => ({
    key: prefixed(t, w.key),
    member: w.member ?? randomMember(),
    w,
  }));
  const args = taken.flatMap(({ w, member }) => [
    String(w.windowSeconds * 1000),
    String(w.limit),
    member,
  ]);
  let reply: [number, number?];
  try {
    reply = (await TAKE.run(
      t.guardRedis,
      taken.map((s) => s.key),
      [String(t.now().getTime()), ...args],
    )) as [number, number?];
  } catch (err) {
    throw redisUnavailable(err);
  }
  if (reply[0] !== 1) throw limited(Math.ceil(Number(reply[1]) / 1000), refusal);
  return {
    async release() {
      // Best effort: a slot not given back only expires with its window.
      const m = t.guardRedis.multi();
      for (const s of taken) m.zrem(s.key, s.member);
      await m.exec().catch(() => {});
    },
  };
}

/** Counts this hit; throws RATE_LIMITED once `limit` hits fall in one window. */
export async function hitRateLimit(
  t: Limiter,
  key: string,
  limit: number,
  windowSeconds: number,
  refusal?: Refusal,
): Promise<void> {
  await takeSlots(t, [{ key, limit, windowSeconds }], refusal);
}

// ---- pacing: a token bucket that waits (notification providers' send rates) ----

/**
 * A per-provider token bucket in Redis, shared by every worker process. Unlike
 * the windows above (which guard the API and answer 429), a sender waits for its turn:
 * `acquire` sleeps until a token is free, up to `maxWaitMs`, and otherwise says how long to wait
 * so the notify job can be retried later instead of failing.
 *
 * The clock is Redis's (TIME inside the script), so workers on different machines agree.
 */

const TOKEN_BUCKET = redisScript(`
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(state[1]) or burst
local ts = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - ts) * rate / 1000)
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
else
  wait = math.ceil((1 - tokens) * 1000 / rate)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst * 1000 / rate) + 1000)
return wait
`);

export type Acquired = { ok: true } | { ok: false; retryAfterMs: number };

export interface RateLimiter {
  acquire(maxWaitMs?: number): Promise<Acquired>;
}

export interface TokenBucketOptions {
  ratePerSecond: number;
  /** Tokens available at once after a quiet spell; defaults to one second's worth. */
  burst?: number;
  /** Default for `acquire()` without an argument. */
  maxWaitMs?: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function redisTokenBucket(redis: Redis, key: string, opts: TokenBucketOptions): RateLimiter {
  if (!(opts.ratePerSecond > 0)) throw new RangeError("ratePerSecond must be positive");
  const burst = Math.max(1, opts.burst ?? Math.ceil(opts.ratePerSecond));
  return {
    async acquire(maxWaitMs = opts.maxWaitMs ?? 0) {
      let waited = 0;
      for (;;) {
        const wait = Number(
          await TOKEN_BUCKET.run(redis, [key], [String(opts.ratePerSecond), String(burst)]),
        );
        if (wait <= 0) return { ok: true };
        if (waited + wait > maxWaitMs) return { ok: false, retryAfterMs: wait };
        await sleep(wait);
        waited += wait;
      }
    },
  };
}

/** No limit: for the dev sink and for tests that are not about rate limits. */
export const unlimited: RateLimiter = { acquire: async () => ({ ok: true }) };
