import { and, eq } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { subsidyProofs } from "../../../db/schema/subsidies";

/** Ticket rows of a claim written and removed by proofs.ts (the claim's list: repo.claimProofs). */

export async function insertProof(db: Executor, values: typeof subsidyProofs.$inferInsert) {
  const [row] = await db.insert(subsidyProofs).values(values).onConflictDoNothing().returning();
  return row;
}

export async function findProof(db: Executor, claimId: string, proofId: string) {
  const [row] = await db
    .select()
    .from(subsidyProofs)
    .where(and(eq(subsidyProofs.id, proofId), eq(subsidyProofs.claimId, claimId)))
    .limit(1);
  return row;
}

/** Removes one ticket of a claim; the row removed (its file key), or undefined. */
export async function deleteProof(db: Executor, claimId: string, proofId: string) {
  const [row] = await db
    .delete(subsidyProofs)
    .where(and(eq(subsidyProofs.id, proofId), eq(subsidyProofs.claimId, claimId)))
    .returning();
  return row;
}
