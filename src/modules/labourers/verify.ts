import { writeAudit } from "../../lib/audit";
import { assertRole, STAFF_ROLES } from "../../lib/auth";
import type { Ctx } from "../../lib/ctx";
import { AppError } from "../../lib/errors";
import { inRegionScope } from "../../lib/scope";
import { findLabourer, type LabourerRow, lockLabourer, markVerified } from "./repo";

/**
 * 核实: a staff member in the person's region confirms the registration (who the person is,
 * where they live). Once only; changing the name, ID number, village or person type later
 * makes the record 待核实 again (write.ts). Each verification is written to audit_log.
 */
export async function verifyLabourer(ctx: Ctx, id: string): Promise<LabourerRow> {
  assertRole(ctx.actor, STAFF_ROLES);
  const actor = ctx.actor;
  await ctx.db.transaction(async (tx) => {
    const existing = await lockLabourer(tx, id);
    if (!existing || !inRegionScope(actor, existing.villageCode))
      throw new AppError("LABOURER_NOT_FOUND", "登记人员不存在");
    if (existing.verifiedAt)
      throw new AppError("LABOURER_ALREADY_VERIFIED", "此人的登记信息已经核实过了");
    const now = ctx.now();
    await markVerified(tx, id, actor.userId, now);
    await writeAudit(tx, {
      at: now,
      actorUserId: actor.userId,
      actorRole: actor.role,
      action: "labourer.verified",
      entityType: "labourer",
      entityId: id,
      requestId: ctx.requestId,
      details: {},
    });
  });
  return (await findLabourer(ctx.db, id))!;
}
