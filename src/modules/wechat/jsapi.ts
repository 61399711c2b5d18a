/**
 * The JS-SDK's `wx.config` signature (WeChat JS-SDK docs, 附录1 签名算法): SHA-1 over
 * `jsapi_ticket=…&noncestr=…&timestamp=…&url=…` (keys in this order, values raw, the url without
 * its #fragment). The jsapi_ticket comes from `/cgi-bin/ticket/getticket?type=jsapi` with the
 * official account's access token and is cached in Redis until shortly before it expires, like
 * the token (src/modules/notifications/wechat-token.ts).
 */
import { createHash } from "node:crypto";
import type { Redis } from "ioredis";
import { z } from "zod";
import { AppError } from "../../lib/errors";
import { createWechatTokenCache, WechatTokenError } from "../notifications/wechat-token";

export function jsapiSignature(p: {
  ticket: string;
  nonceStr: string;
  timestamp: number | string;
  url: string;
}): string {
  const url = p.url.split("#")[0]!;
  const plain = `jsapi_ticket=${p.ticket}&noncestr=${p.nonceStr}&timestamp=${p.timestamp}&url=${url}`;
  return createHash("sha1").update(plain).digest("hex");
}

const TicketReply = z.object({
  errcode: z.number().optional(),
  errmsg: z.string().optional(),
  ticket: z.string().optional(),
  expires_in: z.number().int().optional(),
});

const MARGIN_SECONDS = 300;
const TOKEN_INVALID = new Set([40001, 40014, 42001]);

export interface JsapiConfig {
  baseUrl: string;
  appId: string;
  appSecret: string;
  keyPrefix: string;
  timeoutMs: number;
}

const unavailable = () => new AppError("WECHAT_UNAVAILABLE", "微信服务暂时无法访问，请稍后再试");

/** The account's jsapi_ticket: from Redis, else fetched (a rejected token is refreshed once). */
export async function jsapiTicket(redis: Redis, cfg: JsapiConfig): Promise<string> {
  const key = `${cfg.keyPrefix}:wechat:jsapi-ticket:${cfg.appId}`;
  const cached = await redis.get(key);
  if (cached) return cached;
  const tokens = createWechatTokenCache(redis, cfg);
  for (let attempt = 0; attempt < 2; attempt++) {
    let token: string;
    try {
      token = await tokens.get();
    } catch (err) {
      if (err instanceof WechatTokenError) throw unavailable();
      throw err;
    }
    const url = new URL("/cgi-bin/ticket/getticket", cfg.baseUrl);
    url.search = new URLSearchParams({ access_token: token, type: "jsapi" }).toString();
    let body: unknown;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(cfg.timeoutMs) });
      body = await res.json();
    } catch {
      throw unavailable();
    }
    const parsed = TicketReply.safeParse(body);
    if (!parsed.success) throw unavailable();
    const { errcode = 0, ticket, expires_in } = parsed.data;
    if (errcode === 0 && ticket) {
      await redis.set(key, ticket, "EX", Math.max(60, (expires_in ?? 7200) - MARGIN_SECONDS));
      return ticket;
    }
    if (TOKEN_INVALID.has(errcode) && attempt === 0) {
      await tokens.invalidate(token);
      continue;
    }
    throw unavailable();
  }
  throw unavailable();
}
