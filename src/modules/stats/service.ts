import { chinaDate } from "../../lib/china-time";
import type { Ctx } from "../../lib/ctx";
import { resolveStatsRegion } from "./region-access";
import { type Summary, summaryAt } from "./summary";

/**
 * Monitoring use cases (docs/MONITORING.md). Figures come from figures.ts only; warning lists
 * from warnings.ts; snapshots from snapshot.ts.
 */

/** The live figures of a region in the caller's scope, by child region, as of now. */
export async function statsSummary(ctx: Ctx, input: { region?: string }): Promise<Summary> {
  const region = await resolveStatsRegion(ctx, input.region);
  const now = ctx.now();
  return summaryAt(ctx.readDb, region, { prefix: region.code, asOf: now, day: chinaDate(now) });
}
