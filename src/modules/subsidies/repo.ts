import { and, desc, eq, lte, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { labourers } from "../../../db/schema/labourers";
import { employments } from "../../../db/schema/placement";
import { regions } from "../../../db/schema/regions";
import {
  type SubsidyClaim,
  type SubsidyPolicy,
  type SubsidyProgramme,
  subsidyClaimEvents,
  subsidyClaims,
  subsidyPolicies,
  subsidyProgrammes,
  subsidyProofs,
} from "../../../db/schema/subsidies";
import { users } from "../../../db/schema/users";
import { afterKeyset, type Keyset, keysetOrder } from "../../lib/keyset";
import { employmentFactsMany } from "./bulk-repo";

export type { SubsidyClaim, SubsidyPolicy, SubsidyProgramme };

// ---- programmes and policy versions

export async function findProgramme(db: Executor, code: string) {
  const [row] = await db
    .select()
    .from(subsidyProgrammes)
    .where(eq(subsidyProgrammes.code, code))
    .limit(1);
  return row;
}

export async function findProgrammeById(db: Executor, id: string) {
  const [row] = await db
    .select()
    .from(subsidyProgrammes)
    .where(eq(subsidyProgrammes.id, id))
    .limit(1);
  return row;
}

export async function insertProgramme(db: Executor, values: typeof subsidyProgrammes.$inferInsert) {
  const [row] = await db.insert(subsidyProgrammes).values(values).onConflictDoNothing().returning();
  return row;
}

export async function listProgrammes(db: Executor, after: Keyset | undefined, limit: number) {
  return db
    .select()
    .from(subsidyProgrammes)
    .where(afterKeyset(subsidyProgrammes.createdAt, subsidyProgrammes.id, after))
    .orderBy(...keysetOrder(subsidyProgrammes.createdAt, subsidyProgrammes.id))
    .limit(limit + 1);
}

export async function autoProposeProgrammes(db: Executor) {
  return db.select().from(subsidyProgrammes).where(eq(subsidyProgrammes.autoPropose, true));
}

/** The version in force for a claim year: the newest version of the latest policy year ≤ it. */
export async function policyFor(db: Executor, programmeId: string, year: number) {
  const [row] = await db
    .select()
    .from(subsidyPolicies)
    .where(and(eq(subsidyPolicies.programmeId, programmeId), lte(subsidyPolicies.policyYear, year)))
    .orderBy(desc(subsidyPolicies.policyYear), desc(subsidyPolicies.version))
    .limit(1);
  return row;
}

export async function findPolicy(db: Executor, id: string) {
  const [row] = await db.select().from(subsidyPolicies).where(eq(subsidyPolicies.id, id)).limit(1);
  return row!;
}

/** Locks the programme row: versions of one programme are numbered one at a time. */
export async function lockProgramme(db: Executor, id: string) {
  await db
    .select({ id: subsidyProgrammes.id })
    .from(subsidyProgrammes)
    .where(eq(subsidyProgrammes.id, id))
    .for("update");
}

export async function nextVersion(db: Executor, programmeId: string, year: number) {
  const [row] = await db
    .select({ v: sql<number>`coalesce(max(${subsidyPolicies.version}), 0)::int` })
    .from(subsidyPolicies)
    .where(and(eq(subsidyPolicies.programmeId, programmeId), eq(subsidyPolicies.policyYear, year)));
  return (row?.v ?? 0) + 1;
}

export async function insertPolicy(db: Executor, values: typeof subsidyPolicies.$inferInsert) {
  const [row] = await db.insert(subsidyPolicies).values(values).returning();
  return row!;
}

export async function listPolicies(
  db: Executor,
  programmeId: string,
  after: Keyset | undefined,
  limit: number,
) {
  return db
    .select()
    .from(subsidyPolicies)
    .where(
      and(
        eq(subsidyPolicies.programmeId, programmeId),
        afterKeyset(subsidyPolicies.createdAt, subsidyPolicies.id, after),
      ),
    )
    .orderBy(...keysetOrder(subsidyPolicies.createdAt, subsidyPolicies.id))
    .limit(limit + 1);
}

// ---- employments and people, as the claim rules see them

/** One employment's facts: the batch read (bulk-repo.ts) for a single id. */
export async function findEmploymentFacts(db: Executor, employmentId: string) {
  const [row] = await employmentFactsMany(db, [employmentId]);
  return row;
}

/**
 * Confirmed, held jobs outside Guangxi that started at least `months` before `today` and have no
 * claim of the programme yet (oldest first).
 */
export async function employmentsReaching(
  db: Executor,
  programmeId: string,
  months: number,
  today: string,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .select({ id: employments.id })
    .from(employments)
    .where(
      and(
        eq(employments.outsideGuangxi, true),
        sql`${employments.confirmedAt} is not null`,
        sql`(${employments.endDate} is null or ${employments.endDate} >= ${today}::date)`,
        sql`${employments.startDate} <= ${today}::date - make_interval(months => ${months})`,
        sql`not exists (select 1 from ${subsidyClaims} c where c.programme_id = ${programmeId} and c.employment_id = ${employments.id})`,
      ),
    )
    .orderBy(employments.startDate, employments.id)
    .limit(limit);
  return rows.map((r) => r.id);
}

// ---- claims

export async function insertClaim(db: Executor, values: typeof subsidyClaims.$inferInsert) {
  const [row] = await db.insert(subsidyClaims).values(values).onConflictDoNothing().returning();
  return row;
}

export async function claimForEmployment(db: Executor, programmeId: string, employmentId: string) {
  const [row] = await db
    .select()
    .from(subsidyClaims)
    .where(
      and(eq(subsidyClaims.programmeId, programmeId), eq(subsidyClaims.employmentId, employmentId)),
    )
    .limit(1);
  return row;
}

const claimColumns = {
  c: subsidyClaims,
  programmeCode: subsidyProgrammes.code,
  programmeName: subsidyProgrammes.name,
  ruleType: subsidyProgrammes.ruleType,
  policyVersion: subsidyPolicies.version,
  labourerName: labourers.name,
  labourerIdNumberMasked: labourers.idNumberMasked,
  employerName: employments.employerName,
  startDate: employments.startDate,
  destinationName: regions.fullName,
  minTickets: subsidyPolicies.minTickets,
  proofCount: sql<number>`(select count(*) from ${subsidyProofs} p where p.claim_id = ${subsidyClaims.id})::int`,
};

export type ClaimRow = {
  c: SubsidyClaim;
  programmeCode: string;
  programmeName: string;
  ruleType: SubsidyProgramme["ruleType"];
  policyVersion: number;
  labourerName: string;
  labourerIdNumberMasked: string;
  employerName: string;
  startDate: string;
  destinationName: string | null;
  minTickets: number;
  proofCount: number;
};

function claimQuery(db: Executor) {
  return db
    .select(claimColumns)
    .from(subsidyClaims)
    .innerJoin(subsidyProgrammes, eq(subsidyProgrammes.id, subsidyClaims.programmeId))
    .innerJoin(subsidyPolicies, eq(subsidyPolicies.id, subsidyClaims.policyId))
    .innerJoin(labourers, eq(labourers.id, subsidyClaims.labourerId))
    .innerJoin(employments, eq(employments.id, subsidyClaims.employmentId))
    .leftJoin(regions, eq(regions.code, subsidyClaims.destinationCode));
}

export async function findClaim(
  db: Executor,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<ClaimRow | undefined> {
  const q = claimQuery(db).where(eq(subsidyClaims.id, id)).limit(1);
  const [row] = opts.lock ? await q.for("update", { of: subsidyClaims }) : await q;
  return row;
}

export async function listClaims(
  db: Executor,
  scope: SQL,
  after: Keyset | undefined,
  limit: number,
) {
  return claimQuery(db)
    .where(and(scope, afterKeyset(subsidyClaims.createdAt, subsidyClaims.id, after)))
    .orderBy(...keysetOrder(subsidyClaims.createdAt, subsidyClaims.id))
    .limit(limit + 1);
}

export async function updateClaim(
  db: Executor,
  id: string,
  values: Partial<typeof subsidyClaims.$inferInsert>,
) {
  const [row] = await db
    .update(subsidyClaims)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(subsidyClaims.id, id))
    .returning();
  return row!;
}

/** Every claim of one employment, locked in id order (its employment stopped counting). */
export async function lockClaimsOfEmployment(db: Executor, employmentId: string) {
  return db
    .select()
    .from(subsidyClaims)
    .where(eq(subsidyClaims.employmentId, employmentId))
    .orderBy(subsidyClaims.id)
    .for("update");
}

export async function insertEvents(db: Executor, rows: (typeof subsidyClaimEvents.$inferInsert)[]) {
  if (rows.length === 0) return;
  await db.insert(subsidyClaimEvents).values(rows);
}

/** The claim's history, each move with the name of the account that made it (none: the system). */
export async function claimEvents(db: Executor, claimId: string) {
  return db
    .select({ e: subsidyClaimEvents, actorName: users.displayName })
    .from(subsidyClaimEvents)
    .leftJoin(users, eq(users.id, subsidyClaimEvents.actorUserId))
    .where(eq(subsidyClaimEvents.claimId, claimId))
    .orderBy(subsidyClaimEvents.id);
}

// ---- proofs

export async function claimProofs(db: Executor, claimId: string) {
  return db
    .select()
    .from(subsidyProofs)
    .where(eq(subsidyProofs.claimId, claimId))
    .orderBy(...keysetOrder(subsidyProofs.createdAt, subsidyProofs.id));
}

// ---- notices

/** Notices go through the notifications module's one insert (a repeated subject is skipped). */
export { insertNotifications } from "../notifications/repo";
