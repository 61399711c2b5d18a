import { and, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { labourers } from "../../../db/schema/labourers";
import { employments } from "../../../db/schema/placement";
import {
  type CheckIn,
  employmentCheckIns,
  type FollowUpTask,
  followUpTasks,
  type HelpRequest,
} from "../../../db/schema/retention";
import { users } from "../../../db/schema/users";
import { afterKeyset, type Keyset, keysetOrder } from "../../lib/keyset";
import { CHECK_IN_DAYS } from "./rules";

export type { CheckIn, FollowUpTask, HelpRequest };

/** Who a labourer is for a push: reachable themselves (consent and a channel), or their cadre. */
export interface Reach {
  labourerId: string;
  name: string;
  villageCode: string;
  reachable: boolean;
  cadreUserId: string | null;
}

const reachSql = sql`(l.contact_consent and (l.wechat_openid is not null or l.phone_enc is not null))`;

/**
 * Check-ins due by `today` that do not exist yet: confirmed, not-ended records whose start plus
 * 7/30/90 days is today or earlier. The unique key (employment, day) is what `not exists` mirrors.
 */
export async function dueCheckIns(db: Executor, today: string) {
  const days = sql.raw(`array[${CHECK_IN_DAYS.join(",")}]`);
  return db.execute<{
    employment_id: string;
    employer_name: string;
    day_offset: number;
    due_date: string;
    labourer_id: string;
    name: string;
    village_code: string;
    reachable: boolean;
    cadre_user_id: string | null;
  }>(sql`
    select e.id as employment_id, e.employer_name, d.day as day_offset,
      to_char(e.start_date + d.day, 'YYYY-MM-DD') as due_date,
      l.id as labourer_id, l.name, l.village_code, ${reachSql} as reachable,
      l.assigned_cadre_user_id as cadre_user_id
    from employments e
    join labourers l on l.id = e.labourer_id
    cross join unnest(${days}) as d(day)
    where e.confirmed_at is not null and e.end_date is null
      and e.start_date + d.day <= ${today}::date
      and not exists (select 1 from employment_check_ins c
                      where c.employment_id = e.id and c.day_offset = d.day)
    order by e.id, d.day`);
}

/** Inserts what is not there yet; returns only the rows this call inserted. */
export async function insertCheckIns(
  db: Executor,
  rows: (typeof employmentCheckIns.$inferInsert)[],
) {
  if (rows.length === 0) return [];
  return db.insert(employmentCheckIns).values(rows).onConflictDoNothing().returning();
}

/**
 * Pending check-ins asked at or before `cutoff` whose job still runs get their follow-up task:
 * the rows are locked in id order (`skip locked`: a concurrent sweep takes the others, never
 * the same), `follow_up_at` is stamped, and the task's unique key makes it once per check-in.
 */
export async function raiseFollowUps(db: Executor, cutoff: Date, now: Date) {
  return db.execute<{
    id: string;
    check_in_id: string;
    labourer_id: string;
    day_offset: number;
    employer_name: string;
    name: string;
    cadre_user_id: string | null;
  }>(sql`
    with cand as (
      select c.id from employment_check_ins c
      join employments e on e.id = c.employment_id and e.end_date is null
      where c.status = 'pending' and c.follow_up_at is null
        and c.asked_at <= ${cutoff.toISOString()}::timestamptz
      order by c.id
      for update of c skip locked),
    due as (
      update employment_check_ins c set follow_up_at = ${now.toISOString()}::timestamptz
      from employments e
      where c.id in (select id from cand) and e.id = c.employment_id
      returning c.id, c.labourer_id, c.day_offset, e.employer_name),
    tasks as (
      insert into follow_up_tasks (kind, labourer_id, check_in_id, created_at)
      select 'check_in_unanswered', due.labourer_id, due.id, ${now.toISOString()}::timestamptz from due
      on conflict do nothing
      returning id, check_in_id, labourer_id)
    select t.id, t.check_in_id, t.labourer_id, due.day_offset, due.employer_name, l.name,
      l.assigned_cadre_user_id as cadre_user_id
    from tasks t join due on due.id = t.check_in_id join labourers l on l.id = t.labourer_id`);
}

/** The job ended: its pending check-ins close, and so do their open follow-up tasks. */
export async function closeCheckInsOf(db: Executor, employmentId: string, at: Date) {
  await db.execute(sql`
    with closed as (
      update employment_check_ins set status = 'closed'
      where employment_id = ${employmentId} and status = 'pending' returning id)
    update follow_up_tasks set status = 'resolved', resolution = 'ended',
      resolved_at = ${at.toISOString()}::timestamptz
    where status = 'open' and check_in_id in (select id from closed)`);
}

/** Notices go through the notifications module's one insert (a repeated subject is skipped). */
export { insertNotifications } from "../notifications/repo";

/** A check-in with its record, the person's village (scope) and whether the record has ended. */
export async function findCheckIn(
  db: Executor,
  employmentId: string,
  checkInId: string,
  opts: { lock?: boolean } = {},
) {
  const q = db
    .select({
      c: employmentCheckIns,
      employerName: employments.employerName,
      startDate: employments.startDate,
      endDate: employments.endDate,
      villageCode: labourers.villageCode,
    })
    .from(employmentCheckIns)
    .innerJoin(employments, eq(employments.id, employmentCheckIns.employmentId))
    .innerJoin(labourers, eq(labourers.id, employmentCheckIns.labourerId))
    .where(
      and(eq(employmentCheckIns.id, checkInId), eq(employmentCheckIns.employmentId, employmentId)),
    )
    .limit(1);
  const [row] = opts.lock ? await q.for("update", { of: employmentCheckIns }) : await q;
  return row;
}

export async function listCheckIns(
  db: Executor,
  employmentId: string,
  after: Keyset | undefined,
  limit: number,
) {
  return db
    .select()
    .from(employmentCheckIns)
    .where(
      and(
        eq(employmentCheckIns.employmentId, employmentId),
        afterKeyset(employmentCheckIns.createdAt, employmentCheckIns.id, after),
      ),
    )
    .orderBy(...keysetOrder(employmentCheckIns.createdAt, employmentCheckIns.id))
    .limit(limit + 1);
}

export async function updateCheckIn(
  db: Executor,
  id: string,
  values: Partial<typeof employmentCheckIns.$inferInsert>,
) {
  const [row] = await db
    .update(employmentCheckIns)
    .set(values)
    .where(eq(employmentCheckIns.id, id))
    .returning();
  return row!;
}

/** Closes the open task of a check-in or a help request (answered, or resolved in the queue). */
/** Resolves the open task with this id, or the open task of this check-in. */
export async function resolveTaskOf(
  db: Executor,
  of: { id: string } | { checkInId: string },
  values: Partial<typeof followUpTasks.$inferInsert>,
) {
  const which =
    "id" in of ? eq(followUpTasks.id, of.id) : eq(followUpTasks.checkInId, of.checkInId);
  return db
    .update(followUpTasks)
    .set({ status: "resolved", ...values })
    .where(and(which, eq(followUpTasks.status, "open")))
    .returning();
}

export async function findLabourerReach(db: Executor, labourerId: string) {
  const rows = await db.execute<{
    labourer_id: string;
    name: string;
    village_code: string;
    reachable: boolean;
    cadre_user_id: string | null;
  }>(sql`
    select l.id as labourer_id, l.name, l.village_code, ${reachSql} as reachable,
      l.assigned_cadre_user_id as cadre_user_id
    from labourers l where l.id = ${labourerId}`);
  return rows[0];
}

/**
 * Cadres in scope of a village: active cadre users whose region is a prefix of it (township or
 * county). Used when the person has no assigned cadre.
 */
export async function cadresCovering(db: Executor, villageCode: string, max = 20) {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.role, "cadre"),
        sql`${users.disabledAt} is null`,
        sql`${users.regionCode} is not null and ${villageCode} like ${users.regionCode} || '%'`,
      ),
    )
    .orderBy(users.createdAt, users.id)
    .limit(max);
  return rows.map((r) => r.id);
}

export async function labourerNames(db: Executor, ids: string[]) {
  if (ids.length === 0) return new Map<string, { name: string; villageCode: string }>();
  const rows = await db
    .select({ id: labourers.id, name: labourers.name, villageCode: labourers.villageCode })
    .from(labourers)
    .where(inArray(labourers.id, ids));
  return new Map(rows.map((r) => [r.id, { name: r.name, villageCode: r.villageCode }]));
}

/** A labourer's check-ins across records, with the employer's name, newest first. */
/** One labourer's check-ins (optionally of one status), newest first. */
export async function listMyCheckIns(
  db: Executor,
  filter: { labourerId: string; status?: CheckIn["status"] },
  after: Keyset | undefined,
  limit: number,
) {
  const where = and(
    eq(employmentCheckIns.labourerId, filter.labourerId),
    filter.status ? eq(employmentCheckIns.status, filter.status) : undefined,
  );
  return db
    .select({ c: employmentCheckIns, employerName: employments.employerName })
    .from(employmentCheckIns)
    .innerJoin(employments, eq(employments.id, employmentCheckIns.employmentId))
    .where(and(where, afterKeyset(employmentCheckIns.createdAt, employmentCheckIns.id, after)))
    .orderBy(...keysetOrder(employmentCheckIns.createdAt, employmentCheckIns.id))
    .limit(limit + 1);
}
