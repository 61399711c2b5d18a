import { chinaDate } from "../../lib/china-time";
import type { Ctx } from "../../lib/ctx";
import {
  clearCurrent,
  currentRows,
  currentRun,
  currentTotal,
  insertCurrentRows,
  recordCurrentRun,
  writeCurrentFigure,
} from "./current-repo";
import { FIGURES } from "./figures";
import type { StatsRegion } from "./region-access";
import { childLength } from "./region-access";
import { childRegions, type FigureRow, snapshotFigureRows, tuneForCounting } from "./repo";
import { assembleSummary, type Summary } from "./summary";

/**
 * Precomputed current figures (docs/MONITORING.md): every figure for every region at every
 * level, counted as of the refresh, from the same sources as the live summary and the snapshots.
 * Province and city summaries read them while they are at most CURRENT_MAX_AGE_MS old; so does a
 * county, township or village with at least STATS_LIVE_MAX_LABOURERS registered labourers at the
 * refresh: a county of 80,000 counted live took 26 s alone and 75 s p95 under 16 clients at 3 M
 * labourers (docs/BENCHMARKS.md). A smaller one is counted live (about a second), so a county
 * officer sees a registration or a confirmed hire at once. Everything is counted live when no
 * fresh refresh exists (a stopped worker degrades to slow, never to stale); the page says 统计截至
 * with the summary's time.
 */
export const CURRENT_MAX_AGE_MS = 20 * 60_000;
/** Province (2) and city (4) summaries always come from a fresh refresh; below, by size. */
export const ALWAYS_PRECOMPUTED_MAX_CODE_LENGTH = 4;
/** Summaries kept in memory between refreshes: province (2), city (4) and county (6), 126 in Guangxi. */
export const MEMO_MAX_CODE_LENGTH = 6;
/** The figure whose total is a region's size: every registered labourer once. */
const SIZE_FIGURE = "labourers.person_type";

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
 * them. At most the province, cities and counties (each a few kB), and the size of each region
 * asked below a city (one number each); the scope check has been made before a summary is looked
 * up, so sharing one between callers shows nobody anything new.
 */
const assembled = new WeakMap<
  object,
  { stamp: string; byRegion: Map<string, Summary>; sizes: Map<string, number> }
>();

/**
 * The summary from stats_current when it is fresh and the region is a province, a city or large
 * (STATS_LIVE_MAX_LABOURERS); null otherwise (count it live). Province, city and county summaries
 * are assembled once per refresh and then served from memory; a township's or village's are
 * assembled per request (a few hundred rows).
 */
export async function precomputedSummary(ctx: Ctx, region: StatsRegion): Promise<Summary | null> {
  const run = await currentRun(ctx.readDb);
  if (!run || ctx.now().getTime() - run.asOf.getTime() > CURRENT_MAX_AGE_MS) return null;
  const stamp = `${run.stamp}|${run.asOf.getTime()}|${run.rows}`;
  let memo = assembled.get(ctx.readDb);
  if (memo?.stamp !== stamp) {
    memo = { stamp, byRegion: new Map(), sizes: new Map() };
    assembled.set(ctx.readDb, memo);
  }
  if (region.code.length > ALWAYS_PRECOMPUTED_MAX_CODE_LENGTH) {
    // The region's size at this refresh, read once per refresh (then one number in memory).
    let size = memo.sizes.get(region.code);
    if (size === undefined) {
      size = await currentTotal(ctx.readDb, region.code, SIZE_FIGURE);
      memo.sizes.set(region.code, size);
    }
    if (size < ctx.config.STATS_LIVE_MAX_LABOURERS) return null;
  }
  if (region.code.length > MEMO_MAX_CODE_LENGTH) return assemblePrecomputed(ctx, region, run.asOf);
  const hit = memo.byRegion.get(region.code);
  if (hit) return hit;
  const summary = await assemblePrecomputed(ctx, region, run.asOf);
  memo.byRegion.set(region.code, summary);
  return summary;
}

/**
 * The children's rows as stored, plus the region's own rows less its children's: what a live
 * count puts under "本级" (a posting placed at county level only, seen from the county), so a
 * precomputed summary equals the live one at the refresh's instant.
 */
export function withOwnRemainder(
  region: string,
  rows: FigureRow[],
  hasChildren: boolean,
): FigureRow[] {
  const own = rows.filter((r) => r.region === region);
  if (!hasChildren) return own;
  const kids = rows.filter((r) => r.region !== region);
  const inKids = new Map<string, number>();
  for (const r of kids) inKids.set(r.key, (inKids.get(r.key) ?? 0) + r.value);
  const rest = own
    .map((r) => ({ region, key: r.key, value: r.value - (inKids.get(r.key) ?? 0) }))
    .filter((r) => r.value > 0);
  return [...kids, ...rest];
}

async function assemblePrecomputed(ctx: Ctx, region: StatsRegion, asOf: Date): Promise<Summary> {
  const len = childLength(region.code);
  const hasChildren = len > region.code.length;
  const kids = hasChildren ? await childRegions(ctx.readDb, region.code) : [];
  const codes = kids.map((k) => k.code).filter((c) => c.length === len);
  const byFigure = await currentRows(ctx.readDb, [region.code, ...codes]);
  return assembleSummary(
    region,
    { asOf, day: chinaDate(asOf) },
    kids,
    FIGURES.map((f) => withOwnRemainder(region.code, byFigure.get(f.id) ?? [], hasChildren)),
    "precomputed",
  );
}
