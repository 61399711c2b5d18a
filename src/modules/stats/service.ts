import { chinaDate } from "../../lib/china-time";
import type { Ctx } from "../../lib/ctx";
import { precomputedSummary } from "./current";
import { resolveStatsRegion } from "./region-access";
import { type Summary, summaryAt } from "./summary";

/**
 * Monitoring use cases (docs/MONITORING.md). Figures come from figures.ts only; warning lists
 * from warnings.ts; snapshots from snapshot.ts.
 */

/**
 * The figures of a region in the caller's scope, by child region: from the precomputed current
 * figures while they are fresh (current.ts, any level), else counted live as of now.
 */
export async function statsSummary(ctx: Ctx, input: { region?: string }): Promise<Summary> {
  const region = await resolveStatsRegion(ctx, input.region);
  const pre = await precomputedSummary(ctx, region);
  if (pre) return pre;
  const now = ctx.now();
  return summaryAt(ctx.readDb, region, { prefix: region.code, asOf: now, day: chinaDate(now) });
}
