import { and, desc, eq, gte, inArray, isNotNull, like, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { employers } from "../../../db/schema/employers";
import { jobs } from "../../../db/schema/jobs";
import { labourers } from "../../../db/schema/labourers";
import {
  recommendationRounds,
  recommendations,
  shortageAlerts,
} from "../../../db/schema/recommendations";
import { trainingEnrolments } from "../../../db/schema/training";
import { keysetOrder } from "../../lib/keyset";

export type Recommendation = typeof recommendations.$inferSelect;

/** The labourer's id and home village (for the visibility check), or undefined. */
export async function findLabourerHome(db: Executor, labourerId: string) {
  const [l] = await db
    .select({ id: labourers.id, villageCode: labourers.villageCode })
    .from(labourers)
    .where(eq(labourers.id, labourerId))
    .limit(1);
  return l;
}

export const latestRounds = (db: Executor, labourerId: string, limit: number) =>
  db
    .select()
    .from(recommendationRounds)
    .where(eq(recommendationRounds.labourerId, labourerId))
    .orderBy(desc(recommendationRounds.createdAt), desc(recommendationRounds.round))
    .limit(limit);

/** The rounds' recommendations with their postings, by rank. */
export const roundItems = (db: Executor, roundIds: string[]) =>
  db
    .select({ r: recommendations, job: jobs, employerName: employers.name })
    .from(recommendations)
    .innerJoin(jobs, eq(jobs.id, recommendations.jobId))
    .innerJoin(employers, eq(employers.id, jobs.employerId))
    .where(inArray(recommendations.roundId, roundIds))
    .orderBy(recommendations.rank);

export const roundAlerts = (db: Executor, roundIds: string[]) =>
  db.select().from(shortageAlerts).where(inArray(shortageAlerts.roundId, roundIds));

export async function findRecommendation(
  db: Executor,
  id: string,
): Promise<Recommendation | undefined> {
  const [r] = await db.select().from(recommendations).where(eq(recommendations.id, id));
  return r;
}

/** The recommendation with its labourer's home village (for the visibility check). */
export async function findRecommendationWithHome(db: Executor, id: string) {
  const [rec] = await db
    .select({ r: recommendations, villageCode: labourers.villageCode })
    .from(recommendations)
    .innerJoin(labourers, eq(labourers.id, recommendations.labourerId))
    .where(eq(recommendations.id, id))
    .limit(1);
  return rec;
}

/**
 * Records the labourer's answer. A "viewed" changes only an undecided recommendation — checked in
 * the statement, so a late "viewed" from another tab cannot overwrite a decision; then undefined.
 */
export async function setFeedback(
  db: Executor,
  id: string,
  set: Pick<
    typeof recommendations.$inferInsert,
    "feedback" | "declineReason" | "feedbackNote" | "feedbackAt" | "feedbackBy"
  >,
): Promise<Recommendation | undefined> {
  const [updated] = await db
    .update(recommendations)
    .set(set)
    .where(
      and(
        eq(recommendations.id, id),
        set.feedback === "viewed" ? eq(recommendations.feedback, "none") : sql`true`,
      ),
    )
    .returning();
  return updated;
}

/** Shortage alerts with the labourer's name, in keyset order. */
export const listAlerts = (
  db: Executor,
  f: {
    scope?: SQL;
    status: "open" | "resolved";
    countyPrefix?: string;
    after?: SQL;
    limit: number;
  },
) =>
  db
    .select({ a: shortageAlerts, name: labourers.name })
    .from(shortageAlerts)
    .innerJoin(labourers, eq(labourers.id, shortageAlerts.labourerId))
    .where(
      and(
        f.scope,
        eq(shortageAlerts.status, f.status),
        f.countyPrefix === undefined
          ? undefined
          : like(shortageAlerts.countyCode, `${f.countyPrefix}%`),
        f.after,
      ),
    )
    .orderBy(...keysetOrder(shortageAlerts.createdAt, shortageAlerts.id))
    .limit(f.limit);

/** Rounds stored since `since` of labourers who have an assistance cadre (the cadre digest). */
export const roundsForCadres = (db: Executor, since: Date) =>
  db
    .select({
      cadreId: labourers.assignedCadreUserId,
      name: labourers.name,
      picked: recommendationRounds.picked,
      outcome: recommendationRounds.outcome,
      round: recommendationRounds.round,
    })
    .from(recommendationRounds)
    .innerJoin(labourers, eq(labourers.id, recommendationRounds.labourerId))
    .where(
      and(gte(recommendationRounds.createdAt, since), isNotNull(labourers.assignedCadreUserId)),
    );

/** The enrolments rounds are asked for: who and whether they passed. */
export const enrolmentsByIds = (db: Executor, ids: string[]) =>
  db
    .select({
      id: trainingEnrolments.id,
      labourerId: trainingEnrolments.labourerId,
      status: trainingEnrolments.status,
    })
    .from(trainingEnrolments)
    .where(inArray(trainingEnrolments.id, ids));
