/**
 * `npx tsx scripts/bench/monitoring.ts [--db gt_bench_province] [--clients 16] [--seconds 20]
 *   [--county CODE] [--list unemployed_with_intention] [--sort newest] [--skip-snapshot]`
 *
 * The monitoring benchmark (docs/BENCHMARKS.md, "Monitoring at province scale") against a
 * database written by scripts/bench/province-gen.ts. It calls the service functions the routes
 * call (statsSummary, warningPage, takeWeeklySnapshot, exportWarnings) on one process with a
 * pool of 20 connections, as an admin — no HTTP, no auth round trip — each measurement
 * interleaved slice by slice with its anchor, a plain SQL aggregate over the same rows:
 * 0. the refresh of the precomputed current figures (stats_current) and one live province
 *    summary counted in full, once each;
 * 1. province summary p95 under `--clients` concurrent clients — statsSummary and its JSON body,
 *    as the route serves it: from stats_current while the refresh is fresh, which it is right
 *    after step 0 (the source is printed; anchor: labourers counted by city and person type in
 *    one GROUP BY); then a county summary under the same load, as served (from stats_current too
 *    while fresh; anchor: the county's labourers by township and person type);
 * 2. one page (20 rows) of a county warning list p95 under the same load (anchor: the county's
 *    newest 21 labourers wanting work, plain ORDER BY … LIMIT);
 * 3. the weekly snapshot of the whole province, once (anchor: labourers counted at all five
 *    levels in one pass);
 * 4. the XLSX export of the county list, streamed to nowhere (anchor: the same list's rows read
 *    in one plain query).
 */

import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { closeDb, createDb } from "../../db/client";
import { EnvSchema } from "../../src/config";
import { chinaDate } from "../../src/lib/china-time";
import type { Ctx } from "../../src/lib/ctx";
import { createLogger } from "../../src/lib/logger";
import { refreshCurrentFigures } from "../../src/modules/stats/current";
import { exportWarnings } from "../../src/modules/stats/exports";
import { statsSummary } from "../../src/modules/stats/service";
import { lastEndedWeek, takeWeeklySnapshot } from "../../src/modules/stats/snapshot";
import { summaryAt } from "../../src/modules/stats/summary";
import { warningPage } from "../../src/modules/stats/warnings";
import {
  compare,
  formatMachine,
  formatTable,
  machineInfo,
  runInterleaved,
  type TableRow,
  writeResults,
} from "./runner";

const { values: opts } = parseArgs({
  options: {
    db: { type: "string", default: "gt_bench_province" },
    clients: { type: "string", default: "16" },
    seconds: { type: "string", default: "20" },
    county: { type: "string" },
    list: { type: "string", default: "unemployed_with_intention" },
    sort: { type: "string", default: "newest" },
    "skip-snapshot": { type: "boolean", default: false },
    "skip-live": { type: "boolean", default: false },
    /** Do not page through the whole county list with the API (to count its rows): slow at 3M. */
    "skip-paging": { type: "boolean", default: false },
  },
});
const CLIENTS = Number(opts.clients);
const MS = Number(opts.seconds) * 1000;
const adminUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const url = new URL(adminUrl);
url.pathname = `/${opts.db}`;

const db = createDb(url.toString(), { max: 20, applicationName: "bench-monitoring" });
const ctx = {
  db,
  readDb: db,
  log: createLogger("warn"),
  now: () => new Date(),
  requestId: "bench",
  // As the product is configured (default 10,000): a smaller region is counted live, a larger one
  // read from stats_current while fresh (the benchmark's county has 79,827 at 3M).
  config: {
    STATS_LIVE_MAX_LABOURERS: EnvSchema.shape.STATS_LIVE_MAX_LABOURERS.parse(
      process.env.STATS_LIVE_MAX_LABOURERS,
    ),
  },
  actor: {
    kind: "user",
    userId: "00000000-0000-4000-8000-000000000000",
    role: "admin",
    regionCode: null,
    employerId: null,
    labourerId: null,
  },
} as unknown as Ctx;

const say = (m: string) => console.log(`[${new Date().toISOString()}] ${m}`);
const time = async <T>(f: () => Promise<T>) => {
  const t0 = performance.now();
  const v = await f();
  return { ms: performance.now() - t0, v };
};

async function main() {
  const machine = machineInfo();
  const [{ n, size }] = (await db.execute<{ n: number; size: string }>(
    sql`select (select count(*)::int from labourers) as n,
               pg_size_pretty(pg_database_size(current_database())) as size`,
  )) as unknown as [{ n: number; size: string }];
  const county =
    opts.county ??
    String(
      (
        await db.execute<{ c: string }>(
          sql`select left(village_code, 6) as c from labourers group by 1 order by count(*) desc limit 1`,
        )
      )[0]!.c,
    );
  const [{ cn }] = (await db.execute<{ cn: number }>(
    sql`select count(*)::int as cn from labourers where village_code like ${`${county}%`}`,
  )) as unknown as [{ cn: number }];
  console.log(`${opts.db}: ${n} labourers, ${size}; county ${county}: ${cn} labourers`);
  console.log(formatMachine(machine));
  const rows: TableRow[] = [];
  const slice = (ms: number) => ({ durationMs: MS, sliceMs: ms, warmupMs: ms, graceMs: 300_000 });

  // 2. A county list page vs the plain newest-first page of the county.
  const [page, pageAnchor] = await runInterleaved({
    concurrency: CLIENTS,
    ...slice(2000),
    targets: [
      {
        name: `county list page: ${opts.list} sort=${opts.sort} (warningPage, 20 rows)`,
        request: async () =>
          void (await warningPage(ctx, {
            list: opts.list!,
            region: county,
            limit: 20,
            days: 30,
            sort: opts.sort,
          })),
      },
      {
        name: "anchor: county's newest 21 labourers wanting work",
        request: async () =>
          void (await db.execute(
            sql`select id, name, village_code, created_at from labourers
                where village_code like ${`${county}%`} and work_intention <> 'none'
                order by created_at desc, id desc limit 21`,
          )),
      },
    ],
  });
  rows.push({ ...page!, vs: compare(page!, pageAnchor!) }, pageAnchor!);
  say(JSON.stringify([page, pageAnchor]));

  // 4. XLSX export of the county list vs reading the same rows plainly.
  let bytes = 0;
  const ex = await time(async () => {
    const x = await exportWarnings(ctx, {
      list: opts.list!,
      region: county,
      days: 30,
      sort: opts.sort,
    });
    await pipeline(
      x.stream,
      new Writable({
        write(chunk: Buffer, _e, cb) {
          bytes += chunk.length;
          cb();
        },
      }),
    );
  });
  say(`export ${ex.ms} ms, ${bytes} bytes`);
  const listRows = await time(async () => {
    if (opts["skip-paging"]) return Number.NaN;
    let total = 0;
    let cursor: string | undefined;
    for (;;) {
      const p = await warningPage(ctx, {
        list: opts.list!,
        region: county,
        limit: 100,
        days: 30,
        sort: opts.sort,
        cursor,
      });
      total += p.items.length;
      if (!p.nextCursor) return total;
      cursor = p.nextCursor;
    }
  });
  const exportAnchor = await time(() =>
    db.execute(
      sql`select l.id, l.name, l.id_number_masked, l.phone_masked, l.village_code, l.person_type
          from labourers l where l.village_code like ${`${county}%`} and l.work_intention <> 'none'`,
    ),
  );

  // 0. The refresh of the precomputed current figures (what province summaries read), and one
  // live province summary counted in full, for the record.
  const refresh = await time(() => refreshCurrentFigures(ctx));
  say(`refresh ${refresh.ms} ms, ${refresh.v.rows} rows`);
  const region = { code: "45", name: "广西壮族自治区", level: "province" as const };
  const now = new Date();
  const live = opts["skip-live"]
    ? { ms: Number.NaN }
    : await time(() => summaryAt(db, region, { prefix: "45", asOf: now, day: chinaDate(now) }));

  // 1. Province summary vs one plain GROUP BY over the same labourers: what the route does
  // (statsSummary, then the JSON body), which reads stats_current while the refresh is fresh.
  const served = await statsSummary(ctx, {});
  say(`province summary source: ${served.source}`);
  const [summary, summaryAnchor] = await runInterleaved({
    concurrency: CLIENTS,
    ...slice(5000),
    targets: [
      {
        name: `province summary (statsSummary + JSON, ${served.source})`,
        request: async () => void JSON.stringify(await statsSummary(ctx, {})),
      },
      {
        name: "anchor: labourers by city × person type",
        request: async () =>
          void (await db.execute(
            sql`select left(village_code, 4), person_type, count(*) from labourers
                where village_code like '45%' group by 1, 2`,
          )),
      },
    ],
  });
  rows.push({ ...summary!, vs: compare(summary!, summaryAnchor!) }, summaryAnchor!);
  say(JSON.stringify([summary, summaryAnchor]));

  // 1b. A county summary, as the route serves it (from stats_current while the refresh is fresh,
  // docs/MONITORING.md): the same load on it.
  const countyServed = await statsSummary(ctx, { region: county });
  say(`county summary source: ${countyServed.source}`);
  {
    const [cs, csAnchor] = await runInterleaved({
      concurrency: CLIENTS,
      ...slice(5000),
      targets: [
        {
          name: `county summary ${county} (statsSummary + JSON, ${countyServed.source})`,
          request: async () => void JSON.stringify(await statsSummary(ctx, { region: county })),
        },
        {
          name: "anchor: county's labourers by township × person type",
          request: async () =>
            void (await db.execute(
              sql`select left(village_code, 9), person_type, count(*) from labourers
                  where village_code like ${`${county}%`} group by 1, 2`,
            )),
        },
      ],
    });
    rows.push({ ...cs!, vs: compare(cs!, csAnchor!) }, csAnchor!);
    say(JSON.stringify([cs, csAnchor]));
  }

  // 3. The weekly snapshot of the whole province vs one pass counting labourers at every level.
  let snapshot: { ms: number; rows: number } | null = null;
  let snapshotAnchor: number | null = null;
  if (!opts["skip-snapshot"]) {
    const s = await time(() => takeWeeklySnapshot(ctx, { weekStart: lastEndedWeek(new Date()) }));
    snapshot = { ms: s.ms, rows: s.v.rows };
    say(`snapshot ${JSON.stringify(snapshot)}`);
    snapshotAnchor = (
      await time(() =>
        db.execute(
          sql`select left(village_code, k), count(*) from labourers
              cross join unnest(array[2, 4, 6, 9, 12]) k group by 1`,
        ),
      )
    ).ms;
  }

  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const md = [
    `Refresh of the precomputed current figures (stats_current, every region at every level): ${s(refresh.ms)}, ${refresh.v.rows.toLocaleString("en")} rows. One live province summary counted in full (no load): ${s(live.ms)}.`,
    `Monitoring at province scale — ${formatMachine(machine)}`,
    `Database ${opts.db}: ${n.toLocaleString("en")} labourers, ${size} on disk; county ${county}: ${cn.toLocaleString("en")} labourers.`,
    "",
    formatTable(rows),
    "",
    snapshot
      ? `Weekly snapshot of the whole province: ${s(snapshot.ms)}, ${snapshot.rows.toLocaleString("en")} rows (anchor: labourers counted at all five levels in one pass, ${s(snapshotAnchor!)}).`
      : "Weekly snapshot: skipped.",
    `XLSX export of ${opts.list} in ${county}: ${s(ex.ms)}, ${(bytes / 1e6).toFixed(1)} MB, ${listRows.v.toLocaleString("en")} rows (the API paged through them in ${s(listRows.ms)}; anchor: the county's labourers wanting work in one plain query, ${s(exportAnchor.ms)}).`,
  ].join("\n");
  writeResults(`monitoring-${n}`, md, {
    machine,
    database: { name: opts.db, labourers: n, size, county, countyLabourers: cn },
    refresh: { ms: refresh.ms, rows: refresh.v.rows },
    provinceSummarySource: served.source,
    liveProvinceSummaryMs: live.ms,
    load: rows,
    snapshot,
    snapshotAnchorMs: snapshotAnchor,
    export: { ms: ex.ms, bytes, rows: listRows.v, pagedMs: listRows.ms, anchorMs: exportAnchor.ms },
  });
}

try {
  await main();
} finally {
  await closeDb(db);
}
