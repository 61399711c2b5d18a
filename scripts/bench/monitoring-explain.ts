/**
 * `npx tsx scripts/bench/monitoring-explain.ts [--db gt_bench_province] [--list …] [--sort newest]
 *   [--region CODE] [--summary]`
 *
 * EXPLAIN (ANALYZE, BUFFERS) of the SQL a warning-list page runs (repo.ts warningRows over the
 * list's source, first page of 21 rows), or with `--summary` of every figure's live aggregate at
 * the region's child level, against a province-gen database (docs/BENCHMARKS.md).
 */
import { parseArgs } from "node:util";
import { type SQL, sql } from "drizzle-orm";
import { closeDb, createDb, type Executor } from "../../db/client";
import { chinaDate } from "../../src/lib/china-time";
import { FIGURES } from "../../src/modules/stats/figures";
import { childLength } from "../../src/modules/stats/region-access";
import { aggregateFigure, warningRows } from "../../src/modules/stats/repo";
import { WARNING_LIST_BY_ID } from "../../src/modules/stats/warning-lists";
import { WARNING_SORT_BY_ID } from "../../src/modules/stats/warning-sorts";

const { values: opts } = parseArgs({
  options: {
    db: { type: "string", default: "gt_bench_province" },
    list: { type: "string", default: "unemployed_with_intention" },
    sort: { type: "string", default: "newest" },
    region: { type: "string", default: "450881" },
    summary: { type: "boolean", default: false },
    /** With --summary: only figures whose id starts with this. */
    figure: { type: "string", default: "" },
    /** Session settings first, e.g. "jit=off,work_mem=64MB" (what the snapshot transaction sets). */
    set: { type: "string" },
  },
});
const url = new URL(process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres");
url.pathname = `/${opts.db}`;
const db = createDb(url.toString(), { max: 1, applicationName: "bench-explain" });
const explaining = {
  execute: async (q: SQL) => {
    const plan = await db.execute<{ "QUERY PLAN": string }>(sql`explain (analyze, buffers) ${q}`);
    console.log(plan.map((r) => r["QUERY PLAN"]).join("\n"));
    return [];
  },
} as unknown as Executor;

try {
  for (const kv of opts.set ? opts.set.split(",") : []) {
    const [k, v] = kv.split("=");
    await db.execute(sql`select set_config(${k}, ${v}, false)`);
  }
  const now = new Date();
  const p = { prefix: opts.region!, asOf: now, day: chinaDate(now), days: 30 };
  if (opts.summary) {
    for (const f of FIGURES.filter((x) => x.id.startsWith(opts.figure!))) {
      console.log(`\n=== ${f.id}`);
      await aggregateFigure(explaining, f, p, childLength(opts.region!));
    }
  } else {
    const list = WARNING_LIST_BY_ID.get(opts.list!)!;
    await warningRows(
      explaining,
      list.source(p),
      WARNING_SORT_BY_ID.get(opts.sort!)!,
      undefined,
      21,
    );
  }
} finally {
  await closeDb(db);
}
