import { and, eq, inArray, lte, or, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { employers } from "../../../db/schema/employers";
import { type Job, jobs, type NewJob } from "../../../db/schema/jobs";
import { labourers } from "../../../db/schema/labourers";
import { afterKeyset, keysetOrder } from "../../lib/keyset";

export type { Job, NewJob };
export type JobWithEmployer = Job & { employerName: string };

export interface EmployerForJob {
  id: string;
  name: string;
  type: string;
  regionCode: string;
  verificationStatus: string;
  workshopCertificateNo: string | null;
}

export async function findEmployerForJob(
  db: Executor,
  id: string,
): Promise<EmployerForJob | undefined> {
  const [row] = await db
    .select({
      id: employers.id,
      name: employers.name,
      type: employers.type,
      regionCode: employers.regionCode,
      verificationStatus: employers.verificationStatus,
      workshopCertificateNo: employers.workshopCertificateNo,
    })
    .from(employers)
    .where(eq(employers.id, id))
    .limit(1);
  return row;
}

export async function insertJob(db: Executor, values: NewJob): Promise<Job> {
  const [row] = await db.insert(jobs).values(values).returning();
  return row!;
}

export async function findJob(db: Executor, id: string): Promise<JobWithEmployer | undefined> {
  const [row] = await db
    .select({ job: jobs, employerName: employers.name })
    .from(jobs)
    .innerJoin(employers, eq(employers.id, jobs.employerId))
    .where(eq(jobs.id, id))
    .limit(1);
  return row ? { ...row.job, employerName: row.employerName } : undefined;
}

/** Row lock for a change: two people closing and editing the same posting serialise here. */
export async function findJobForUpdate(db: Executor, id: string): Promise<Job | undefined> {
  const [row] = await db.select().from(jobs).where(eq(jobs.id, id)).for("update").limit(1);
  return row;
}

export async function updateJob(db: Executor, id: string, values: Partial<NewJob>): Promise<Job> {
  const [row] = await db
    .update(jobs)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(jobs.id, id))
    .returning();
  return row!;
}

/** SQL twin of access.ts inJobScope: the work place, the employer's region, the gd_gx departure county. */
export function jobScopeSql(prefix: string): SQL {
  if (prefix === "") return sql`true`;
  const p = `${prefix}%`;
  return or(
    sql`${jobs.regionCode} like ${p}`,
    sql`${jobs.employerRegionCode} like ${p}`,
    sql`${jobs.departureRegionCode} like ${p}`,
  )!;
}

export function jobOwnerSql(employerId: string): SQL {
  return eq(jobs.employerId, employerId);
}

export interface JobListFilter {
  scope: SQL;
  status?: Job["status"];
  channel?: Job["channel"];
  employerId?: string;
  after?: { createdAt: Date; id: string };
  limit: number;
}

export async function listJobs(db: Executor, f: JobListFilter): Promise<JobWithEmployer[]> {
  const conds: (SQL | undefined)[] = [f.scope];
  if (f.status) conds.push(eq(jobs.status, f.status));
  if (f.channel) conds.push(eq(jobs.channel, f.channel));
  if (f.employerId) conds.push(eq(jobs.employerId, f.employerId));
  if (f.after) {
    conds.push(afterKeyset(jobs.createdAt, jobs.id, f.after));
  }
  const rows = await db
    .select({ job: jobs, employerName: employers.name })
    .from(jobs)
    .innerJoin(employers, eq(employers.id, jobs.employerId))
    .where(and(...conds))
    .orderBy(...keysetOrder(jobs.createdAt, jobs.id))
    .limit(f.limit + 1);
  return rows.map((r) => ({ ...r.job, employerName: r.employerName }));
}

/** Open postings past their expiry, oldest first, locked so two expiry runs never collide. */
export async function lockDueForExpiry(db: Executor, now: Date, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(eq(jobs.status, "open"), lte(jobs.expiresAt, now)))
    .orderBy(jobs.expiresAt)
    .limit(limit)
    .for("update", { skipLocked: true });
  return rows.map((r) => r.id);
}

export async function jobTextsByEmployer(db: Executor, employerId: string) {
  return db
    .select({
      id: jobs.id,
      title: jobs.title,
      description: jobs.description,
      occupation: jobs.occupation,
      skills: jobs.skills,
      placeName: jobs.placeName,
      regionCode: jobs.regionCode,
      channel: jobs.channel,
      certificates: jobs.certificates,
    })
    .from(jobs)
    .where(eq(jobs.employerId, employerId));
}

/** Moves `version` on (the index lags until the sync worker confirms it) and stamps `changed_at`. */
export async function bumpJobVersions(db: Executor, jobIds: string[]): Promise<void> {
  await db
    .update(jobs)
    .set({ version: sql`${jobs.version} + 1`, changedAt: sql`now()` })
    .where(inArray(jobs.id, jobIds));
}

export async function employerName(db: Executor, employerId: string): Promise<string | undefined> {
  const [employer] = await db
    .select({ name: employers.name })
    .from(employers)
    .where(eq(employers.id, employerId));
  return employer?.name;
}

export async function setJobSearchColumns(
  db: Executor,
  id: string,
  columns: Partial<NewJob>,
): Promise<void> {
  await db.update(jobs).set(columns).where(eq(jobs.id, id));
}

/** A labourer's home village: where "local" starts for their search (local-first, distance in words). */
export async function findLabourerVillage(db: Executor, id: string): Promise<string | null> {
  const [row] = await db
    .select({ villageCode: labourers.villageCode })
    .from(labourers)
    .where(eq(labourers.id, id))
    .limit(1);
  return row?.villageCode ?? null;
}
