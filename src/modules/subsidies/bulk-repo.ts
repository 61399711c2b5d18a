import { asc, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { labourers } from "../../../db/schema/labourers";
import { employments } from "../../../db/schema/placement";
import {
  type ClaimFinding,
  subsidyClaims,
  subsidyPolicies,
  subsidyProgrammes,
  subsidyProofs,
} from "../../../db/schema/subsidies";
import { keysetOrder } from "../../lib/keyset";

/**
 * The set-based reads and writes of the subsidy worker's batches (proposals and checks of many
 * claims in one transaction): one statement per step for the whole batch, not one per claim.
 */

export async function employmentFactsMany(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({
      e: employments,
      villageCode: labourers.villageCode,
      personType: labourers.personType,
      name: labourers.name,
      cadreUserId: labourers.assignedCadreUserId,
    })
    .from(employments)
    .innerJoin(labourers, eq(labourers.id, employments.labourerId))
    .where(inArray(employments.id, ids));
}

/** Inserts the claims Postgres accepts (the unique indexes skip a repeated one); returns them. */
export async function insertClaims(db: Executor, values: (typeof subsidyClaims.$inferInsert)[]) {
  if (values.length === 0) return [];
  return db.insert(subsidyClaims).values(values).onConflictDoNothing().returning();
}

/** The claims, locked in id order (concurrent batches take their locks in one order). */
export async function lockClaims(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({
      c: subsidyClaims,
      programmeName: subsidyProgrammes.name,
      ruleType: subsidyProgrammes.ruleType,
      labourerName: labourers.name,
    })
    .from(subsidyClaims)
    .innerJoin(subsidyProgrammes, eq(subsidyProgrammes.id, subsidyClaims.programmeId))
    .innerJoin(labourers, eq(labourers.id, subsidyClaims.labourerId))
    .where(inArray(subsidyClaims.id, ids))
    .orderBy(asc(subsidyClaims.id))
    .for("update", { of: subsidyClaims });
}

export async function policiesByIds(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db.select().from(subsidyPolicies).where(inArray(subsidyPolicies.id, ids));
}

/** The tickets of many claims, each claim's in upload order. */
export async function proofsOf(db: Executor, claimIds: string[]) {
  if (claimIds.length === 0) return [];
  return db
    .select()
    .from(subsidyProofs)
    .where(inArray(subsidyProofs.claimId, claimIds))
    .orderBy(subsidyProofs.claimId, ...keysetOrder(subsidyProofs.createdAt, subsidyProofs.id));
}

export interface CheckedClaim {
  id: string;
  findings: ClaimFinding[];
  checkPassed: boolean;
  provenFen: number;
  capFen: number;
  amountFen: number;
}

/** submitted → checked for many claims in one statement, each with its own findings and amounts. */
export async function markChecked(db: Executor, rows: CheckedClaim[], at: Date) {
  if (rows.length === 0) return;
  await db.execute(sql`
    update subsidy_claims c set status = 'checked', findings = v.findings,
      check_passed = v."checkPassed", proven_fen = v."provenFen", cap_fen = v."capFen",
      amount_fen = v."amountFen", checked_at = ${at.toISOString()}::timestamptz, updated_at = now()
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(id uuid, findings jsonb,
      "checkPassed" boolean, "provenFen" int, "capFen" int, "amountFen" int)
    where c.id = v.id`);
}
