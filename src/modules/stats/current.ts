import { chinaDate } from "../../lib/china-time";
import type { Ctx } from "../../lib/ctx";
import {
  clearCurrent,
  currentRows,
  currentRun,
  insertCurrentRows,
  recordCurrentRun,
  writeCurrentFigure,
} from "./current-repo";
import { FIGURES } from "./figures";
import type { StatsRegion } from "./region-access";
import { childLength } from "./region-access";
import { childRegions, snapshotFigureRows, tuneForCounting } from "./repo";
import { assembleSummary, type Summary } from "./summary";

/**
 * Precomputed current figures (docs/MONITORING.md): every figure for every region at every
 * level, counted as of the refresh, from the same sources as the live summary and the snapshots.
 * Province and city summaries read them while they are at most CURRENT_MAX_AGE_MS old; county
 * and below are always counted live (small enough), and so is everything when no fresh refresh
 * exists (a stopped worker degrades to slow, never to stale).
 */
export const CURRENT_MAX_AGE_MS = 20 * 60_000;
/** Regions whose summary may come from stats_current: province (2) and city (4). */
export const PRECOMPUTED_MAX_CODE_LENGTH = 4;

export async function refreshCurrentFigures(ctx: Ctx) {
  const asOf = ctx.now();
  const p = { prefix: "", asOf, day: chinaDate(asOf) };
  const counted =
    ctx.readDb === ctx.db
      ? null
      : await ctx.readDb.transaction(
          async (rx) => {
            await tuneForCounting(rx);
            const out = [];
            for (const f of FIGURES) out.push(...(await snapshotFigureRows(rx, f, p)));
            return out;
          },
          { isolationLevel: "repeatable read", accessMode: "read only" },
        );
  const rows = await ctx.db.transaction(async (tx) => {
    await tuneForCounting(tx);
    await clearCurrent(tx);
    let n = 0;
    if (counted) n = await insertCurrentRows(tx, counted);
    else for (const f of FIGURES) n += await writeCurrentFigure(tx, f, p);
    await recordCurrentRun(tx, { asOf, rows: n, startedAt: asOf, finishedAt: ctx.now() });
    return n;
  });
  ctx.log.info({ rows, ms: ctx.now().getTime() - asOf.getTime() }, "stats current refreshed");
  return { asOf: asOf.toISOString(), rows };
}

/**
 * Summaries assembled from one refresh, per database handle: a refresh (a new `stamp`) replaces
 * them. At most 15 regions (province and cities), each a few kB; the scope check has been made
 * before a summary is looked up, so sharing one between callers shows nobody anything new.
 */
const assembled = new WeakMap<object, { stamp: string; byRegion: Map<string, Summary> }>();

/**
 * The province or city summary from stats_current when it is fresh; null otherwise. Assembled
 * once per refresh and region, then served from memory (one primary-key read per request).
 */
export async function precomputedSummary(ctx: Ctx, region: StatsRegion): Promise<Summary | null> {
  if (region.code.length > PRECOMPUTED_MAX_CODE_LENGTH) return null;
  const run = await currentRun(ctx.readDb);
  if (!run || ctx.now().getTime() - run.asOf.getTime() > CURRENT_MAX_AGE_MS) return null;
  const stamp = `${run.stamp}|${run.asOf.getTime()}|${run.rows}`;
  let memo = assembled.get(ctx.readDb);
  if (memo?.stamp !== stamp) {
    memo = { stamp, byRegion: new Map() };
    assembled.set(ctx.readDb, memo);
  }
  const hit = memo.byRegion.get(region.code);
  if (hit) return hit;
  const summary = await assemblePrecomputed(ctx, region, run.asOf);
  memo.byRegion.set(region.code, summary);
  return summary;
}

async function assemblePrecomputed(ctx: Ctx, region: StatsRegion, asOf: Date): Promise<Summary> {
  const kids = await childRegions(ctx.readDb, region.code);
  const len = childLength(region.code);
  const byFigure = await currentRows(
    ctx.readDb,
    kids.map((k) => k.code).filter((c) => c.length === len),
  );
  return assembleSummary(
    region,
    { asOf, day: chinaDate(asOf) },
    kids,
    FIGURES.map((f) => byFigure.get(f.id) ?? []),
    "precomputed",
  );
}
