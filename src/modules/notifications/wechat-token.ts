/**
 * The WeChat server-side access token (`GET /cgi-bin/token?grant_type=client_credential`), cached
 * in Redis for every worker process. WeChat allows a limited number of token fetches a day and a
 * new token retires the old one after a short overlap, so exactly one process fetches at a time
 * (a Redis lock) and the others wait for its result.
 */
import type { Redis } from "ioredis";
import { z } from "zod";
import { redisScript } from "../../lib/redis-script";

const TokenReply = z.union([
  z.object({ access_token: z.string().min(1), expires_in: z.number().int().positive() }),
  z.object({ errcode: z.number(), errmsg: z.string().optional() }),
]);

/** Drop the cached token this long before WeChat says it expires (clock skew, slow sends). */
const EXPIRY_MARGIN_SECONDS = 300;
const LOCK_MS = 10_000;
const POLL_MS = 50;

/** Deletes the key only if it still holds the token we found invalid (another process may have refreshed it). */
const DELETE_IF_EQUAL = redisScript(
  `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`,
);

export class WechatTokenError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

export interface WechatTokenConfig {
  baseUrl: string;
  appId: string;
  appSecret: string;
  keyPrefix: string;
  timeoutMs: number;
}

export interface WechatTokenCache {
  get(): Promise<string>;
  /** The token was rejected (40001/42001): forget it unless someone already replaced it. */
  invalidate(token: string): Promise<void>;
}

export function createWechatTokenCache(redis: Redis, cfg: WechatTokenConfig): WechatTokenCache {
  const key = `${cfg.keyPrefix}:wechat:access-token:${cfg.appId}`;
  const lockKey = `${key}:lock`;

  async function fetchToken(): Promise<string> {
    const url = new URL("/cgi-bin/token", cfg.baseUrl);
    url.search = new URLSearchParams({
      grant_type: "client_credential",
      appid: cfg.appId,
      secret: cfg.appSecret,
    }).toString();
    let res: Response;
    try {
      res = await fetch(url, { signal: AbortSignal.timeout(cfg.timeoutMs) });
    } catch (err) {
      throw new WechatTokenError("NETWORK", `token fetch failed: ${(err as Error).name}`, true);
    }
    if (res.status >= 500)
      throw new WechatTokenError(`HTTP_${res.status}`, "token endpoint unavailable", true);
    const parsed = TokenReply.safeParse(await res.json().catch(() => null));
    if (!parsed.success) throw new WechatTokenError("BAD_REPLY", "unreadable token reply", true);
    if ("errcode" in parsed.data) {
      // -1: system busy. Anything else (40013 bad appid, 40125 bad secret, 40164 IP not whitelisted) needs a person.
      const busy = parsed.data.errcode === -1;
      throw new WechatTokenError(
        String(parsed.data.errcode),
        parsed.data.errmsg ?? "token refused",
        busy,
      );
    }
    const ttl = Math.max(60, parsed.data.expires_in - EXPIRY_MARGIN_SECONDS);
    await redis.set(key, parsed.data.access_token, "EX", ttl);
    return parsed.data.access_token;
  }

  return {
    async get() {
      const cached = await redis.get(key);
      if (cached) return cached;
      const deadline = Date.now() + LOCK_MS;
      while (Date.now() < deadline) {
        if (await redis.set(lockKey, "1", "PX", LOCK_MS, "NX")) {
          try {
            // Another process may have stored a token between our GET and taking the lock.
            return (await redis.get(key)) ?? (await fetchToken());
          } finally {
            await redis.del(lockKey);
          }
        }
        await new Promise((r) => setTimeout(r, POLL_MS));
        const fresh = await redis.get(key);
        if (fresh) return fresh;
      }
      throw new WechatTokenError(
        "TOKEN_LOCK_TIMEOUT",
        "waited too long for another process's token fetch",
        true,
      );
    },
    async invalidate(token) {
      await DELETE_IF_EQUAL.run(redis, [key], [token]);
    },
  };
}
