import type { Ctx } from "../../lib/ctx";
import { checkBatch } from "./check-batch";

/**
 * The automatic check of one submission: eligibility against the claim's OWN policy version, the
 * tickets, the payee account, and the amount = min(proven cost, cap) in fen; submitted → checked
 * with every finding stored. The worker checks many at once (check-batch.ts); this is one of them.
 */
export async function checkClaim(ctx: Ctx, claimId: string, submission: number) {
  return (await checkBatch(ctx, [{ claimId, submission }]))[0]!;
}
