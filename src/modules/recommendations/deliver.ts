import { and, eq, sql } from "drizzle-orm";
import { labourers } from "../../../db/schema/labourers";
import { users } from "../../../db/schema/users";
import { notifications, recommendations } from "../../../db/schema/recommendations";
import type { Ctx } from "../../lib/ctx";
import { recommendationMessage } from "../notifications/messages";
import type { DeliveryResult } from "../notifications/notifier";

export type DeliveryOutcome = "delivered" | "fallback" | "failed" | "unknown" | "skipped" | "already-final";

/** A transient failure: the worker rethrows it so BullMQ retries with backoff. */
export class RetryableDeliveryError extends Error {
  constructor(message: string, readonly retryAfterMs?: number) {
    super(message);
  }
}

/**
 * Delivers one notification at most once. The row moves pending → sending before the provider
 * is called; a run that finds it already `sending` knows an earlier run died mid-call and marks
 * it `unknown` instead of sending again — nobody gets the same round twice. A retryable provider
 * failure moves it back to pending and throws, so the job's backoff retries it.
 */
export async function deliverNotification(ctx: Ctx, notificationId: string): Promise<DeliveryOutcome> {
  const [n] = await ctx.db.select().from(notifications).where(eq(notifications.id, notificationId)).limit(1);
  if (!n) return "already-final";
  if (n.status === "sending") {
    await finish(ctx, n.id, n.subjectKey, n.kind, "unknown", { lastError: "an earlier delivery attempt stopped mid-call" });
    return "unknown";
  }
  if (n.status !== "pending") return "already-final";
  const claimed = await ctx.db.update(notifications)
    .set({ status: "sending", sendingAt: ctx.now(), attempts: sql`${notifications.attempts} + 1` })
    .where(and(eq(notifications.id, n.id), eq(notifications.status, "pending"))).returning({ id: notifications.id });
  if (claimed.length === 0) return "already-final";

  const to = n.userId ? await staffRecipient(ctx, n.userId) : await recipient(ctx, n.labourerId);
  const content = n.content as { text: string; jobIds?: string[]; first?: { title: string; reason: string } | null };
  // One message shape for every provider; the full multi-line text is what the dev sink shows.
  const message = {
    ...recommendationMessage({
      ref: n.id, openId: to.openId, phone: to.phone, count: content.jobIds?.length ?? 0,
      topJobTitle: content.first?.title ?? "", topReason: content.first?.reason ?? "", page: ctx.config.WECHAT_RECOMMENDATION_PAGE,
    }),
    text: content.text,
  };
  let result: DeliveryResult;
  try {
    result = await ctx.notifier.send(message);
  } catch (err) {
    // The adapter itself threw (a bug or a broken network stack): treat as retryable.
    result = { status: "failed", provider: ctx.notifier.provider, error: { code: "ADAPTER_ERROR", message: String((err as Error).message), retryable: true } };
  }
  if (result.status === "failed" && result.error?.retryable) {
    await ctx.db.update(notifications).set({ status: "pending", lastError: `${result.error.code}: ${result.error.message}`.slice(0, 500) })
      .where(eq(notifications.id, n.id));
    throw new RetryableDeliveryError(`${result.provider} ${result.error.code}`, result.error.retryAfterMs);
  }
  const status = result.status === "delivered" ? (result.fellBackFrom?.length ? "fallback" : "delivered") : "failed";
  await finish(ctx, n.id, n.subjectKey, n.kind, status, {
    provider: result.provider, providerMessageId: result.providerMessageId ?? null,
    lastError: result.error ? `${result.error.code}: ${result.error.message}`.slice(0, 500) : null,
  });
  return status;
}

async function recipient(ctx: Ctx, labourerId: string | null) {
  if (!labourerId) return { openId: null, phone: null };
  const [l] = await ctx.db.select({ phoneEnc: labourers.phoneEnc, openid: labourers.wechatOpenid }).from(labourers)
    .where(eq(labourers.id, labourerId)).limit(1);
  return { openId: l?.openid ?? null, phone: l?.phoneEnc ? ctx.pii.decrypt(l.phoneEnc) : null };
}

/** Staff (cadre digests) are reached through the WeChat account bound to their user, if any. */
async function staffRecipient(ctx: Ctx, userId: string) {
  const [u] = await ctx.db.select({ openid: users.wechatOpenid }).from(users).where(eq(users.id, userId)).limit(1);
  return { openId: u?.openid ?? null, phone: null };
}

/**
 * The job's last attempt failed retryably too: the push ends `failed` (staff see it and may
 * resend), instead of staying `pending` with no job left that would ever deliver it.
 */
export async function giveUpDelivery(ctx: Ctx, notificationId: string, lastError: string): Promise<void> {
  const [n] = await ctx.db.select().from(notifications).where(eq(notifications.id, notificationId)).limit(1);
  if (!n || n.status !== "pending") return;
  await finish(ctx, n.id, n.subjectKey, n.kind, "failed", { lastError: `retries exhausted: ${lastError}`.slice(0, 500) });
}

async function finish(
  ctx: Ctx, id: string, subjectKey: string, kind: string,
  status: "delivered" | "fallback" | "failed" | "unknown",
  fields: { provider?: string; providerMessageId?: string | null; lastError?: string | null },
) {
  await ctx.db.transaction(async (tx) => {
    await tx.update(notifications).set({ status, finishedAt: ctx.now(), ...fields }).where(eq(notifications.id, id));
    if (kind === "round") await tx.update(recommendations).set({ deliveryStatus: status }).where(eq(recommendations.roundId, subjectKey));
  });
}
