import { randomBytes } from "node:crypto";
import { assertRole } from "../../lib/auth";
import type { Ctx } from "../../lib/ctx";
import { AppError } from "../../lib/errors";
import {
  addWechatSubscriptions,
  wechatSubscriptionsLeft,
} from "../notifications/subscription-repo";
import { findUser } from "../users/repo";
import { jsapiSignature, jsapiTicket } from "./jsapi";

const signInOn = (ctx: Ctx) => Boolean(ctx.config.WECHAT_APP_ID && ctx.config.WECHAT_APP_SECRET);

/** The subscribe-notification templates a person may allow from the page (configured ones only). */
function pageTemplates(ctx: Ctx): string[] {
  const c = ctx.config;
  return [
    c.WECHAT_TEMPLATE_JOB_RECOMMENDATION,
    c.WECHAT_TEMPLATE_APPLICATION_STATUS,
    c.WECHAT_TEMPLATE_CARE_NOTICE,
  ].filter((t): t is string => Boolean(t));
}

/** What the H5 page needs to know before anyone signs in: is WeChat sign-in on, and with which app. */
export function wechatPageConfig(ctx: Ctx) {
  const on = signInOn(ctx);
  return {
    enabled: on,
    appId: on ? (ctx.config.WECHAT_APP_ID ?? null) : null,
    authorizeUrl: on ? ctx.config.WECHAT_OAUTH_AUTHORIZE_URL : null,
    templates: on ? pageTemplates(ctx) : [],
  };
}

/** `wx.config` for a page of ours (PUBLIC_URL's origin only): app id, time, nonce and signature. */
export async function wechatJsConfig(ctx: Ctx, input: { url: string }) {
  const { WECHAT_APP_ID: appId, WECHAT_APP_SECRET: appSecret, PUBLIC_URL } = ctx.config;
  if (!appId || !appSecret || !PUBLIC_URL)
    throw new AppError("WECHAT_NOT_CONFIGURED", "微信功能尚未开通");
  let url: URL;
  try {
    url = new URL(input.url);
  } catch {
    throw new AppError("VALIDATION_FAILED", "页面地址不正确", { field: "url" });
  }
  if (url.origin !== new URL(PUBLIC_URL).origin)
    throw new AppError("VALIDATION_FAILED", "只能为岗通自己的页面签名", { field: "url" });
  const ticket = await jsapiTicket(ctx.redis, {
    baseUrl: ctx.config.WECHAT_API_BASE,
    appId,
    appSecret,
    keyPrefix: ctx.config.QUEUE_PREFIX,
    timeoutMs: ctx.config.NOTIFY_TIMEOUT_MS,
  });
  const timestamp = Math.floor(ctx.now().getTime() / 1000);
  const nonceStr = randomBytes(12).toString("base64url");
  const signature = jsapiSignature({ ticket, nonceStr, timestamp, url: input.url });
  return { appId, timestamp, nonceStr, signature };
}

async function boundOpenid(ctx: Ctx): Promise<string | null> {
  assertRole(ctx.actor, ["labourer"]);
  const u = await findUser(ctx.db, ctx.actor.userId);
  return u?.wechatOpenid ?? null;
}

async function subscriptionsOf(ctx: Ctx, openid: string | null) {
  const templates = pageTemplates(ctx);
  const left = openid ? await wechatSubscriptionsLeft(ctx.db, openid, templates) : new Map();
  return {
    bound: openid !== null,
    subscriptions: templates.map((templateId) => ({
      templateId,
      remaining: left.get(templateId) ?? 0,
    })),
  };
}

/** The signed-in job seeker's WeChat reminders: bound or not, and how many each template has left. */
export async function mySubscriptions(ctx: Ctx) {
  return subscriptionsOf(ctx, await boundOpenid(ctx));
}

/** The page's wx-open-subscribe answered 允许 for these templates: WeChat may now carry one push each. */
export async function recordSubscriptions(ctx: Ctx, input: { accepted: string[] }) {
  const openid = await boundOpenid(ctx);
  if (!openid)
    throw new AppError("WECHAT_OPENID_MISSING", "请从微信里打开岗通并登录后再订阅微信提醒");
  const known = new Set(pageTemplates(ctx));
  const unknown = input.accepted.find((t) => !known.has(t));
  if (unknown !== undefined)
    throw new AppError("VALIDATION_FAILED", "没有这种微信提醒", { field: "accepted" });
  await addWechatSubscriptions(ctx.db, openid, [...new Set(input.accepted)], ctx.now());
  return subscriptionsOf(ctx, openid);
}
