/**
 * A per-provider token bucket in Redis, shared by every worker process. Unlike
 * src/lib/rate-limit.ts (which guards the API and answers 429), a sender waits for its turn:
 * `acquire` sleeps until a token is free, up to `maxWaitMs`, and otherwise says how long to wait
 * so the notify job can be retried later instead of failing.
 *
 * The clock is Redis's (TIME inside the script), so workers on different machines agree.
 */
import type { Redis } from "ioredis";

const TOKEN_BUCKET = `
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
`;

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
          await redis.eval(TOKEN_BUCKET, 1, key, String(opts.ratePerSecond), String(burst)),
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
