import { eq, sql } from "drizzle-orm";
import { notifications } from "../../../db/schema/recommendations";
import type { Ctx } from "../../lib/ctx";
import { APPLICATION_CADRE_NOTICE, APPLICATION_NOTICE } from "../applications/notify";
import { applicationMessage, recommendationMessage } from "../notifications/messages";
import type { DeliveryResult } from "../notifications/notifier";
import { SUBSIDY_CADRE_NOTICE, SUBSIDY_NOTICE } from "../subsidies/notify";

export type DeliveryOutcome =
  | "delivered"
  | "fallback"
  | "failed"
  | "unknown"
  | "skipped"
  | "already-final";

/** A transient failure: the worker rethrows it so BullMQ retries with backoff. */
export class RetryableDeliveryError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/**
 * Delivers one notification at most once. The row moves pending → sending before the provider
 * is called; a run that finds it already `sending` knows an earlier run died mid-call and marks
 * it `unknown` instead of sending again — nobody gets the same round twice. A retryable provider
 * failure moves it back to pending and throws, so the job's backoff retries it.
 */
export async function deliverNotification(
  ctx: Ctx,
  notificationId: string,
): Promise<DeliveryOutcome> {
  const n = await claim(ctx, notificationId);
  if (!n) {
    // Not pending: already final, or an earlier run died mid-call (`sending`).
    const [row] = await ctx.db
      .select({
        id: notifications.id,
        status: notifications.status,
        kind: notifications.kind,
        subjectKey: notifications.subjectKey,
      })
      .from(notifications)
      .where(eq(notifications.id, notificationId))
      .limit(1);
    if (row?.status !== "sending") return "already-final";
    await finish(ctx, row.id, row.subjectKey, row.kind, "unknown", {
      lastError: "an earlier delivery attempt stopped mid-call",
    });
    return "unknown";
  }
  const to = { openId: n.openid, phone: n.phone_enc ? ctx.pii.decrypt(n.phone_enc) : null };
  const message = [
    APPLICATION_NOTICE,
    APPLICATION_CADRE_NOTICE,
    SUBSIDY_NOTICE,
    SUBSIDY_CADRE_NOTICE,
  ].includes(n.kind)
    ? applicationNotice(
        ctx,
        n.id,
        to,
        n.content as { text: string; jobTitle: string; statusLabel: string },
      )
    : roundPush(
        ctx,
        n.id,
        to,
        n.content as {
          text: string;
          jobIds?: string[];
          first?: { title: string; reason: string } | null;
        },
      );
  let result: DeliveryResult;
  try {
    result = await ctx.notifier.send(message);
  } catch (err) {
    // The adapter itself threw (a bug or a broken network stack): treat as retryable.
    result = {
      status: "failed",
      provider: ctx.notifier.provider,
      error: { code: "ADAPTER_ERROR", message: String((err as Error).message), retryable: true },
    };
  }
  if (result.status === "failed" && result.error?.retryable) {
    await ctx.db
      .update(notifications)
      .set({
        status: "pending",
        lastError: `${result.error.code}: ${result.error.message}`.slice(0, 500),
      })
      .where(eq(notifications.id, n.id));
    throw new RetryableDeliveryError(
      `${result.provider} ${result.error.code}`,
      result.error.retryAfterMs,
    );
  }
  const status =
    result.status === "delivered"
      ? result.fellBackFrom?.length
        ? "fallback"
        : "delivered"
      : "failed";
  await finish(ctx, n.id, n.subject_key, n.kind, status, {
    provider: result.provider,
    providerMessageId: result.providerMessageId ?? null,
    lastError: result.error ? `${result.error.code}: ${result.error.message}`.slice(0, 500) : null,
  });
  return status;
}

type Recipient = { openId: string | null; phone: string | null };

/** A round's push or a cadre digest: one message shape for every provider; the full multi-line text is what the dev sink shows. */
function roundPush(
  ctx: Ctx,
  ref: string,
  to: Recipient,
  content: { text: string; jobIds?: string[]; first?: { title: string; reason: string } | null },
) {
  return {
    ...recommendationMessage({
      ref,
      openId: to.openId,
      phone: to.phone,
      count: content.jobIds?.length ?? 0,
      topJobTitle: content.first?.title ?? "",
      topReason: content.first?.reason ?? "",
      page: ctx.config.WECHAT_RECOMMENDATION_PAGE,
    }),
    text: content.text,
  };
}

/** An application's progress (to the labourer, or to their cadre), under its own templates. */
function applicationNotice(
  ctx: Ctx,
  ref: string,
  to: Recipient,
  content: { text: string; jobTitle: string; statusLabel: string },
) {
  return applicationMessage({
    ref,
    openId: to.openId,
    phone: to.phone,
    text: content.text,
    jobTitle: content.jobTitle,
    statusLabel: content.statusLabel,
    page: ctx.config.WECHAT_APPLICATIONS_PAGE,
    wechatTemplateId: ctx.config.WECHAT_TEMPLATE_APPLICATION_STATUS,
    smsTemplateCode: ctx.config.SMS_TEMPLATE_APPLICATION_STATUS,
  });
}

/**
 * pending → sending, returning the row and its recipient in the same statement (one round trip).
 * Staff (cadre digests) are reached through the WeChat account bound to their user, if any;
 * labourers through theirs, or by SMS to their phone.
 */
async function claim(ctx: Ctx, notificationId: string) {
  const rows = await ctx.db.execute<{
    id: string;
    kind: string;
    subject_key: string;
    content: unknown;
    openid: string | null;
    phone_enc: string | null;
  }>(sql`
    with claimed as (
      update notifications set status = 'sending', sending_at = ${ctx.now().toISOString()}::timestamptz, attempts = attempts + 1
      where id = ${notificationId} and status = 'pending'
      returning id, kind, subject_key, content, labourer_id, user_id)
    select c.id, c.kind, c.subject_key, c.content,
      case when c.user_id is not null then u.wechat_openid else l.wechat_openid end as openid,
      case when c.user_id is not null then null else l.phone_enc end as phone_enc
    from claimed c
    left join labourers l on c.user_id is null and l.id = c.labourer_id
    left join users u on u.id = c.user_id`);
  return rows[0];
}

/**
 * The job's last attempt failed retryably too: the push ends `failed` (staff see it and may
 * resend), instead of staying `pending` with no job left that would ever deliver it.
 */
export async function giveUpDelivery(
  ctx: Ctx,
  notificationId: string,
  lastError: string,
): Promise<void> {
  const [n] = await ctx.db
    .select()
    .from(notifications)
    .where(eq(notifications.id, notificationId))
    .limit(1);
  if (!n || n.status !== "pending") return;
  await finish(ctx, n.id, n.subjectKey, n.kind, "failed", {
    lastError: `retries exhausted: ${lastError}`.slice(0, 500),
  });
}

/** The notification and, for a round's push, its recommendations: one statement, so atomic without a transaction. */
async function finish(
  ctx: Ctx,
  id: string,
  subjectKey: string,
  kind: string,
  status: "delivered" | "fallback" | "failed" | "unknown",
  fields: { provider?: string; providerMessageId?: string | null; lastError?: string | null },
) {
  const set = sql`status = ${status}::delivery_status, finished_at = ${ctx.now().toISOString()}::timestamptz`;
  if (fields.provider !== undefined) set.append(sql`, provider = ${fields.provider}`);
  if (fields.providerMessageId !== undefined)
    set.append(sql`, provider_message_id = ${fields.providerMessageId}`);
  if (fields.lastError !== undefined) set.append(sql`, last_error = ${fields.lastError}`);
  if (kind !== "round") {
    await ctx.db.execute(sql`update notifications set ${set} where id = ${id}`);
    return;
  }
  await ctx.db.execute(sql`
    with n as (update notifications set ${set} where id = ${id} returning id)
    update recommendations set delivery_status = ${status}::delivery_status
    where round_id = ${subjectKey}::uuid and exists (select 1 from n)`);
}
