/**
 * `npx tsx scripts/bench/retention-sweep.ts [--employments 200000] [--rounds 5] [--without-index]`
 *
 * The daily retention sweep (`runRetentionSweep`, docs/PLACEMENT.md) at a county's scale after
 * two years, in its own database `gt_bench_retention` (dropped afterwards):
 *
 * - `--employments` records for half as many labourers, starts spread over the last 730 days,
 *   90 % confirmed, half of them ended; every check-in due up to yesterday already exists
 *   (answered), as if the sweep ran every day — so today's run finds only today's due days;
 * - **a day's sweep**: the check-ins due today are created and pushed; between rounds the rows
 *   that round wrote are deleted (not timed), so every round does the same day's work;
 * - **a repeated sweep**: the same day again (nothing new) — the cost of the query alone;
 * - the anchor: `count(*)` of the confirmed, running records (the one scan the question needs);
 * - `EXPLAIN (ANALYZE, BUFFERS)` of the due query, printed for docs/BENCHMARKS.md.
 *
 * `--without-index` drops `employments_running_start_idx` first, to measure what it buys.
 */
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { closeDeps, createDeps } from "../../src/deps";
import { chinaDate } from "../../src/lib/china-time";
import type { Ctx } from "../../src/lib/ctx";
import { runRetentionSweep } from "../../src/modules/retention/sweep";
import { boot } from "../lib/boot";
import { formatMachine, machineInfo } from "./runner";

const { values: opts } = parseArgs({
  options: {
    employments: { type: "string", default: "200000" },
    rounds: { type: "string", default: "5" },
    "without-index": { type: "boolean", default: false },
  },
});
const N = Number(opts.employments);
const ROUNDS = Number(opts.rounds);
const DB_NAME = "gt_bench_retention";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (t0: number) => Math.round((performance.now() - t0) * 10) / 10;

const admin = await boot({ ...process.env, LOG_LEVEL: "warn" });
const adminUrl = admin.config.services.databaseUrl;
const a = postgres(adminUrl, { max: 1, onnotice: () => {} });
await a.unsafe(`drop database if exists ${DB_NAME} with (force)`);
await a.unsafe(`create database ${DB_NAME}`);
const u = new URL(adminUrl);
u.pathname = `/${DB_NAME}`;
const booted = await boot({ ...process.env, DATABASE_URL: u.toString(), LOG_LEVEL: "warn" });
const deps = createDeps(booted.config, booted.log);
const sys: Ctx = { ...deps, actor: { kind: "system", name: "bench" }, requestId: "bench" };
const db = deps.db;
const now = new Date();
const today = chinaDate(now);

try {
  const t0 = performance.now();
  const people = Math.ceil(N / 2);
  await db.execute(sql`
    insert into labourers (name, id_number_enc, id_number_hash, id_number_masked, sex, birth_date,
      person_type, labour_capacity, village_code, contact_consent, phone_enc)
    select '莫' || i, 'x', md5(i::text), '450332********' || lpad((i % 10000)::text, 4, '0'),
      'male', date '1980-01-01', 'tuopin', 'full', '450332102201', i % 3 <> 0,
      case when i % 2 = 0 then 'x' end
    from generate_series(1, ${people}) i`);
  await db.execute(sql`
    insert into employments (labourer_id, source, employer_name, region_code, outside_guangxi,
      start_date, recorded_role, confirmed_at, end_date, created_at)
    select l.id, 'self_found', '深圳市宝安区某电子厂', '440306', true, s.start, 'bench',
      case when g % 10 <> 0 then now() end,
      case when g % 2 = 0 then least(s.start + (g % 200), ${today}::date - 1) end,
      now() - (g % 730) * interval '1 day'
    from generate_series(1, ${N}) g
    join lateral (select ${today}::date - (g * 7919 % 730) as start) s on true
    join (select id, row_number() over (order by id) as n from labourers) l on l.n = (g % ${people}) + 1`);
  // Steady state: every check-in due before today exists, answered (the sweep ran every day).
  await db.execute(sql`
    insert into employment_check_ins (employment_id, labourer_id, day_offset, due_date, status,
      recipient, asked_at, answer, answered_at)
    select e.id, e.labourer_id, d.day, e.start_date + d.day, 'answered', 'labourer', now(),
      'still_working', now()
    from employments e cross join unnest(array[7, 30, 90]) d(day)
    where e.confirmed_at is not null and e.start_date + d.day < ${today}::date
      and (e.end_date is null or e.end_date >= e.start_date + d.day)`);
  if (opts["without-index"])
    await db.execute(sql`drop index if exists employments_running_start_idx`);
  await db.execute(sql`vacuum analyze`);
  const setupS = Math.round((performance.now() - t0) / 100) / 10;
  const counts = (
    await db.execute<{ employments: number; running: number; check_ins: number }>(sql`
      select (select count(*) from employments)::int as employments,
        (select count(*) from employments where confirmed_at is not null and end_date is null)::int as running,
        (select count(*) from employment_check_ins)::int as check_ins`)
  )[0]!;
  process.stdout.write(`${JSON.stringify({ setupS, ...counts })}\n`);

  const day: number[] = [];
  const again: number[] = [];
  const anchor: number[] = [];
  let asked = 0;
  for (let r = 0; r < ROUNDS; r++) {
    let t = performance.now();
    const res = await runRetentionSweep(sys, now);
    day.push(ms(t));
    asked = res.asked + res.missed;
    t = performance.now();
    await runRetentionSweep(sys, now);
    again.push(ms(t));
    t = performance.now();
    await db.execute(
      sql`select count(*) from employments where confirmed_at is not null and end_date is null`,
    );
    anchor.push(ms(t));
    // Undo the round's writes (not timed) so the next round does the same day's work.
    await db.execute(sql`delete from outbox where created_at >= ${now.toISOString()}::timestamptz`);
    await db.execute(sql`delete from notifications where kind like 'check_in%'`);
    await db.execute(sql`delete from employment_check_ins where due_date >= ${today}::date`);
  }
  const plan = await db.execute<{ "QUERY PLAN": string }>(sql`
    explain (analyze, buffers, costs off)
    select e.id from employments e
    join labourers l on l.id = e.labourer_id
    cross join unnest(array[7, 30, 90]) as d(day)
    where e.confirmed_at is not null and e.end_date is null
      and e.start_date + d.day <= ${today}::date
      and not exists (select 1 from employment_check_ins c
                      where c.employment_id = e.id and c.day_offset = d.day)`);
  const result = {
    employments: N,
    withIndex: !opts["without-index"],
    checkInsDueToday: asked,
    daySweepMs: median(day),
    repeatSweepMs: median(again),
    anchorCountMs: median(anchor),
    rounds: { day, again, anchor },
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.stdout.write(`${plan.map((p) => p["QUERY PLAN"]).join("\n")}\n`);
  process.stdout.write(`${formatMachine(machineInfo())}\n`);
} finally {
  await closeDeps(deps);
  await a.unsafe(`drop database if exists ${DB_NAME} with (force)`);
  await a.end();
  await booted.services.stop();
  await admin.services.stop();
}
