import { z } from "zod";
import { AppError } from "../../lib/errors";

/** WeChat web-page OAuth: exchanges the `code` the H5 page received for the user's openid. */
export interface WechatOAuth {
  exchangeCode(code: string): Promise<{ openid: string; unionid?: string }>;
}

const TokenReply = z.union([
  z.object({ openid: z.string().min(1), access_token: z.string(), unionid: z.string().optional() }),
  z.object({ errcode: z.number(), errmsg: z.string().optional() }),
]);

export interface WechatOAuthConfig {
  baseUrl: string;
  appId?: string;
  appSecret?: string;
  timeoutMs?: number;
}

export function createWechatOAuth(cfg: WechatOAuthConfig): WechatOAuth {
  return {
    async exchangeCode(code) {
      if (!cfg.appId || !cfg.appSecret)
        throw new AppError("WECHAT_NOT_CONFIGURED", "微信登录尚未开通，请使用手机验证码登录");
      const url = new URL("/sns/oauth2/access_token", cfg.baseUrl);
      url.search = new URLSearchParams({
        appid: cfg.appId,
        secret: cfg.appSecret,
        code,
        grant_type: "authorization_code",
      }).toString();
      let body: unknown;
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(cfg.timeoutMs ?? 5000) });
        body = await res.json();
      } catch {
        throw new AppError(
          "WECHAT_LOGIN_FAILED",
          "微信服务暂时无法访问，请稍后再试或使用手机验证码登录",
        );
      }
      const parsed = TokenReply.safeParse(body);
      if (!parsed.success) throw new AppError("WECHAT_LOGIN_FAILED", "微信登录失败，请稍后再试");
      if ("errcode" in parsed.data) {
        // 40029 invalid code, 40163 code already used: the page must ask WeChat for a new code.
        const reused = parsed.data.errcode === 40029 || parsed.data.errcode === 40163;
        throw new AppError(
          reused ? "UNAUTHENTICATED" : "WECHAT_LOGIN_FAILED",
          reused ? "微信授权已失效，请重新打开页面" : "微信登录失败，请稍后再试",
          { details: { wechatErrcode: parsed.data.errcode } },
        );
      }
      return {
        openid: parsed.data.openid,
        ...(parsed.data.unionid ? { unionid: parsed.data.unionid } : {}),
      };
    },
  };
}
