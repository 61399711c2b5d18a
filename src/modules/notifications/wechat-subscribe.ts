/**
 * WeChat official-account subscribe notification (公众号订阅通知):
 * `POST /cgi-bin/message/subscribe/bizsend?access_token=…` with `touser`, `template_id`, `page`
 * (the H5 address the card opens) and `data`. The access token is the official account's — the
 * account the H5 page signs in with, so the openid bound there is one WeChat accepts here
 * (docs/WECHAT.md). A person without a recorded subscription is not sent to (message.to.
 * wechatSubscribed false → fallback NOT_SUBSCRIBED). Error codes:
 * - 40001 / 42001 / 40014: the token is invalid or expired → forget it, fetch a new one, retry once;
 * - 43101: the user refused or has used up their subscription → fall back (SMS);
 * - 43107 / 43108: subscribe notifications blocked for the account / the user → fall back;
 * - 40003: the openid does not belong to this app → fall back;
 * - 45009 / 45011: daily / per-minute quota → retryable later;
 * - -1: WeChat busy → retryable;
 * - anything else (47003 bad template data, 40037 bad template id …) → failed with the code.
 */
import type { Redis } from "ioredis";
import { request } from "undici";
import { z } from "zod";
import { type RateLimiter, unlimited } from "../../lib/rate-limit";
import {
  type DeliveryResult,
  delivered,
  failed,
  fallback,
  type Notifier,
  type NotifyMessage,
} from "./notifier";
import { createWechatTokenCache, type WechatTokenCache, WechatTokenError } from "./wechat-token";

const SendReply = z.object({
  errcode: z.number().optional(),
  errmsg: z.string().optional(),
  msgid: z.union([z.number(), z.string()]).optional(),
});

const TOKEN_INVALID = new Set([40001, 40014, 42001]);
const FALL_BACK = new Set([43101, 40003, 43107, 43108]);
const RETRY_LATER = new Set([-1, 45009, 45011]);

export interface WechatSubscribeConfig {
  baseUrl: string;
  appId?: string;
  appSecret?: string;
  templateId?: string;
  /** Redis key prefix (the deployment's QUEUE_PREFIX), so test runs and environments do not share a token. */
  keyPrefix: string;
  timeoutMs?: number;
  /** How long a send may wait for the rate limiter before it is reported retryable. */
  maxWaitMs?: number;
}

export function createWechatSubscribeNotifier(
  redis: Redis,
  cfg: WechatSubscribeConfig,
  limiter: RateLimiter = unlimited,
): Notifier {
  const timeoutMs = cfg.timeoutMs ?? 5000;
  const tokens: WechatTokenCache | null =
    cfg.appId && cfg.appSecret
      ? createWechatTokenCache(redis, {
          baseUrl: cfg.baseUrl,
          appId: cfg.appId,
          appSecret: cfg.appSecret,
          keyPrefix: cfg.keyPrefix,
          timeoutMs,
        })
      : null;

  async function post(
    token: string,
    body: unknown,
  ): Promise<DeliveryResult | { errcode: number; errmsg?: string; token: string }> {
    const url = new URL("/cgi-bin/message/subscribe/bizsend", cfg.baseUrl);
    url.searchParams.set("access_token", token);
    // undici's request over its keep-alive agent, not fetch: at one call a push, fetch's streams
    // and its AbortSignal timer were the notify worker's largest cost (docs/WECHAT.md).
    let status: number;
    let reply: unknown;
    try {
      const res = await request(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      status = res.statusCode;
      if (status >= 500) await res.body.dump();
      else reply = await res.body.json().catch(() => null);
    } catch (err) {
      return failed("wechat", "NETWORK", `send failed: ${(err as Error).name}`, true);
    }
    if (status >= 500) return failed("wechat", `HTTP_${status}`, "WeChat server error", true);
    const parsed = SendReply.safeParse(reply);
    if (!parsed.success)
      return failed("wechat", "BAD_REPLY", `unreadable reply (HTTP ${status})`, true);
    const code = parsed.data.errcode ?? 0;
    if (code === 0)
      return delivered(
        "wechat",
        parsed.data.msgid !== undefined ? String(parsed.data.msgid) : undefined,
      );
    return { errcode: code, errmsg: parsed.data.errmsg, token };
  }

  function classify(errcode: number, errmsg = ""): DeliveryResult {
    if (FALL_BACK.has(errcode))
      return fallback("wechat", String(errcode), "user not subscribed or not reachable by WeChat");
    if (RETRY_LATER.has(errcode))
      return failed("wechat", String(errcode), "WeChat quota or busy", true);
    return failed("wechat", String(errcode), errmsg || "WeChat refused the message", false);
  }

  return {
    provider: "wechat",
    async send(message: NotifyMessage) {
      const templateId = message.wechat?.templateId ?? cfg.templateId;
      if (!tokens || !templateId)
        return fallback("wechat", "NOT_CONFIGURED", "WeChat subscribe messages are not configured");
      if (!message.to.openId)
        return fallback("wechat", "NO_OPENID", "the person has not bound WeChat");
      if (message.to.wechatSubscribed === false)
        return fallback("wechat", "NOT_SUBSCRIBED", "the person has not subscribed in WeChat");
      if (!message.wechat)
        return fallback("wechat", "NO_TEMPLATE_DATA", "the message has no WeChat template data");
      const slot = await limiter.acquire(cfg.maxWaitMs);
      if (!slot.ok)
        return failed("wechat", "RATE_LIMITED", "local send rate reached", true, slot.retryAfterMs);
      const body = {
        touser: message.to.openId,
        template_id: templateId,
        ...(message.wechat.page ? { page: message.wechat.page } : {}),
        data: Object.fromEntries(
          Object.entries(message.wechat.data).map(([k, value]) => [k, { value }]),
        ),
      };
      try {
        for (let attempt = 0; ; attempt++) {
          const token = await tokens.get();
          const out = await post(token, body);
          if (!("errcode" in out)) return out;
          if (TOKEN_INVALID.has(out.errcode) && attempt === 0) {
            await tokens.invalidate(out.token);
            continue;
          }
          return classify(out.errcode, out.errmsg);
        }
      } catch (err) {
        if (err instanceof WechatTokenError)
          return failed("wechat", `TOKEN_${err.code}`, err.message, err.retryable);
        throw err;
      }
    },
  };
}
