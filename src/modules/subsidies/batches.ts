import { auditLog } from "../../../db/schema/audit";
import { paymentBatches, subsidyClaims } from "../../../db/schema/subsidies";
import { assertRole } from "../../lib/auth";
import type { Ctx } from "../../lib/ctx";
import { AppError } from "../../lib/errors";
import { decodeCursor, pageOf } from "../../lib/keyset";
import { inRegionScope, regionPrefix, regionScopeSql } from "../../lib/scope";
import * as batchRepo from "./batch-repo";
import { writeBatchXlsx } from "./batch-xlsx";
import * as repo from "./repo";
import { actorOf } from "./service";

/**
 * Payment batches (代发): approved claims of the officer's region go into a batch, exported as the
 * bank's XLSX layout (batch-xlsx.ts) and reconciled by its return file (reconcile.ts). A claim
 * waits in at most one batch: the partial unique index on pending items decides, not this code.
 */

export const BATCH_EXPORT = "payment_batch.export";
const MAX_BATCH = 50_000;
const NOT_FOUND = "未找到该发放批次";

/** The batch when the officer's region holds it; otherwise it does not exist (404). */
export async function batchInScope(ctx: Ctx, id: string) {
  assertRole(ctx.actor, ["bureau", "admin"]);
  const batch = await batchRepo.findBatch(ctx.db, id);
  if (!batch || !inRegionScope(ctx.actor, batch.regionCode))
    throw new AppError("PAYMENT_BATCH_NOT_FOUND", NOT_FOUND);
  return batch;
}

export async function createBatch(ctx: Ctx, input: { programme: string }) {
  assertRole(ctx.actor, ["bureau", "admin"]);
  const programme = await repo.findProgramme(ctx.db, input.programme);
  if (!programme)
    throw new AppError("SUBSIDY_PROGRAMME_NOT_FOUND", "没有这个补贴项目", { field: "programme" });
  const by = actorOf(ctx);
  const region = regionPrefix(ctx.actor) ?? "";
  return ctx.db.transaction(async (tx) => {
    const claims = await batchRepo.lockPayableClaims(
      tx,
      programme.id,
      regionScopeSql(ctx.actor, subsidyClaims.villageCode),
      MAX_BATCH,
    );
    const now = ctx.now();
    const batch = await batchRepo.insertBatch(tx, {
      programmeId: programme.id,
      regionCode: region,
      claimCount: 0,
      totalFen: 0,
      createdBy: by.id,
      createdAt: now,
    });
    const taken = await batchRepo.insertItems(
      tx,
      claims.map((c, i) => ({
        batchId: batch.id,
        claimId: c.id,
        seq: i + 1,
        amountFen: c.amountFen ?? 0,
        createdAt: now,
      })),
    );
    if (taken.length === 0)
      throw new AppError("PAYMENT_BATCH_EMPTY", "没有可以发放的申领：审核通过的申领都已在批次中");
    const takenIds = new Set(taken.map((t) => t.claimId));
    // A claim whose payment failed is approved again as it goes into this batch.
    await batchRepo.moveClaims(
      tx,
      claims.filter((c) => c.status === "payment_failed" && takenIds.has(c.id)).map((c) => c.id),
      "payment_failed",
      "approved",
      { at: now, actorUserId: by.id, actorRole: by.role, reason: "重新纳入发放批次" },
    );
    // Integer fen summed as BigInt: no float anywhere between the claims and the stored total.
    const total = taken.reduce((s, t) => s + BigInt(t.amountFen), 0n);
    return batchRepo.updateBatch(tx, batch.id, {
      claimCount: taken.length,
      totalFen: Number(total),
    });
  });
}

export async function listBatches(ctx: Ctx, input: { cursor?: string; limit: number }) {
  assertRole(ctx.actor, ["bureau", "admin"]);
  const rows = await batchRepo.listBatches(
    ctx.db,
    regionScopeSql(ctx.actor, paymentBatches.regionCode),
    decodeCursor(input.cursor),
    input.limit,
  );
  return pageOf(rows, input.limit);
}

export async function listBatchItems(
  ctx: Ctx,
  id: string,
  input: { cursor?: string; limit: number },
) {
  const batch = await batchInScope(ctx, id);
  const rows = await batchRepo.listItems(ctx.db, batch.id, decodeCursor(input.cursor), input.limit);
  return pageOf(rows, input.limit);
}

/**
 * The bank file with full ID and account numbers: every download is written to audit_log (who,
 * which batch, how many people) in the same transaction that reads the ciphertexts.
 */
export async function exportBatch(ctx: Ctx, id: string): Promise<{ name: string; bytes: Buffer }> {
  const batch = await batchInScope(ctx, id);
  const by = actorOf(ctx);
  const programme = await repo.findProgrammeById(ctx.db, batch.programmeId);
  const items = await ctx.db.transaction(async (tx) => {
    await tx.insert(auditLog).values({
      at: ctx.now(),
      actorUserId: by.id,
      actorRole: by.role,
      action: BATCH_EXPORT,
      entityType: "payment_batch",
      entityId: batch.id,
      requestId: ctx.requestId,
      details: { claims: batch.claimCount, totalFen: batch.totalFen },
    });
    return batchRepo.allItems(tx, batch.id);
  });
  const bytes = await writeBatchXlsx({
    purpose: programme?.name ?? "补贴",
    totalFen: batch.totalFen,
    rows: items.map((i) => ({
      seq: i.seq,
      itemId: i.id,
      name: i.name,
      idNumber: ctx.pii.decrypt(i.idNumberEnc),
      accountType: i.accountType,
      account: i.accountEnc ? ctx.pii.decrypt(i.accountEnc) : "",
      amountFen: i.amountFen,
    })),
  });
  return { name: `代发批次-${batch.id.slice(0, 8)}.xlsx`, bytes };
}
