import { chinaDate } from "../../lib/china-time";
import type { Ctx } from "../../lib/ctx";
import { AppError } from "../../lib/errors";
import { FIGURE_BY_ID, FIGURES } from "./figures";
import { resolveStatsRegion } from "./region-access";
import {
  clearSnapshotWeek,
  insertSnapshotRows,
  recordSnapshotRun,
  snapshotFigureRows,
  snapshotSeries,
  snapshotWeeks,
  tuneForCounting,
  writeSnapshotFigure,
} from "./repo";

/**
 * Weekly snapshots (docs/MONITORING.md, "Snapshots"): every figure of figures.ts for every region
 * at every level, counted as of the end of a week (Monday 00:00 China time after it), written in
 * one transaction that first removes the week's old rows — so re-running a past week replaces it
 * with the same numbers. Months and quarters are derived: the last week ending in the period.
 */

const DAY_MS = 86_400_000;
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** The Monday of the week a China date falls in. */
export function mondayOf(day: string): string {
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, -((dow + 6) % 7));
}

/** What a week's snapshot counts: recorded before the next Monday 00:00 China time, held on the Sunday. */
export function weekAsOf(weekStart: string) {
  return { asOf: new Date(`${addDays(weekStart, 7)}T00:00:00+08:00`), day: addDays(weekStart, 6) };
}

/** The Monday of the last week that has ended at `now`. */
export const lastEndedWeek = (now: Date) => addDays(mondayOf(chinaDate(now)), -7);

export async function takeWeeklySnapshot(ctx: Ctx, input: { weekStart?: string }) {
  const now = ctx.now();
  const weekStart = input.weekStart ?? lastEndedWeek(now);
  if (Number.isNaN(Date.parse(`${weekStart}T00:00:00Z`)) || mondayOf(weekStart) !== weekStart)
    throw new AppError("VALIDATION_FAILED", "请填写一周开始的星期一日期", { field: "weekStart" });
  const { asOf, day } = weekAsOf(weekStart);
  if (asOf > now)
    throw new AppError("VALIDATION_FAILED", "该周尚未结束，不能生成周快照", { field: "weekStart" });
  const p = { prefix: "", asOf, day };
  // With a read connection (DATABASE_READ_URL) the figures are counted there, in one read-only
  // repeatable-read transaction, and only the rows are written to the primary.
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
    await clearSnapshotWeek(tx, weekStart);
    let n = 0;
    if (counted) n = await insertSnapshotRows(tx, counted, weekStart, now);
    else for (const f of FIGURES) n += await writeSnapshotFigure(tx, f, p, weekStart, now);
    await recordSnapshotRun(tx, {
      weekStart,
      asOf,
      rows: n,
      startedAt: now,
      finishedAt: ctx.now(),
    });
    return n;
  });
  ctx.log.info(
    { weekStart, rows, ms: ctx.now().getTime() - now.getTime() },
    "stats snapshot taken",
  );
  return { weekStart, asOf: asOf.toISOString(), rows };
}

export type Period = "week" | "month" | "quarter";

/** The period a week belongs to, by the day it ends on (its Sunday). */
function periodOf(weekStart: string, period: Period): string {
  if (period === "week") return weekStart;
  const end = addDays(weekStart, 6);
  if (period === "month") return end.slice(0, 7);
  return `${end.slice(0, 4)}-Q${Math.floor((Number(end.slice(5, 7)) - 1) / 3) + 1}`;
}

/**
 * A figure's trend for a region in the caller's scope, from the snapshots: one point per week,
 * or per month/quarter (the last snapshot week ending in it). Weeks with a snapshot but no rows
 * for the region are zeros.
 */
export async function statsTrend(
  ctx: Ctx,
  input: { region?: string; figure: string; period: Period; from?: string; to?: string },
) {
  const region = await resolveStatsRegion(ctx, input.region);
  const figure = FIGURE_BY_ID.get(input.figure)!;
  const from = input.from ?? "2000-01-03";
  const to = input.to ?? "9999-12-27";
  const [runs, rows] = await Promise.all([
    snapshotWeeks(ctx.readDb, from, to),
    snapshotSeries(ctx.readDb, { region: region.code, figures: [figure.id], from, to }),
  ]);
  const byWeek = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const v = byWeek.get(r.weekStart) ?? {};
    v[r.key] = r.value;
    byWeek.set(r.weekStart, v);
  }
  const points = new Map<
    string,
    {
      period: string;
      weekStart: string;
      asOf: string;
      values: Record<string, number>;
      total: number;
    }
  >();
  for (const run of runs) {
    const values = byWeek.get(run.weekStart) ?? {};
    const key = periodOf(run.weekStart, input.period);
    points.set(key, {
      period: key,
      weekStart: run.weekStart,
      asOf: run.asOf.toISOString(),
      values,
      total: Object.values(values).reduce((a, b) => a + b, 0),
    });
  }
  return {
    region,
    figure: { id: figure.id, label: figure.label, keys: figure.keys ?? null },
    period: input.period,
    points: [...points.values()],
  };
}
