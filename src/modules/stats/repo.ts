import { and, asc, eq, gte, inArray, lte, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { regions } from "../../../db/schema/regions";
import { statsSnapshotRuns, statsSnapshots } from "../../../db/schema/stats";
import type { SortedKeyset } from "../../lib/keyset-sorted";
import type { AsOf } from "./figure-sql";
import type { Figure } from "./figures";
import type { WarningSort } from "./warning-sorts";

export interface FigureRow {
  region: string;
  key: string;
  value: number;
}

/** One figure summed by the first `childLen` characters of the region code (the child region). */
export async function aggregateFigure(
  db: Executor,
  figure: Figure,
  p: AsOf,
  childLen: number,
): Promise<FigureRow[]> {
  const rows = await db.execute<{ region: string; key: string; value: string }>(
    sql`select left(s.rc, ${childLen}) as region, s.k as key, sum(s.v)::bigint as value
        from (${figure.source(p)}) s group by 1, 2`,
  );
  return rows.map((r) => ({ region: r.region, key: r.key, value: Number(r.value) }));
}

/** Child regions by code, with names; the region itself when it has none (a village). */
export async function childRegions(db: Executor, code: string) {
  return db
    .select({ code: regions.code, name: regions.name, level: regions.level })
    .from(regions)
    .where(eq(regions.parentCode, code))
    .orderBy(asc(regions.code));
}

/**
 * Replaces one week's snapshot in one statement pair (delete, insert) inside the caller's
 * transaction: every level of the hierarchy (2, 4, 6, 9, 12 digits) from one pass over the
 * figure's source. Returns the rows written.
 */
export async function writeSnapshotFigure(
  tx: Executor,
  figure: Figure,
  p: AsOf,
  weekStart: string,
  now: Date,
): Promise<number> {
  const rows = await tx.execute(
    sql`insert into stats_snapshots (region_code, week_start, figure, key, value, computed_at)
        select left(b.rc, n), ${weekStart}::date, ${figure.id}, b.k, sum(b.v)::bigint, ${now.toISOString()}::timestamptz
        from (select s.rc, s.k, sum(s.v) as v from (${figure.source(p)}) s group by 1, 2) b
        cross join unnest(array[2, 4, 6, 9, 12]) as n
        where n <= length(b.rc)
        group by 1, 4
        returning 1`,
  );
  return rows.length;
}

/**
 * Settings for counting every figure of a whole province inside the caller's transaction (the
 * weekly snapshot, the current-figures refresh): no JIT — the correlated per-person tests make
 * the planner's cost huge, and compiling took a third of a household figure's time — and room to
 * sort a province's held jobs in memory instead of on disk (docs/BENCHMARKS.md).
 */
export async function tuneForCounting(tx: Executor): Promise<void> {
  await tx.execute(
    sql`select set_config('jit', 'off', true), set_config('work_mem', '64MB', true)`,
  );
}

/** The same rows as writeSnapshotFigure, read (on a replica) instead of inserted. */
export async function snapshotFigureRows(
  db: Executor,
  figure: Figure,
  p: AsOf,
): Promise<SnapshotRow[]> {
  const rows = await db.execute<{ region: string; key: string; value: string }>(
    sql`select left(b.rc, n) as region, b.k as key, sum(b.v)::bigint as value
        from (select s.rc, s.k, sum(s.v) as v from (${figure.source(p)}) s group by 1, 2) b
        cross join unnest(array[2, 4, 6, 9, 12]) as n
        where n <= length(b.rc)
        group by 1, 2`,
  );
  return rows.map((r) => ({ figure: figure.id, region: r.region, key: r.key, value: r.value }));
}

export interface SnapshotRow {
  figure: string;
  region: string;
  key: string;
  value: string;
}

/** Writes counted snapshot rows in batches of 5,000 (one statement each, arrays unnested). */
export async function insertSnapshotRows(
  tx: Executor,
  rows: SnapshotRow[],
  weekStart: string,
  now: Date,
): Promise<number> {
  for (let i = 0; i < rows.length; i += 5000) {
    const b = rows.slice(i, i + 5000);
    const arr = (f: (r: SnapshotRow) => string) =>
      `{${b.map((r) => JSON.stringify(f(r))).join(",")}}`;
    await tx.execute(
      sql`insert into stats_snapshots (region_code, week_start, figure, key, value, computed_at)
          select r, ${weekStart}::date, f, k, v::bigint, ${now.toISOString()}::timestamptz
          from unnest(${arr((r) => r.region)}::text[], ${arr((r) => r.figure)}::text[],
                      ${arr((r) => r.key)}::text[], ${arr((r) => r.value)}::text[]) as u(r, f, k, v)`,
    );
  }
  return rows.length;
}

export async function clearSnapshotWeek(tx: Executor, weekStart: string): Promise<void> {
  await tx.delete(statsSnapshots).where(eq(statsSnapshots.weekStart, weekStart));
}

export async function recordSnapshotRun(
  tx: Executor,
  run: typeof statsSnapshotRuns.$inferInsert,
): Promise<void> {
  await tx
    .insert(statsSnapshotRuns)
    .values(run)
    .onConflictDoUpdate({
      target: statsSnapshotRuns.weekStart,
      set: { asOf: run.asOf, rows: run.rows, startedAt: run.startedAt, finishedAt: run.finishedAt },
    });
}

/** Snapshot values of a region for some figures between two week starts (inclusive). */
export async function snapshotSeries(
  db: Executor,
  q: { region: string; figures: string[]; from: string; to: string },
) {
  const conds: (SQL | undefined)[] = [
    eq(statsSnapshots.regionCode, q.region),
    inArray(statsSnapshots.figure, q.figures),
    gte(statsSnapshots.weekStart, q.from),
    lte(statsSnapshots.weekStart, q.to),
  ];
  return db
    .select({
      weekStart: statsSnapshots.weekStart,
      figure: statsSnapshots.figure,
      key: statsSnapshots.key,
      value: statsSnapshots.value,
    })
    .from(statsSnapshots)
    .where(and(...conds))
    .orderBy(asc(statsSnapshots.weekStart));
}

/** Weeks that have a snapshot, oldest first, between two week starts. */
export async function snapshotWeeks(db: Executor, from: string, to: string) {
  return db
    .select()
    .from(statsSnapshotRuns)
    .where(and(gte(statsSnapshotRuns.weekStart, from), lte(statsSnapshotRuns.weekStart, to)))
    .orderBy(asc(statsSnapshotRuns.weekStart));
}

/**
 * One page of a warning list in the order of `sort`: rows after the cursor by (key, id), `n` at
 * most. Each row carries `sort_key` (text) and `created_ms` for the next cursor and the view, and
 * the names of its village and township (`village_name`, `township_name`): a page is one query.
 */
export async function warningRows(
  db: Executor,
  source: SQL,
  sort: WarningSort,
  after: SortedKeyset | undefined,
  n: number,
): Promise<Record<string, unknown>[]> {
  const asc = sort.dir === "asc";
  const cast = (v: string) =>
    sort.type === "text"
      ? sql`${v}::text`
      : sort.type === "time"
        ? sql`(timestamptz 'epoch' + ${v}::bigint * interval '1 microsecond')`
        : sql`${v}::bigint`;
  const cursorKey =
    sort.type === "time"
      ? sql`(extract(epoch from ${sort.key}) * 1000000)::bigint::text`
      : sql`(${sort.key})::text`;
  const cond = after
    ? sql`where (${sort.key}, x.id) ${asc ? sql`>` : sql`<`} (${cast(after.key)}, ${after.id}::uuid)`
    : sql``;
  const dir = asc ? sql`asc` : sql`desc`;
  return db.execute<Record<string, unknown>>(
    sql`select p.*, (select g.name from regions g where g.code = p.rc) as village_name,
          (select g.name from regions g where length(p.rc) >= 9 and g.code = left(p.rc, 9)) as township_name
        from (select x.*, (extract(epoch from date_trunc('milliseconds', x.created_at)) * 1000)::float8 as created_ms,
            ${cursorKey} as sort_key
          from (${source}) x ${cond}
          order by ${sort.key} ${dir}, x.id ${dir} limit ${n}) p`,
  );
}

export const DECLINE_REASONS = ["too_far", "wage_too_low", "family", "unsuitable_work", "other"];

/**
 * Push outcomes by child region, round, channel and matcher version, for recommendations made in
 * [from, to): sent, delivered (WeChat or SMS), viewed, applied, hired within 30 days (a confirmed
 * employment from an application made on the recommendation, recorded within 30 days of it), and
 * declined by reason.
 */
export async function pushOutcomeRows(
  db: Executor,
  q: { prefix: string; childLen: number; from: Date; to: Date },
) {
  const declined = sql.join(
    DECLINE_REASONS.map(
      (r) =>
        sql`count(*) filter (where r.feedback = 'declined' and r.decline_reason = ${r})::int as ${sql.identifier(`declined_${r}`)}`,
    ),
    sql`, `,
  );
  return db.execute<Record<string, string | number>>(
    sql`select left(l.village_code, ${q.childLen}) as region, r.round, j.channel::text as channel,
        rr.matcher_version,
        count(*)::int as sent,
        count(*) filter (where r.delivery_status in ('delivered', 'fallback'))::int as delivered,
        count(*) filter (where r.feedback <> 'none' or a.id is not null)::int as viewed,
        count(*) filter (where r.feedback = 'applied' or a.id is not null)::int as applied,
        count(*) filter (where hired.ok)::int as hired_30d,
        count(*) filter (where r.feedback = 'declined')::int as declined, ${declined}
      from recommendations r
      join recommendation_rounds rr on rr.id = r.round_id
      join labourers l on l.id = r.labourer_id
      join jobs j on j.id = r.job_id
      left join lateral (select a.id from applications a where a.recommendation_id = r.id limit 1) a on true
      left join lateral (select true as ok from applications a2
          join employments e on e.application_id = a2.id
          where a2.recommendation_id = r.id and e.confirmed_at is not null
            and e.created_at <= r.created_at + interval '30 days' limit 1) hired on true
      where l.village_code like ${`${q.prefix}%`}
        and r.created_at >= ${q.from.toISOString()}::timestamptz
        and r.created_at < ${q.to.toISOString()}::timestamptz
      group by 1, 2, 3, 4
      order by 1, 2, 3, 4`,
  );
}
