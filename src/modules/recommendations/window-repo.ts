import { and, desc, eq, gt, inArray, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { type RecommendationRound, recommendationRounds } from "../../../db/schema/recommendations";
import { trainingEnrolments } from "../../../db/schema/training";

/**
 * The queries of the round window, the spread rule and the round scheduler (round-window.ts,
 * spread.ts, candidates.ts, schedule.ts, next-round.ts hold the rules): advisory locks, live
 * recommendation counts, recent and latest rounds, rounds due.
 */

/**
 * Takes `pg_advisory_xact_lock(namespace, k)` for every key in one statement, in ascending key
 * order (the sorted subquery feeds the function row by row).
 */
export async function advisoryLockInOrder(tx: Executor, namespace: number, sorted: number[]) {
  await tx.execute(sql`select count(pg_advisory_xact_lock(${namespace}::int, k)) from (
    select k from unnest(${sql.param(sorted)}::int[]) as t(k) order by k
  ) as ordered`);
}

/** `pg_try_advisory_xact_lock(namespace, k)` for each key: the keys it got. */
export async function tryAdvisoryLocks(
  tx: Executor,
  namespace: number,
  keys: number[],
): Promise<Set<number>> {
  const tried = await tx.execute<{ k: number; ok: boolean }>(sql`
    select k, pg_try_advisory_xact_lock(${namespace}::int, k) as ok
    from unnest(${sql.param(keys)}::int[]) as k`);
  return new Set(tried.filter((t) => t.ok).map((t) => Number(t.k)));
}

/** Per posting: headcount, status, and recommendations stored after `since` and not declined. */
export async function liveRecommendations(tx: Executor, jobIds: string[], since: Date) {
  return tx.execute<{ id: string; headcount: number; status: string; used: number }>(sql`
    select j.id, j.headcount, j.status::text as status,
      (select count(*)::int from recommendations r
        where r.job_id = j.id and r.created_at > ${since.toISOString()}::timestamptz and r.feedback <> 'declined') as used
    from jobs j where j.id = any(${sql.param(jobIds)}::uuid[])`);
}

/**
 * Live (not declined) recommendations per posting since `since`, only postings that have some.
 * One index probe per posting (`recommendations_job_created_idx`) through a lateral count: with
 * `job_id = any(...)` over several hundred ids the planner chose a sequential scan of every
 * recommendation (46k rows a scan in the push benchmark) whenever its statistics lagged behind
 * the table's growth; a per-id probe cannot turn into a scan.
 */
export async function pushedCountRows(db: Executor, jobIds: string[], since: Date) {
  return db.execute<{ job_id: string; n: number }>(sql`
    select j.id as job_id, c.n from unnest(${sql.param(jobIds)}::uuid[]) as j(id)
    cross join lateral (
      select count(*)::int as n from recommendations r
      where r.job_id = j.id and r.created_at > ${since.toISOString()}::timestamptz and r.feedback <> 'declined'
    ) c
    where c.n > 0`);
}

/** These labourers' rounds stored after `since`, newest first. */
export async function roundsSince(
  db: Executor,
  labourerIds: string[],
  since: Date,
): Promise<RecommendationRound[]> {
  return db
    .select()
    .from(recommendationRounds)
    .where(
      and(
        inArray(recommendationRounds.labourerId, labourerIds),
        gt(recommendationRounds.createdAt, since),
      ),
    )
    .orderBy(desc(recommendationRounds.createdAt));
}

/**
 * The latest round of each unemployed labourer with work intention and capacity, when it is
 * older than `cutoff` and below `maxRounds`: the enrolment and round to continue.
 */
export async function dueRoundContinuations(tx: Executor, cutoff: Date, maxRounds: number) {
  return tx.execute<{ enrolment_id: string; round: number }>(sql`
      select enrolment_id, round from (
        select distinct on (r.labourer_id) r.labourer_id, r.enrolment_id, r.round, r.created_at
        from recommendation_rounds r
        join labourers l on l.id = r.labourer_id
        where l.employment_status = 'unemployed' and l.work_intention <> 'none' and l.labour_capacity <> 'none'
        order by r.labourer_id, r.created_at desc, r.round desc
      ) latest
      where latest.created_at <= ${cutoff.toISOString()}::timestamptz and latest.round < ${maxRounds}`);
}

/** The labourer's latest round (enrolment and number), or undefined. */
export async function latestRound(db: Executor, labourerId: string) {
  const [latest] = await db
    .select({ enrolmentId: recommendationRounds.enrolmentId, round: recommendationRounds.round })
    .from(recommendationRounds)
    .where(eq(recommendationRounds.labourerId, labourerId))
    .orderBy(desc(recommendationRounds.createdAt), desc(recommendationRounds.round))
    .limit(1);
  return latest;
}

/** The labourer's latest passed enrolment, or undefined. */
export async function latestPassedEnrolment(db: Executor, labourerId: string) {
  const [passed] = await db
    .select({ id: trainingEnrolments.id })
    .from(trainingEnrolments)
    .where(
      and(eq(trainingEnrolments.labourerId, labourerId), eq(trainingEnrolments.status, "passed")),
    )
    .orderBy(desc(trainingEnrolments.resultDate))
    .limit(1);
  return passed;
}
