import type { Readable } from "node:stream";
import { auditLog } from "../../../db/schema/audit";
import type { SubsidyProof } from "../../../db/schema/subsidies";
import { chinaDate } from "../../lib/china-time";
import type { Ctx } from "../../lib/ctx";
import type { TICKET_LEGS } from "../../lib/enums";
import { AppError } from "../../lib/errors";
import { detectEvidenceType, TYPE_NOT_ALLOWED, tooLargeMessage } from "../employments/evidence";
import * as repo from "./proof-repo";
import { actorOf, assertEditable, claimInScope } from "./service";

/**
 * Tickets behind a claim: a photo (type read from its first bytes, at most EVIDENCE_MAX_BYTES, kept
 * behind the file store like employment evidence), the ticket number, the fare in fen, the day of
 * travel (not after today) and the leg (去程 / 返程). Allowed
 * while the claim is proposed or returned; a refused file leaves nothing behind.
 */
export const PROOF_READ = "subsidy.proof.read";

export async function addProof(
  ctx: Ctx,
  claimId: string,
  input: {
    file: File;
    ticketNo: string;
    amountFen: number;
    travelDate: string;
    leg: (typeof TICKET_LEGS)[number];
  },
): Promise<SubsidyProof> {
  const row = await claimInScope(ctx, claimId);
  assertEditable(row.c.status);
  if (input.travelDate > chinaDate(ctx.now()))
    throw new AppError("VALIDATION_FAILED", "乘车日期不能晚于今天，请核对车票上的日期", {
      field: "travelDate",
    });
  const max = ctx.config.EVIDENCE_MAX_BYTES;
  if (input.file.size > max)
    throw new AppError("EVIDENCE_TOO_LARGE", tooLargeMessage(max), { field: "file" });
  const bytes = new Uint8Array(await input.file.arrayBuffer());
  if (bytes.length === 0)
    throw new AppError("VALIDATION_FAILED", "上传的文件是空的，请重新拍照", { field: "file" });
  const mediaType = detectEvidenceType(bytes);
  if (!mediaType)
    throw new AppError("EVIDENCE_TYPE_NOT_ALLOWED", TYPE_NOT_ALLOWED, { field: "file" });
  const by = actorOf(ctx);
  const stored = await ctx.files.put(bytes);
  let proof: SubsidyProof | undefined;
  try {
    proof = await repo.insertProof(ctx.db, {
      claimId,
      ticketNo: input.ticketNo.toUpperCase(),
      amountFen: input.amountFen,
      travelDate: input.travelDate,
      leg: input.leg,
      storageKey: stored.key,
      mediaType,
      sizeBytes: stored.bytes,
      sha256: stored.sha256,
      uploadedBy: by.id,
      uploadedRole: by.role,
      createdAt: ctx.now(),
    });
  } catch (err) {
    await ctx.files.remove(stored.key);
    throw err;
  }
  if (!proof) {
    await ctx.files.remove(stored.key);
    throw new AppError("SUBSIDY_PROOF_DUPLICATE", "这张车票已经上传过了", { field: "ticketNo" });
  }
  return proof;
}

/**
 * Takes a ticket off a claim that may still change (a wrong amount or number is fixed by removing
 * the ticket and uploading it again). The claim row is locked so a submission cannot pass between
 * the state check and the delete; the photo leaves the file store after the commit.
 */
export async function removeProof(ctx: Ctx, claimId: string, proofId: string): Promise<void> {
  const removed = await ctx.db.transaction(async (tx) => {
    const row = await claimInScope(ctx, claimId, { tx, lock: true });
    assertEditable(row.c.status);
    const proof = await repo.deleteProof(tx, claimId, proofId);
    if (!proof) throw new AppError("SUBSIDY_PROOF_NOT_FOUND", "未找到这张车票");
    return proof;
  });
  await ctx.files.remove(removed.storageKey);
}

/** The photo for the person or staff in scope; every read is written to audit_log first. */
export async function openProof(
  ctx: Ctx,
  claimId: string,
  proofId: string,
): Promise<{ proof: SubsidyProof; stream: Readable }> {
  await claimInScope(ctx, claimId);
  const proof = await repo.findProof(ctx.db, claimId, proofId);
  const stream = proof ? await ctx.files.get(proof.storageKey) : undefined;
  if (!proof || !stream) throw new AppError("SUBSIDY_PROOF_NOT_FOUND", "未找到该车票照片");
  const by = actorOf(ctx);
  try {
    await ctx.db.insert(auditLog).values({
      at: ctx.now(),
      actorUserId: by.id,
      actorRole: by.role,
      action: PROOF_READ,
      entityType: "subsidy_proof",
      entityId: proof.id,
      requestId: ctx.requestId,
      details: { claimId },
    });
  } catch (err) {
    stream.destroy();
    throw err;
  }
  return { proof, stream };
}
