import { assertRole } from "../../lib/auth";
import type { Ctx } from "../../lib/ctx";
import { AppError } from "../../lib/errors";
import { enqueueEmployerJobsReindex } from "../jobs/index-events";
import { type Employer, findEmployerForUpdate, updateEmployer } from "./repo";
import { canManageEmployer } from "./rules";
import type { VerificationStatus } from "./schemas";

async function changeStatus(
  ctx: Ctx,
  id: string,
  to: VerificationStatus,
  reason: string | null,
): Promise<Employer> {
  assertRole(ctx.actor, ["admin", "bureau"]);
  const actor = ctx.actor;
  return ctx.db.transaction(async (tx) => {
    const e = await findEmployerForUpdate(tx, id);
    if (!e || !canManageEmployer(actor, e))
      throw new AppError("EMPLOYER_NOT_FOUND", "用工单位不存在");
    if (e.verificationStatus === to) {
      throw new AppError(
        "EMPLOYER_STATUS_UNCHANGED",
        to === "verified" ? "该用工单位已通过认证，无需重复操作" : "该用工单位已处于暂停状态",
      );
    }
    const now = ctx.now();
    const updated = await updateEmployer(tx, e.id, {
      verificationStatus: to,
      statusReason: reason,
      statusChangedAt: now,
      statusChangedBy: actor.userId,
      updatedAt: now,
      ...(to === "verified" ? { verifiedAt: now, verifiedBy: actor.userId } : {}),
    });
    // Jobs are searchable and recommended only while their employer is verified.
    await enqueueEmployerJobsReindex(tx, e.id);
    return updated;
  });
}

/** Bureau staff in the employer's region confirm it (also lifts a suspension). */
export function verifyEmployer(ctx: Ctx, id: string, input: { note?: string }): Promise<Employer> {
  return changeStatus(ctx, id, "verified", input.note ?? null);
}

/** Stops an employer's jobs from being found or recommended until it is verified again. */
export function suspendEmployer(
  ctx: Ctx,
  id: string,
  input: { reason: string },
): Promise<Employer> {
  return changeStatus(ctx, id, "suspended", input.reason);
}
