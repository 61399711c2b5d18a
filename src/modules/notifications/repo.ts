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

export type ClaimedNotification = {
  id: string;
  kind: string;
  subject_key: string;
  content: unknown;
  openid: string | null;
  phone_enc: string | null;
  subscribed: string[] | null;
};

/**
 * pending → sending, returning the row and its recipient in the same statement (one round trip).
 * Staff (cadre digests) are reached through the WeChat account bound to their user, if any;
 * labourers through the openid their account bound at WeChat sign-in (else one recorded on the
 * labourer), or by SMS to their phone — by SMS only when they chose 短信 (`push_channel = 'sms'`,
 * set on the H5 page's 推送设置). `subscribed`: the WeChat templates that openid still has a
 * subscription for (wechat_subscriptions, remaining > 0), read in the same statement. Many
 * notifications at once (the notify worker's batches, deliver-batch.ts): answers the ones that
 * were still pending, by id.
 */
export async function claimManyForSending(
  db: Executor,
  items: { id: string; now: Date }[],
): Promise<Map<string, ClaimedNotification>> {
  if (items.length === 0) return new Map();
  const rows = await db.execute<ClaimedNotification>(sql`
    with asked as (
      select id, at from unnest(${sql.param(items.map((i) => i.id))}::uuid[],
        ${sql.param(items.map((i) => i.now.toISOString()))}::text[]) as t(id, at)),
    claimed as (
      update notifications n set status = 'sending', sending_at = a.at::timestamptz, attempts = n.attempts + 1
      from asked a where n.id = a.id and n.status = 'pending'
      returning n.id, n.kind, n.subject_key, n.content, n.labourer_id, n.user_id),
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
  return new Map(rows.map((r) => [r.id, r]));
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
 * A notification ended without a provider's answer (an earlier attempt stopped mid-call, or its
 * retries ran out): the row and, for a round's push, its recommendations, in one statement.
 */
export async function finishNotification(
  db: Executor,
  n: { id: string; subjectKey: string; kind: string },
  status: "failed" | "unknown",
  fields: { lastError: string },
  now: Date,
): Promise<void> {
  const q = sql`with n as (update notifications set status = ${status}::delivery_status,
    finished_at = ${now.toISOString()}::timestamptz, last_error = ${fields.lastError}
    where id = ${n.id} returning id)`;
  if (n.kind === "round")
    q.append(sql` update recommendations set delivery_status = ${status}::delivery_status
      where round_id = ${n.subjectKey}::uuid and exists (select 1 from n)`);
  else q.append(sql` select 1 from n`);
  await db.execute(q);
}

/** A provider's answer to one claimed notification (deliver.ts): its final status and fields. */
export interface Finished {
  n: { id: string; subjectKey: string; kind: string };
  status: "delivered" | "fallback" | "failed" | "unknown";
  provider: string;
  providerMessageId: string | null;
  lastError: string | null;
  now: Date;
  spend?: SubscriptionSpend;
}

/**
 * finishNotification for many answered notifications in one statement (every field set): the
 * rows, a round's recommendations, and the WeChat subscriptions spent — a subscription spent by
 * several pushes of the batch is lowered by their number (cleared if any was WeChat's 43101).
 */
export async function finishManyNotifications(db: Executor, items: Finished[]): Promise<void> {
  if (items.length === 0) return;
  const col = <T>(f: (i: Finished) => T) => sql.param(items.map(f));
  await db.execute(sql`
    with u as (
      select * from unnest(${col((i) => i.n.id)}::uuid[], ${col((i) => i.status)}::text[],
        ${col((i) => i.provider)}::text[], ${col((i) => i.providerMessageId)}::text[],
        ${col((i) => i.lastError)}::text[], ${col((i) => i.now.toISOString())}::text[],
        ${col((i) => (i.n.kind === "round" ? i.n.subjectKey : null))}::uuid[],
        ${col((i) => i.spend?.openid ?? null)}::text[], ${col((i) => i.spend?.templateId ?? null)}::text[],
        ${col((i) => i.spend?.how ?? null)}::text[])
        as t(id, status, provider, pmid, err, at, round_id, openid, template_id, how)),
    n as (
      update notifications x set status = u.status::delivery_status, finished_at = u.at::timestamptz,
        provider = u.provider, provider_message_id = u.pmid, last_error = u.err
      from u where x.id = u.id returning x.id),
    spent as (
      select u.openid, u.template_id, count(*)::int as k, bool_or(u.how = 'all') as cleared, max(u.at::timestamptz) as at
      from u join n on n.id = u.id where u.openid is not null and u.template_id is not null
      group by u.openid, u.template_id),
    s as (
      update wechat_subscriptions w set updated_at = spent.at,
        remaining = case when spent.cleared then 0 else greatest(w.remaining - spent.k, 0) end
      from spent where w.openid = spent.openid and w.template_id = spent.template_id)
    update recommendations r set delivery_status = u.status::delivery_status
    from u join n on n.id = u.id
    where u.round_id is not null and r.round_id = u.round_id`);
}
