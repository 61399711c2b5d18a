import type { Tx } from "../../../db/client";
import type { Ctx } from "../../lib/ctx";
import { unconfirmHire } from "../employments/reject";
import { withdrawClaimsOfEmployment } from "../subsidies/withdraw";
import { HIRE_REJECT_REASONS, type HireRejectReason } from "./rules";

/**
 * The effects of `hired → hire_rejected` (不予确认, county bureau in scope of the person), in the
 * move's transaction after the application row is locked: the employment record stops counting
 * (employments/reject.ts: confirmation withdrawn, check-ins closed, status re-derived, so the
 * person is eligible for rounds and pushes again), and every subsidy claim made for it that is
 * not yet approved is withdrawn through the subsidy state table (subsidies/withdraw.ts).
 */
export async function rejectHire(
  ctx: Ctx,
  tx: Tx,
  applicationId: string,
  input: { reason: HireRejectReason; note?: string },
) {
  const employment = await unconfirmHire(ctx, tx, applicationId, input);
  const why = `就业未获核实（${HIRE_REJECT_REASONS[input.reason]}${input.note ? `：${input.note}` : ""}）`;
  await withdrawClaimsOfEmployment(ctx, tx, employment.id, why);
  return employment;
}
