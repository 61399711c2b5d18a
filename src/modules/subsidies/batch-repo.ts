import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { labourers } from "../../../db/schema/labourers";
import {
  type PaymentBatch,
  paymentBatches,
  paymentBatchItems,
  subsidyClaimEvents,
  subsidyClaims,
} from "../../../db/schema/subsidies";
import { afterKeyset, type Keyset, keysetOrder } from "../../lib/keyset";
import type { ClaimStatus } from "./rules";

export type { PaymentBatch };

/**
 * Payable claims (approved, or a failed payment waiting for a later batch) in scope that no
 * pending or paid batch item holds, locked; rows another batch is taking right now are skipped.
 */
export async function lockPayableClaims(
  db: Executor,
  programmeId: string,
  scope: SQL,
  limit: number,
) {
  return db
    .select({
      id: subsidyClaims.id,
      status: subsidyClaims.status,
      amountFen: subsidyClaims.amountFen,
    })
    .from(subsidyClaims)
    .where(
      and(
        eq(subsidyClaims.programmeId, programmeId),
        inArray(subsidyClaims.status, ["approved", "payment_failed"]),
        scope,
        sql`not exists (select 1 from ${paymentBatchItems} i where i.claim_id = ${subsidyClaims.id} and i.result in ('pending', 'paid'))`,
      ),
    )
    .orderBy(subsidyClaims.createdAt, subsidyClaims.id)
    .limit(limit)
    .for("update", { skipLocked: true });
}

export async function insertBatch(db: Executor, values: typeof paymentBatches.$inferInsert) {
  const [row] = await db.insert(paymentBatches).values(values).returning();
  return row!;
}

/** Items that Postgres accepts: a claim already pending or paid elsewhere is skipped by the unique indexes. */
export async function insertItems(db: Executor, values: (typeof paymentBatchItems.$inferInsert)[]) {
  if (values.length === 0) return [];
  const out: { claimId: string; amountFen: number }[] = [];
  for (let i = 0; i < values.length; i += 5000) {
    out.push(
      ...(await db
        .insert(paymentBatchItems)
        .values(values.slice(i, i + 5000))
        .onConflictDoNothing()
        .returning({ claimId: paymentBatchItems.claimId, amountFen: paymentBatchItems.amountFen })),
    );
  }
  return out;
}

/** Moves claims `from` → `to` (only those still in `from`), with one event each; returns the ids moved. */
export async function moveClaims(
  db: Executor,
  ids: string[],
  from: "approved" | "payment_failed",
  to: "approved",
  set: { at: Date; actorUserId: string | null; actorRole: string; reason?: string },
): Promise<string[]> {
  const moved: string[] = [];
  for (let i = 0; i < ids.length; i += 5000) {
    const rows = await db
      .update(subsidyClaims)
      .set({ status: to, updatedAt: sql`now()` })
      .where(and(inArray(subsidyClaims.id, ids.slice(i, i + 5000)), eq(subsidyClaims.status, from)))
      .returning({ id: subsidyClaims.id });
    moved.push(...rows.map((r) => r.id));
  }
  await insertEventsBulk(
    db,
    moved.map((claimId) => ({ claimId, reason: set.reason ?? null })),
    from,
    to,
    set,
  );
  return moved;
}

export interface BankAnswer {
  itemId: string;
  claimId: string;
  reference: string | null;
  reason: string | null;
}

/**
 * The bank's answers, one statement per 5,000: items still pending take the result, their
 * claims still approved move to paid / payment_failed. Returns the answers that changed a claim.
 */
export async function recordAnswers(
  db: Executor,
  answers: BankAnswer[],
  to: "paid" | "payment_failed",
  at: Date,
): Promise<BankAnswer[]> {
  const done: BankAnswer[] = [];
  const result = to === "paid" ? "paid" : "failed";
  for (let i = 0; i < answers.length; i += 5000) {
    const chunk = answers.slice(i, i + 5000);
    // Two statements, each joining real tables by their indexes: the claims' update once joined
    // a CTE of the updated items, and with stale statistics (a few thousand claims approved since
    // the last ANALYZE) Postgres nested-looped every approved claim over that CTE — rows² per chunk.
    const items = await db.execute<{ id: string }>(sql`
      with v as (
        select * from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb)
          as x("itemId" uuid, "claimId" uuid, reference text, reason text))
      update payment_batch_items i set result = ${result}::payment_item_result,
        reference = v.reference, failure_reason = v.reason, result_at = ${at.toISOString()}::timestamptz
      from v where i.id = v."itemId" and i.result = 'pending'
      returning i.id`);
    if (items.length === 0) continue;
    const rows = await db.execute<{ item_id: string }>(sql`
      update subsidy_claims c set status = ${to}::subsidy_claim_status, updated_at = now(),
        paid_at = case when ${to} = 'paid' then ${at.toISOString()}::timestamptz else c.paid_at end,
        payment_reference = coalesce(i.reference, c.payment_reference),
        payment_failure_reason = i.failure_reason
      from payment_batch_items i
      where i.id = any(${sql.param(items.map((r) => r.id))}::uuid[]) and c.id = i.claim_id
        and c.status = 'approved'
      returning i.id as item_id`);
    const ok = new Set(rows.map((r) => r.item_id));
    done.push(...chunk.filter((a) => ok.has(a.itemId)));
  }
  return done;
}

export async function insertEventsBulk(
  db: Executor,
  rows: { claimId: string; reason: string | null }[],
  from: ClaimStatus,
  to: ClaimStatus,
  set: { at: Date; actorUserId: string | null; actorRole: string },
) {
  for (let i = 0; i < rows.length; i += 5000) {
    const chunk = rows.slice(i, i + 5000);
    if (chunk.length === 0) continue;
    await db.insert(subsidyClaimEvents).values(
      chunk.map((r) => ({
        claimId: r.claimId,
        fromStatus: from,
        toStatus: to,
        actorUserId: set.actorUserId,
        actorRole: set.actorRole,
        reason: r.reason,
        at: set.at,
      })),
    );
  }
}

export async function updateBatch(
  db: Executor,
  id: string,
  values: Partial<typeof paymentBatches.$inferInsert>,
) {
  const [row] = await db
    .update(paymentBatches)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(paymentBatches.id, id))
    .returning();
  return row!;
}

export async function findBatch(db: Executor, id: string, opts: { lock?: boolean } = {}) {
  const q = db.select().from(paymentBatches).where(eq(paymentBatches.id, id)).limit(1);
  const [row] = opts.lock ? await q.for("update") : await q;
  return row;
}

export async function listBatches(
  db: Executor,
  scope: SQL,
  after: Keyset | undefined,
  limit: number,
) {
  return db
    .select()
    .from(paymentBatches)
    .where(and(scope, afterKeyset(paymentBatches.createdAt, paymentBatches.id, after)))
    .orderBy(...keysetOrder(paymentBatches.createdAt, paymentBatches.id))
    .limit(limit + 1);
}

const itemColumns = {
  id: paymentBatchItems.id,
  seq: paymentBatchItems.seq,
  claimId: paymentBatchItems.claimId,
  amountFen: paymentBatchItems.amountFen,
  result: paymentBatchItems.result,
  reference: paymentBatchItems.reference,
  failureReason: paymentBatchItems.failureReason,
  createdAt: paymentBatchItems.createdAt,
  labourerId: subsidyClaims.labourerId,
  name: labourers.name,
  idNumberMasked: labourers.idNumberMasked,
  accountType: subsidyClaims.payeeAccountType,
  accountMasked: subsidyClaims.payeeAccountMasked,
};

export async function listItems(
  db: Executor,
  batchId: string,
  after: Keyset | undefined,
  limit: number,
) {
  return db
    .select(itemColumns)
    .from(paymentBatchItems)
    .innerJoin(subsidyClaims, eq(subsidyClaims.id, paymentBatchItems.claimId))
    .innerJoin(labourers, eq(labourers.id, subsidyClaims.labourerId))
    .where(
      and(
        eq(paymentBatchItems.batchId, batchId),
        afterKeyset(paymentBatchItems.createdAt, paymentBatchItems.id, after),
      ),
    )
    .orderBy(...keysetOrder(paymentBatchItems.createdAt, paymentBatchItems.id))
    .limit(limit + 1);
}

/** Every item with what the export and the reconciliation need, ciphertexts included, in 序号 order. */
export async function allItems(db: Executor, batchId: string) {
  return db
    .select({
      ...itemColumns,
      idNumberEnc: labourers.idNumberEnc,
      accountEnc: subsidyClaims.payeeAccountEnc,
      cadreUserId: labourers.assignedCadreUserId,
    })
    .from(paymentBatchItems)
    .innerJoin(subsidyClaims, eq(subsidyClaims.id, paymentBatchItems.claimId))
    .innerJoin(labourers, eq(labourers.id, subsidyClaims.labourerId))
    .where(eq(paymentBatchItems.batchId, batchId))
    .orderBy(paymentBatchItems.seq);
}

/** The batch's counts from its items; closed once no item waits for the bank. */
export async function refreshBatch(db: Executor, id: string, at: Date) {
  const rows = await db.execute<{ status: "open" | "closed" }>(sql`
    update payment_batches b set
      paid_count = x.paid, paid_fen = x.paid_fen, failed_count = x.failed, updated_at = now(),
      status = case when x.pending = 0 then 'closed'::payment_batch_status else 'open'::payment_batch_status end,
      closed_at = case when x.pending = 0 then coalesce(b.closed_at, ${at.toISOString()}::timestamptz) else null end
    from (select count(*) filter (where result = 'paid')::int as paid,
                 coalesce(sum(amount_fen) filter (where result = 'paid'), 0)::bigint as paid_fen,
                 count(*) filter (where result = 'failed')::int as failed,
                 count(*) filter (where result = 'pending')::int as pending
          from payment_batch_items where batch_id = ${id}) x
    where b.id = ${id} returning b.status`);
  return rows[0]?.status;
}
