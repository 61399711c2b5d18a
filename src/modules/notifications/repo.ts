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
 * set on the H5 page's 推送设置).
 */
export async function claimForSending(db: Executor, id: string, now: Date) {
  const rows = await db.execute<{
    id: string;
    kind: string;
    subject_key: string;
    content: unknown;
    openid: string | null;
    phone_enc: string | null;
  }>(sql`
    with claimed as (
      update notifications set status = 'sending', sending_at = ${now.toISOString()}::timestamptz, attempts = attempts + 1
      where id = ${id} and status = 'pending'
      returning id, kind, subject_key, content, labourer_id, user_id)
    select c.id, c.kind, c.subject_key, c.content,
      case when c.user_id is not null then u.wechat_openid
        when l.push_channel = 'sms' then null
        else coalesce(lu.wechat_openid, l.wechat_openid) end as openid,
      case when c.user_id is not null then null else l.phone_enc end as phone_enc
    from claimed c
    left join labourers l on c.user_id is null and l.id = c.labourer_id
    left join users lu on c.user_id is null and lu.labourer_id = c.labourer_id
    left join users u on u.id = c.user_id`);
  return rows[0];
}

/** Back to pending after a retryable provider failure (the job's backoff retries it). */
export async function releaseForRetry(db: Executor, id: string, lastError: string): Promise<void> {
  await db
    .update(notifications)
    .set({ status: "pending", lastError })
    .where(eq(notifications.id, id));
}

/** The notification and, for a round's push, its recommendations: one statement, so atomic without a transaction. */
export async function finishNotification(
  db: Executor,
  n: { id: string; subjectKey: string; kind: string },
  status: "delivered" | "fallback" | "failed" | "unknown",
  fields: { provider?: string; providerMessageId?: string | null; lastError?: string | null },
  now: Date,
): Promise<void> {
  const set = sql`status = ${status}::delivery_status, finished_at = ${now.toISOString()}::timestamptz`;
  if (fields.provider !== undefined) set.append(sql`, provider = ${fields.provider}`);
  if (fields.providerMessageId !== undefined)
    set.append(sql`, provider_message_id = ${fields.providerMessageId}`);
  if (fields.lastError !== undefined) set.append(sql`, last_error = ${fields.lastError}`);
  if (n.kind !== "round") {
    await db.execute(sql`update notifications set ${set} where id = ${n.id}`);
    return;
  }
  await db.execute(sql`
    with n as (update notifications set ${set} where id = ${n.id} returning id)
    update recommendations set delivery_status = ${status}::delivery_status
    where round_id = ${n.subjectKey}::uuid and exists (select 1 from n)`);
}
