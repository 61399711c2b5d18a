import { and, eq, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { employers } from "../../../db/schema/employers";
import { jobs } from "../../../db/schema/jobs";
import { labourers } from "../../../db/schema/labourers";
import {
  applications,
  type Employment,
  employmentEvidence,
  employments,
  type NewEmployment,
} from "../../../db/schema/placement";
import { afterKeyset, type Keyset, keysetOrder } from "../../lib/keyset";

export type { Employment, NewEmployment };

export async function insertEmployment(db: Executor, values: NewEmployment): Promise<Employment> {
  const [row] = await db.insert(employments).values(values).returning();
  return row!;
}

export async function updateEmployment(
  db: Executor,
  id: string,
  values: Partial<NewEmployment>,
): Promise<Employment> {
  const [row] = await db
    .update(employments)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(employments.id, id))
    .returning();
  return row!;
}

/** A record with the person's village (staff scope is the labourer's home region). */
export async function findEmployment(db: Executor, id: string, opts: { lock?: boolean } = {}) {
  const q = db
    .select({ e: employments, villageCode: labourers.villageCode })
    .from(employments)
    .innerJoin(labourers, eq(labourers.id, employments.labourerId))
    .where(eq(employments.id, id))
    .limit(1);
  const [row] = opts.lock ? await q.for("update", { of: employments }) : await q;
  return row;
}

/** The posting, locked: hires on one posting serialise here, so the headcount cannot be overshot. */
export async function lockJob(db: Executor, jobId: string) {
  const [row] = await db
    .select({
      id: jobs.id,
      status: jobs.status,
      headcount: jobs.headcount,
      channel: jobs.channel,
      regionCode: jobs.regionCode,
      wageMinFen: jobs.wageMinFen,
      wageUnit: jobs.wageUnit,
      employerId: jobs.employerId,
    })
    .from(jobs)
    .where(eq(jobs.id, jobId))
    .for("update");
  return row;
}

export async function countHired(db: Executor, jobId: string): Promise<number> {
  return db.$count(
    applications,
    and(eq(applications.jobId, jobId), eq(applications.status, "hired")),
  );
}

export async function markJobFilled(db: Executor, jobId: string, at: Date) {
  await db
    .update(jobs)
    .set({ status: "filled", filledAt: at, updatedAt: sql`now()` })
    .where(eq(jobs.id, jobId));
}

export async function employerName(db: Executor, employerId: string): Promise<string> {
  const [row] = await db
    .select({ name: employers.name })
    .from(employers)
    .where(eq(employers.id, employerId))
    .limit(1);
  return row?.name ?? "";
}

export async function findLabourerVillage(db: Executor, labourerId: string) {
  const [row] = await db
    .select({ id: labourers.id, villageCode: labourers.villageCode })
    .from(labourers)
    .where(eq(labourers.id, labourerId))
    .limit(1);
  return row;
}

export async function listEmployments(
  db: Executor,
  scope: SQL,
  after: Keyset | undefined,
  limit: number,
) {
  return db
    .select({ e: employments, villageCode: labourers.villageCode })
    .from(employments)
    .innerJoin(labourers, eq(labourers.id, employments.labourerId))
    .where(and(scope, afterKeyset(employments.createdAt, employments.id, after)))
    .orderBy(...keysetOrder(employments.createdAt, employments.id))
    .limit(limit + 1);
}

export async function insertEvidence(db: Executor, values: typeof employmentEvidence.$inferInsert) {
  const [row] = await db.insert(employmentEvidence).values(values).returning();
  return row!;
}

/** One record's evidence, newest first, paged by (created_at, id). */
export async function listEvidence(
  db: Executor,
  employmentId: string,
  after: Keyset | undefined,
  limit: number,
) {
  return db
    .select()
    .from(employmentEvidence)
    .where(
      and(
        eq(employmentEvidence.employmentId, employmentId),
        afterKeyset(employmentEvidence.createdAt, employmentEvidence.id, after),
      ),
    )
    .orderBy(...keysetOrder(employmentEvidence.createdAt, employmentEvidence.id))
    .limit(limit + 1);
}

export async function countEvidence(db: Executor, employmentId: string): Promise<number> {
  return db.$count(employmentEvidence, eq(employmentEvidence.employmentId, employmentId));
}

export async function findEvidence(db: Executor, employmentId: string, evidenceId: string) {
  const [row] = await db
    .select()
    .from(employmentEvidence)
    .where(
      and(eq(employmentEvidence.id, evidenceId), eq(employmentEvidence.employmentId, employmentId)),
    )
    .limit(1);
  return row;
}

/** The employment record a hire wrote (one per application: `employments_application_uq`). */
export async function findEmploymentOfApplication(
  db: Executor,
  applicationId: string,
  opts: { lock?: boolean } = {},
) {
  const q = db
    .select()
    .from(employments)
    .where(eq(employments.applicationId, applicationId))
    .limit(1);
  const [row] = opts.lock ? await q.for("update") : await q;
  return row;
}
