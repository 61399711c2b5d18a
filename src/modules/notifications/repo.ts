import { and, eq, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { labourers } from "../../../db/schema/labourers";
import { notifications } from "../../../db/schema/notifications";
import { keysetOrder } from "../../lib/keyset";

export type Notification = typeof notifications.$inferSelect;
export type NewNotification = typeof notifications.$inferInsert;

/** Inserts; a (kind, subject_key) stored before is skipped. Answers the rows written. */
export async function insertNotifications(
  db: Executor,
  values: NewNotification[],
): Promise<{ id: string; status: Notification["status"] }[]> {
  if (values.length === 0) return [];
  return db
    .insert(notifications)
    .values(values)
    .onConflictDoNothing()
    .returning({ id: notifications.id, status: notifications.status });
}

export async function findNotification(
  db: Executor,
  id: string,
): Promise<Notification | undefined> {
  const [n] = await db.select().from(notifications).where(eq(notifications.id, id)).limit(1);
  return n;
}

/** Pushes to labourers in `scope` (a region condition on the labourer's village), in keyset order. */
export async function listNotificationsWithLabourer(
  db: Executor,
  f: { scope?: SQL; after?: SQL; limit: number },
) {
  return db
    .select({ n: notifications, name: labourers.name, phoneMasked: labourers.phoneMasked })
    .from(notifications)
    .innerJoin(labourers, eq(labourers.id, notifications.labourerId))
    .where(and(f.scope, f.after))
    .orderBy(...keysetOrder(notifications.createdAt, notifications.id))
    .limit(f.limit);
}

/**
 * pending → sending, returning the row and its recipient in the same statement (one round trip).
 * Staff (cadre digests) are reached through the WeChat account bound to their user, if any;
 * labourers through the openid their account bound at WeChat sign-in (else one recorded on the
 * labourer), or by SMS to their phone — by SMS only when they chose 短信 (`push_channel = 'sms'`,
 * set on the H5 page's 推送设置). `subscribed`: the WeChat templates that openid still has a
 * subscription for (wechat_subscriptions, remaining > 0), read in the same statement.
 */
export async function claimForSending(db: Executor, id: string, now: Date) {
  const rows = await db.execute<{
    id: string;
    kind: string;
    subject_key: string;
    content: unknown;
    openid: string | null;
    phone_enc: string | null;
    subscribed: string[] | null;
  }>(sql`
    with claimed as (
      update notifications set status = 'sending', sending_at = ${now.toISOString()}::timestamptz, attempts = attempts + 1
      where id = ${id} and status = 'pending'
      returning id, kind, subject_key, content, labourer_id, user_id),
    recipient as (
      select c.id, c.kind, c.subject_key, c.content,
        case when c.user_id is not null then u.wechat_openid
          when l.push_channel = 'sms' then null
          else coalesce(lu.wechat_openid, l.wechat_openid) end as openid,
        case when c.user_id is not null then null else l.phone_enc end as phone_enc
      from claimed c
      left join labourers l on c.user_id is null and l.id = c.labourer_id
      left join users lu on c.user_id is null and lu.labourer_id = c.labourer_id
      left join users u on u.id = c.user_id)
    select r.*, (select array_agg(s.template_id) from wechat_subscriptions s
        where s.openid = r.openid and s.remaining > 0) as subscribed
    from recipient r`);
  return rows[0];
}

/** Back to pending after a retryable provider failure (the job's backoff retries it). */
export async function releaseForRetry(db: Executor, id: string, lastError: string): Promise<void> {
  await db
    .update(notifications)
    .set({ status: "pending", lastError })
    .where(eq(notifications.id, id));
}

/** A WeChat subscription used by this delivery: one push sent (`one`), or WeChat's 43101 (`all`). */
export interface SubscriptionSpend {
  openid: string;
  templateId: string;
  how: "one" | "all";
}

/**
 * The notification, for a round's push its recommendations, and the WeChat subscription it used:
 * one statement, so atomic without a transaction (and one round trip a push).
 */
export async function finishNotification(
  db: Executor,
  n: { id: string; subjectKey: string; kind: string },
  status: "delivered" | "fallback" | "failed" | "unknown",
  fields: { provider?: string; providerMessageId?: string | null; lastError?: string | null },
  now: Date,
  spend?: SubscriptionSpend,
): Promise<void> {
  const at = now.toISOString();
  const set = sql`status = ${status}::delivery_status, finished_at = ${at}::timestamptz`;
  if (fields.provider !== undefined) set.append(sql`, provider = ${fields.provider}`);
  if (fields.providerMessageId !== undefined)
    set.append(sql`, provider_message_id = ${fields.providerMessageId}`);
  if (fields.lastError !== undefined) set.append(sql`, last_error = ${fields.lastError}`);
  const q = sql`with n as (update notifications set ${set} where id = ${n.id} returning id)`;
  if (spend)
    q.append(sql`, s as (update wechat_subscriptions set updated_at = ${at}::timestamptz,
      remaining = ${spend.how === "all" ? sql`0` : sql`greatest(remaining - 1, 0)`}
      where openid = ${spend.openid} and template_id = ${spend.templateId} and exists (select 1 from n))`);
  if (n.kind === "round")
    q.append(sql` update recommendations set delivery_status = ${status}::delivery_status
      where round_id = ${n.subjectKey}::uuid and exists (select 1 from n)`);
  else q.append(sql` select 1 from n`);
  await db.execute(q);
}
