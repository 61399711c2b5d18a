import type { Ctx } from "../../lib/ctx";
import { addOutbox } from "../../lib/outbox";
import { dueRoundContinuations } from "./window-repo";

/**
 * Repeat rounds while a trained labourer with work intention is still unemployed: every
 * ROUND_INTERVAL_DAYS, up to MAX_ROUNDS (Yunnan's "3+ rounds of 5", DOMAIN.md). The next round
 * continues the latest round's enrolment; its job id and unique key make a repeated sweep harmless.
 */
export async function requestDueRounds(ctx: Ctx): Promise<{ requested: number }> {
  const cutoff = new Date(ctx.now().getTime() - ctx.config.ROUND_INTERVAL_DAYS * 86_400_000);
  return ctx.db.transaction(async (tx) => {
    const due = await dueRoundContinuations(tx, cutoff, ctx.config.MAX_ROUNDS);
    await addOutbox(
      tx,
      ...due.map((row) => ({
        type: "recommendation.round-requested" as const,
        aggregateId: row.enrolment_id,
        payload: { round: Number(row.round) + 1 },
      })),
    );
    return { requested: due.length };
  });
}
