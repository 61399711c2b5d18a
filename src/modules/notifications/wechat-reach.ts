/**
 * What WeChat can carry to one person: the H5 address a push opens (from PUBLIC_URL) and whether
 * the openid has a subscription left for the message's template (wechat_subscriptions). Called by
 * deliver.ts around the provider call; docs/WECHAT.md.
 */
import type { Config } from "../../config";
import type { Ctx } from "../../lib/ctx";
import type { DeliveryResult, NotifyMessage } from "./notifier";
import type { SubscriptionSpend } from "./repo";

/** The H5 page's address with an in-page route (`#job/<id>`), or undefined without PUBLIC_URL (the card then opens nothing). */
export function h5Link(config: Pick<Config, "PUBLIC_URL">, hash = ""): string | undefined {
  if (!config.PUBLIC_URL) return undefined;
  return `${new URL("/h5/", config.PUBLIC_URL).toString()}${hash}`;
}

/** The template a WeChat message goes out under (its own, else the recommendation template). */
export function templateOf(ctx: Ctx, message: NotifyMessage): string | undefined {
  return message.wechat?.templateId ?? ctx.config.WECHAT_TEMPLATE_JOB_RECOMMENDATION;
}

/** Marks whether the person's openid has a subscription left for the message's template (`subscribed`: read with the claim). */
export function withSubscription(
  ctx: Ctx,
  message: NotifyMessage,
  subscribed: readonly string[],
): NotifyMessage {
  const openId = message.to.openId;
  const templateId = templateOf(ctx, message);
  if (!openId || !templateId || !message.wechat) return message;
  return { ...message, to: { ...message.to, wechatSubscribed: subscribed.includes(templateId) } };
}

/** A WeChat push sent uses one subscription; WeChat's 43101 (refused or used up) clears them. */
export function subscriptionSpend(
  ctx: Ctx,
  message: NotifyMessage,
  result: DeliveryResult,
): SubscriptionSpend | undefined {
  const openid = message.to.openId;
  const templateId = templateOf(ctx, message);
  if (!openid || !templateId) return undefined;
  if (result.status === "delivered" && result.provider === "wechat")
    return { openid, templateId, how: "one" };
  if (result.fellBackFrom?.some((f) => f.provider === "wechat" && f.code === "43101"))
    return { openid, templateId, how: "all" };
  return undefined;
}
