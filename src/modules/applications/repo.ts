import { and, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { employers } from "../../../db/schema/employers";
import { jobs } from "../../../db/schema/jobs";
import { labourers } from "../../../db/schema/labourers";
import { type Application, applicationEvents, applications } from "../../../db/schema/placement";
import { recommendations } from "../../../db/schema/recommendations";
import { regions } from "../../../db/schema/regions";
import { labourBrands, trainingCourses, trainingEnrolments } from "../../../db/schema/training";
import { afterKeyset, type Keyset, keysetOrder } from "../../lib/keyset";
import type { ApplicationStatus } from "./rules";

export type { Application };
export type NewEvent = typeof applicationEvents.$inferInsert;

export async function findJobForApply(db: Executor, jobId: string) {
  const [row] = await db
    .select({
      id: jobs.id,
      status: jobs.status,
      expiresAt: jobs.expiresAt,
      employerId: jobs.employerId,
      title: jobs.title,
      regionCode: jobs.regionCode,
      employerRegionCode: jobs.employerRegionCode,
      departureRegionCode: jobs.departureRegionCode,
      employerStatus: employers.verificationStatus,
    })
    .from(jobs)
    .innerJoin(employers, eq(employers.id, jobs.employerId))
    .where(eq(jobs.id, jobId))
    .limit(1);
  return row;
}

export async function findLabourer(db: Executor, id: string) {
  const [row] = await db
    .select({
      id: labourers.id,
      name: labourers.name,
      villageCode: labourers.villageCode,
      assignedCadreUserId: labourers.assignedCadreUserId,
    })
    .from(labourers)
    .where(eq(labourers.id, id))
    .limit(1);
  return row;
}

/** Inserts unless an active application holds the slot (the partial unique index): then undefined. */
export async function insertApplication(
  db: Executor,
  values: typeof applications.$inferInsert,
): Promise<Application | undefined> {
  const [row] = await db.insert(applications).values(values).onConflictDoNothing().returning();
  return row;
}

export async function findActive(
  db: Executor,
  labourerId: string,
  jobId: string,
): Promise<Application | undefined> {
  const [row] = await db
    .select()
    .from(applications)
    .where(
      and(
        eq(applications.labourerId, labourerId),
        eq(applications.jobId, jobId),
        sql`${applications.status} in ('submitted', 'viewed', 'accepted', 'hired')`,
      ),
    )
    .limit(1);
  return row;
}

export async function insertEvent(db: Executor, values: NewEvent) {
  const [row] = await db.insert(applicationEvents).values(values).returning();
  return row!;
}

/** An application with what deciding access needs: the person's village and cadre, the posting's title. */
export async function findApplication(db: Executor, id: string, opts: { lock?: boolean } = {}) {
  const q = db
    .select({
      app: applications,
      villageCode: labourers.villageCode,
      cadreUserId: labourers.assignedCadreUserId,
      jobTitle: jobs.title,
    })
    .from(applications)
    .innerJoin(labourers, eq(labourers.id, applications.labourerId))
    .innerJoin(jobs, eq(jobs.id, applications.jobId))
    .where(eq(applications.id, id))
    .limit(1);
  // Locks the application row only: two moves on it serialise here, the second sees the first's state.
  const [row] = opts.lock ? await q.for("update", { of: applications }) : await q;
  return row;
}

export async function setStatus(
  db: Executor,
  id: string,
  status: ApplicationStatus,
  at: Date,
): Promise<Application> {
  const [row] = await db
    .update(applications)
    .set({ status, statusChangedAt: at, updatedAt: sql`now()` })
    .where(eq(applications.id, id))
    .returning();
  return row!;
}

export async function listEvents(db: Executor, applicationId: string) {
  return db
    .select()
    .from(applicationEvents)
    .where(eq(applicationEvents.applicationId, applicationId))
    .orderBy(applicationEvents.id);
}

/** A posting's applicants with what the masked view is built from (never the phone). */
export async function listForJob(
  db: Executor,
  jobId: string,
  after: Keyset | undefined,
  limit: number,
) {
  return db
    .select({
      app: applications,
      name: labourers.name,
      birthDate: labourers.birthDate,
      villageCode: labourers.villageCode,
    })
    .from(applications)
    .innerJoin(labourers, eq(labourers.id, applications.labourerId))
    .where(
      and(
        eq(applications.jobId, jobId),
        afterKeyset(applications.createdAt, applications.id, after),
      ),
    )
    .orderBy(...keysetOrder(applications.createdAt, applications.id))
    .limit(limit + 1);
}

/** One person's applications with the posting as they saw it. */
export async function listForLabourer(
  db: Executor,
  labourerId: string,
  after: Keyset | undefined,
  limit: number,
) {
  return db
    .select({
      app: applications,
      jobTitle: jobs.title,
      placeName: jobs.placeName,
      employerName: employers.name,
      jobStatus: jobs.status,
    })
    .from(applications)
    .innerJoin(jobs, eq(jobs.id, applications.jobId))
    .innerJoin(employers, eq(employers.id, applications.employerId))
    .where(
      and(
        eq(applications.labourerId, labourerId),
        afterKeyset(applications.createdAt, applications.id, after),
      ),
    )
    .orderBy(...keysetOrder(applications.createdAt, applications.id))
    .limit(limit + 1);
}

/** Labour-brand names of each person's passed training (the certificates an employer may see). */
export async function certificatesOf(
  db: Executor,
  labourerIds: string[],
): Promise<Map<string, string[]>> {
  if (labourerIds.length === 0) return new Map();
  const rows = await db
    .selectDistinct({ labourerId: trainingEnrolments.labourerId, name: labourBrands.name })
    .from(trainingEnrolments)
    .innerJoin(trainingCourses, eq(trainingCourses.id, trainingEnrolments.courseId))
    .innerJoin(labourBrands, eq(labourBrands.code, trainingCourses.brandCode))
    .where(
      and(
        inArray(trainingEnrolments.labourerId, labourerIds),
        eq(trainingEnrolments.status, "passed"),
      ),
    );
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.labourerId, [...(out.get(r.labourerId) ?? []), r.name]);
  return out;
}

export async function regionNames(db: Executor, codes: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(codes)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .select({ code: regions.code, name: regions.name })
    .from(regions)
    .where(inArray(regions.code, unique));
  return new Map(rows.map((r) => [r.code, r.name]));
}

export async function findRecommendation(db: Executor, id: string) {
  const [row] = await db
    .select({
      id: recommendations.id,
      labourerId: recommendations.labourerId,
      jobId: recommendations.jobId,
    })
    .from(recommendations)
    .where(eq(recommendations.id, id))
    .limit(1);
  return row;
}

/**
 * The recommendation's feedback becomes `applied` in the transaction that creates the
 * application, so the recommendation and the application never disagree.
 */
export async function markRecommendationApplied(
  db: Executor,
  id: string,
  by: string | null,
  at: Date,
  note: string | null,
) {
  await db
    .update(recommendations)
    .set({
      feedback: "applied",
      declineReason: null,
      feedbackNote: note,
      feedbackAt: at,
      feedbackBy: by,
    })
    .where(eq(recommendations.id, id));
}

/** Notices go through the notifications module's one insert (a repeated subject is skipped). */
export { insertNotifications } from "../notifications/repo";

export async function findLabourerContact(db: Executor, labourerId: string) {
  const [row] = await db
    .select({
      name: labourers.name,
      phoneEnc: labourers.phoneEnc,
      phoneMasked: labourers.phoneMasked,
    })
    .from(labourers)
    .where(eq(labourers.id, labourerId))
    .limit(1);
  return row;
}
