import { chinaDate } from "../../lib/china-time";
import type { Ctx } from "../../lib/ctx";
import * as repo from "./repo";
import { proposeOne } from "./service";

/**
 * The stable-employment reward (稳定就业奖补, [001]; Hainan rewards 6 months [004]) is proposed
 * when a confirmed job outside Guangxi reaches its months: a daily maintenance task finds such
 * employments without a claim of the programme and proposes one each (the same rules and the
 * same unique indexes as every proposal, so a rerun changes nothing).
 */
export async function proposeStableRewards(ctx: Ctx, limit = 2000) {
  const today = chinaDate(ctx.now());
  let proposed = 0;
  for (const programme of await repo.autoProposeProgrammes(ctx.db)) {
    if (programme.ruleType !== "stable_employment") continue;
    const policy = await repo.policyFor(ctx.db, programme.id, Number(today.slice(0, 4)));
    if (!policy) continue;
    const due = await repo.employmentsReaching(
      ctx.db,
      programme.id,
      policy.minMonthsInWork,
      today,
      limit,
    );
    for (const id of due) if ((await proposeOne(ctx, programme, id)).claimId) proposed++;
  }
  return { proposed };
}
