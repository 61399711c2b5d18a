import { and, desc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { jobs } from "../../../db/schema/jobs";
import { labourers } from "../../../db/schema/labourers";
import { recommendations } from "../../../db/schema/recommendations";
import { regions } from "../../../db/schema/regions";
import { labourBrands, trainingCourses, trainingEnrolments } from "../../../db/schema/training";

/** The five queries behind loadMatchProfiles (profile.ts), one per input, whatever the number of people. */

export const labourersByIds = (db: Executor, ids: string[]) =>
  db.select().from(labourers).where(inArray(labourers.id, ids));

/** Passed enrolments with their occupation and labour brand, newest result first. */
export const passedCertificates = (db: Executor, labourerIds: string[]) =>
  db
    .select({
      labourerId: trainingEnrolments.labourerId,
      occupation: trainingCourses.occupation,
      brandCode: labourBrands.code,
      brandName: labourBrands.name,
      brandOccupations: labourBrands.occupations,
    })
    .from(trainingEnrolments)
    .innerJoin(trainingCourses, eq(trainingCourses.id, trainingEnrolments.courseId))
    .leftJoin(labourBrands, eq(labourBrands.code, trainingCourses.brandCode))
    .where(
      and(
        inArray(trainingEnrolments.labourerId, labourerIds),
        eq(trainingEnrolments.status, "passed"),
      ),
    )
    // The order passedEnrolments() uses for one person: the newest result first.
    .orderBy(
      sql`${trainingEnrolments.resultDate} desc nulls last`,
      desc(trainingEnrolments.createdAt),
    );

/** Recommendations declined or applied to, with the posting's occupation and channel. */
export const decidedFeedback = (db: Executor, labourerIds: string[]) =>
  db
    .select({
      labourerId: recommendations.labourerId,
      jobId: recommendations.jobId,
      feedback: recommendations.feedback,
      reason: recommendations.declineReason,
      occupation: jobs.occupation,
      channel: jobs.channel,
    })
    .from(recommendations)
    .innerJoin(jobs, eq(jobs.id, recommendations.jobId))
    .where(
      and(
        inArray(recommendations.labourerId, labourerIds),
        inArray(recommendations.feedback, ["declined", "applied"]),
      ),
    );

export const regionPoints = (db: Executor, codes: string[]) =>
  db
    .select({ code: regions.code, lat: regions.lat, lng: regions.lng })
    .from(regions)
    .where(inArray(regions.code, codes));

/** Members with a job (not `unemployed`) per household. */
export async function employedPerHousehold(
  db: Executor,
  householdIds: string[],
): Promise<{ householdId: string | null; employed: number }[]> {
  if (householdIds.length === 0) return [];
  return db
    .select({ householdId: labourers.householdId, employed: sql<number>`count(*)::int` })
    .from(labourers)
    .where(
      and(
        inArray(labourers.householdId, householdIds),
        ne(labourers.employmentStatus, "unemployed"),
      ),
    )
    .groupBy(labourers.householdId);
}
