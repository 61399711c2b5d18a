import type { Tx } from "../../../db/client";
import type { Ctx } from "../../lib/ctx";
import { AppError } from "../../lib/errors";
import { closeCheckInsOf } from "../retention/repo";
import * as repo from "./repo";
import { refreshEmploymentStatus } from "./status";

export interface UnconfirmInput {
  reason: NonNullable<repo.Employment["rejectionReason"]>;
  note?: string;
}

/**
 * County staff do not confirm (不予确认) the employment record of an employer-reported hire, in
 * the transaction of the application's move `hired → hire_rejected` (the caller holds the
 * application's row lock; this locks the record next, the same order as the hire). The
 * employer's confirmation is withdrawn — `confirmed*` cleared, so the record counts nowhere
 * (status, monitoring, subsidies, check-ins) — and who, when and why is kept in `rejected*`.
 * Its pending check-ins close, and the person's status is re-derived: with no other confirmed
 * job they are unemployed again, so repeat rounds and pushes resume.
 */
export async function unconfirmHire(
  ctx: Ctx,
  tx: Tx,
  applicationId: string,
  input: UnconfirmInput,
) {
  const e = await repo.findEmploymentOfApplication(tx, applicationId, { lock: true });
  if (!e) throw new AppError("EMPLOYMENT_NOT_FOUND", "未找到该录用的就业记录");
  if (e.rejectedAt) throw new AppError("CONFLICT", "该录用已不予确认");
  const by = ctx.actor.kind === "user" ? ctx.actor : undefined;
  const updated = await repo.updateEmployment(tx, e.id, {
    confirmedAt: null,
    confirmedBy: null,
    confirmedRole: null,
    confirmationNote: null,
    rejectedAt: ctx.now(),
    rejectedBy: by?.userId ?? null,
    rejectedRole: by?.role ?? "system",
    rejectionReason: input.reason,
    rejectionNote: input.note?.trim() || null,
  });
  await closeCheckInsOf(tx, e.id, ctx.now());
  await refreshEmploymentStatus(tx, e.labourerId);
  return updated;
}
