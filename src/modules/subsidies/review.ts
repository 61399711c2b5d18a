import { assertRole } from "../../lib/auth";
import type { Ctx } from "../../lib/ctx";
import { AppError } from "../../lib/errors";
import { inRegionScope } from "../../lib/scope";
import { notifyClaim } from "./notify";
import * as repo from "./repo";
import { assertMove, type ClaimStatus } from "./rules";
import { actorOf, CLAIM_NOT_FOUND } from "./service";

const TO: Record<"approve" | "reject" | "return", ClaimStatus> = {
  approve: "approved",
  reject: "rejected",
  return: "returned",
};

/**
 * County review of a checked claim: approve (only when the automatic check passed), reject or
 * return for more proof, each but approve with a reason. The claim row is locked and the move
 * checked against the state table under the lock, so twenty concurrent approvals approve once
 * and the rest get 409.
 */
export async function reviewClaim(
  ctx: Ctx,
  id: string,
  input: { decision: "approve" | "reject" | "return"; reason?: string },
) {
  assertRole(ctx.actor, ["bureau", "admin"]);
  const to = TO[input.decision];
  if (to !== "approved" && !input.reason)
    throw new AppError(
      "VALIDATION_FAILED",
      to === "returned" ? "退回时请写明需要补充什么材料" : "不通过时请写明原因",
      { field: "reason" },
    );
  const by = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const row = await repo.findClaim(tx, id, { lock: true });
    if (!row || !inRegionScope(ctx.actor, row.c.villageCode))
      throw new AppError("SUBSIDY_CLAIM_NOT_FOUND", CLAIM_NOT_FOUND);
    assertMove(row.c.status, to);
    if (to === "approved" && !row.c.checkPassed)
      throw new AppError(
        "SUBSIDY_CHECK_FAILED",
        "自动核对未通过的申领不能审核通过，请退回补充材料或不予通过",
        { details: { findings: row.c.findings.filter((f) => f.outcome === "fail") } },
      );
    const now = ctx.now();
    const updated = await repo.updateClaim(tx, id, {
      status: to,
      reviewedBy: by.id,
      reviewedAt: now,
      reviewReason: input.reason ?? null,
    });
    await repo.insertEvents(tx, [
      {
        claimId: id,
        fromStatus: row.c.status,
        toStatus: to,
        actorUserId: by.id,
        actorRole: by.role,
        reason: input.reason ?? null,
        at: now,
      },
    ]);
    const facts = await repo.findEmploymentFacts(tx, row.c.employmentId);
    await notifyClaim(tx, {
      claimId: id,
      key: `${to}-${row.c.submissions}`,
      programmeName: row.programmeName,
      labourerId: row.c.labourerId,
      labourerName: row.labourerName,
      cadreUserId: facts?.cadreUserId ?? null,
      status: to,
      detail: input.reason ?? "",
      at: now,
      cadre: to !== "approved",
    });
    return updated;
  });
}
