import { sql } from "drizzle-orm";
import type { Ctx } from "../../lib/ctx";
import { addOutbox } from "../../lib/outbox";

/**
 * Repeat rounds while a trained labourer with work intention is still unemployed: every
 * ROUND_INTERVAL_DAYS, up to MAX_ROUNDS (Yunnan's "3+ rounds of 5", DOMAIN.md). The next round
 * continues the latest round's enrolment; its job id and unique key make a repeated sweep harmless.
 */
export async function requestDueRounds(ctx: Ctx): Promise<{ requested: number }> {
  const cutoff = new Date(ctx.now().getTime() - ctx.config.ROUND_INTERVAL_DAYS * 86_400_000);
  return ctx.db.transaction(async (tx) => {
    const due = await tx.execute<{ enrolment_id: string; round: number }>(sql`
      select enrolment_id, round from (
        select distinct on (r.labourer_id) r.labourer_id, r.enrolment_id, r.round, r.created_at
        from recommendation_rounds r
        join labourers l on l.id = r.labourer_id
        where l.employment_status = 'unemployed' and l.work_intention <> 'none' and l.labour_capacity <> 'none'
        order by r.labourer_id, r.created_at desc, r.round desc
      ) latest
      where latest.created_at <= ${cutoff.toISOString()}::timestamptz and latest.round < ${ctx.config.MAX_ROUNDS}`);
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
