import { and, eq, getTableColumns, inArray, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { statsCurrent, statsCurrentRuns } from "../../../db/schema/stats";
import type { AsOf } from "./figure-sql";
import type { Figure } from "./figures";
import type { FigureRow, SnapshotRow } from "./repo";

/** stats_current: the precomputed current figures (docs/MONITORING.md). */

export async function clearCurrent(tx: Executor): Promise<void> {
  await tx.delete(statsCurrent);
}

/** One figure at every level from one pass over its source, as the weekly snapshot writes it. */
export async function writeCurrentFigure(tx: Executor, figure: Figure, p: AsOf): Promise<number> {
  const rows = await tx.execute(
    sql`insert into stats_current (region_code, figure, key, value)
        select left(b.rc, n), ${figure.id}, b.k, sum(b.v)::bigint
        from (select s.rc, s.k, sum(s.v) as v from (${figure.source(p)}) s group by 1, 2) b
        cross join unnest(array[2, 4, 6, 9, 12]) as n
        where n <= length(b.rc)
        group by 1, 3
        returning 1`,
  );
  return rows.length;
}

/** Rows counted elsewhere (on the read connection), written in batches. */
export async function insertCurrentRows(tx: Executor, rows: SnapshotRow[]): Promise<number> {
  for (let i = 0; i < rows.length; i += 5000) {
    const b = rows.slice(i, i + 5000);
    await tx.insert(statsCurrent).values(
      b.map((r) => ({
        regionCode: r.region,
        figure: r.figure,
        key: r.key,
        value: Number(r.value),
      })),
    );
  }
  return rows.length;
}

export async function recordCurrentRun(
  tx: Executor,
  run: Omit<typeof statsCurrentRuns.$inferInsert, "id">,
): Promise<void> {
  await tx
    .insert(statsCurrentRuns)
    .values({ id: 1, ...run })
    .onConflictDoUpdate({ target: statsCurrentRuns.id, set: run });
}

/** The last refresh, with `stamp` (the row version, `xmin`): a new one for every refresh. */
export async function currentRun(db: Executor) {
  const [row] = await db
    .select({ ...getTableColumns(statsCurrentRuns), stamp: sql<string>`xmin::text` })
    .from(statsCurrentRuns)
    .where(eq(statsCurrentRuns.id, 1));
  return row ?? null;
}

/** The current rows of some regions (a region's children), by figure. */
export async function currentRows(
  db: Executor,
  codes: string[],
): Promise<Map<string, FigureRow[]>> {
  const rows = codes.length
    ? await db
        .select({
          region: statsCurrent.regionCode,
          figure: statsCurrent.figure,
          key: statsCurrent.key,
          value: statsCurrent.value,
        })
        .from(statsCurrent)
        .where(inArray(statsCurrent.regionCode, codes))
    : [];
  const out = new Map<string, FigureRow[]>();
  for (const r of rows) {
    if (!out.has(r.figure)) out.set(r.figure, []);
    out.get(r.figure)!.push({ region: r.region, key: r.key, value: Number(r.value) });
  }
  return out;
}

/** A region's total of one figure in stats_current (all keys), 0 when it has no rows. */
export async function currentTotal(db: Executor, code: string, figure: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<string>`coalesce(sum(${statsCurrent.value}), 0)::bigint` })
    .from(statsCurrent)
    .where(and(eq(statsCurrent.regionCode, code), eq(statsCurrent.figure, figure)));
  return Number(row?.n ?? 0);
}
