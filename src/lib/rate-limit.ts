import type { Deps } from "./ctx";
import { AppError } from "./errors";

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
 * (src/modules/notifications/rate-limiter.ts is the other Redis limiter: a token bucket that paces
 * outgoing messages and waits for its turn; it guards no request.)
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
const TAKE = `
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
`;

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
    reply = (await t.guardRedis.eval(
      TAKE,
      taken.length,
      ...taken.map((s) => s.key),
      String(t.now().getTime()),
      ...args,
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
