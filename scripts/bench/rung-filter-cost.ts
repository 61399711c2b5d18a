/**
 * `npx tsx scripts/bench/rung-filter-cost.ts [--people 400] [--repeat 3]` — what each clause of a
 * ladder rung's Meilisearch filter costs. Reads the push benchmark's kept labourers and index
 * (`npm run bench:push -- … --keep` first), builds every person's first rung as the recommend
 * worker does (candidates.ts), and sends the same queries as multi-searches with one clause left
 * out at a time (and in other shapes: fewer attributes, no sort, fewer hits), reporting per query
 * Meilisearch's `processingTimeMs`, the Meilisearch process's CPU (the oldest `meilisearch`
 * process, read from /proc as the push benchmark does) and the wall time.
 */
import { execSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { createDb } from "../../db/client";
import { EXPIRY_FILTER_PREFIX } from "../../src/modules/jobs/search-query";
import { ladderFor } from "../../src/modules/matching/ladder";
import { stepFilter } from "../../src/modules/matching/step-filter";
import { CANDIDATE_ATTRIBUTES, PAGE_SIZE } from "../../src/modules/recommendations/candidates";
import { loadMatchProfiles } from "../../src/modules/recommendations/profile";
import { boot } from "../lib/boot";

const { values: opts } = parseArgs({
  options: {
    people: { type: "string", default: "400" },
    repeat: { type: "string", default: "3" },
    batch: { type: "string", default: "20" },
  },
});

async function main() {
  const booted = await boot({ ...process.env, LOG_LEVEL: "warn" });
  const u = new URL(booted.config.services.databaseUrl);
  u.pathname = "/gangtong_bench_push";
  const sql = postgres(u.toString(), { max: 2 });
  const db = createDb(u.toString());
  const ids = (
    await sql<{ id: string }[]>`select id from labourers order by id limit ${Number(opts.people)}`
  ).map((r) => r.id);
  const now = new Date();
  const profiles = await loadMatchProfiles(db, ids, now);
  const minute = Math.floor(now.getTime() / 60_000) * 60_000;
  const firstRungs = [...profiles.values()].flatMap((p) => ladderFor(p.profile).slice(0, 1));
  type Step = (typeof firstRungs)[number];
  type Variant = (step: Step) => string;
  // What candidates.ts sends: open, not past its deadline (to the minute), the rung's own filter.
  const OPEN = 'status = "open"';
  const FRESH = `${EXPIRY_FILTER_PREFIX} ${minute}`;
  const sent = (s: Step, parts = [OPEN, FRESH]) => [...parts, stepFilter(s)].join(" AND ");
  // The query as sent, in other shapes.
  const shapes: Record<string, Record<string, unknown>> = {
    "as sent": {},
    "ids only": { attributesToRetrieve: ["id"] },
    "no sort": { sort: undefined },
    "limit 20": { limit: 20 },
    "all attributes": { attributesToRetrieve: ["*"] },
    "trivial filter, 1 hit": { filter: OPEN, limit: 1 },
    "trivial filter, 50 hits": { filter: OPEN },
  };
  // The filter with one clause left out.
  const variants: Record<string, Variant> = {
    "no status": (s) => sent(s, [FRESH]),
    "no expiry": (s) => sent(s, [OPEN]),
    "no age": (s) => sent({ ...s, age: null }),
    "no wage floor": (s) => sent({ ...s, wageFloorDayFen: null }),
    "no occupations": (s) => sent({ ...s, occupations: null }),
    "no heavy clause": (s) => sent({ ...s, heavyWork: true }),
    "scope only": (s) =>
      stepFilter({
        ...s,
        age: null,
        wageFloorDayFen: null,
        occupations: null,
        heavyWork: true,
      }).split(" AND (certificates")[0]!,
  };
  const { meiliUrl, meiliKey } = booted.config.services;
  const batch = Number(opts.batch);
  console.log(
    `${firstRungs.length} first rungs, multi-searches of ${batch}, ${opts.repeat} passes`,
  );
  type Run = [string, Variant, Record<string, unknown>];
  const runs: Run[] = [
    ...Object.entries(shapes).map(([k, shape]): Run => [k, (s) => sent(s), shape]),
    ...Object.entries(variants).map(([k, f]): Run => [k, f, {}]),
  ];
  // Meilisearch's own CPU time (user + system, ms) from /proc: what the push benchmark counts.
  const meiliPid = execSync("pgrep -o meilisearch").toString().trim();
  const meiliCpuMs = () => {
    const f = readFileSync(`/proc/${meiliPid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(f[11]) + Number(f[12])) * 10;
  };
  for (const [name, f, shape] of runs) {
    const cpu0 = meiliCpuMs();
    let meiliMs = 0;
    let hits = 0;
    const t0 = performance.now();
    for (let r = 0; r < Number(opts.repeat); r++)
      for (let i = 0; i < firstRungs.length; i += batch) {
        const queries = firstRungs.slice(i, i + batch).map((s) => ({
          indexUid: "bench_push_jobs",
          q: "",
          filter: f(s),
          limit: PAGE_SIZE,
          sort: ["postedAt:desc"],
          attributesToRetrieve: [...CANDIDATE_ATTRIBUTES],
          ...shape,
        }));
        const res = await fetch(`${meiliUrl}/multi-search`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${meiliKey}` },
          body: JSON.stringify({ queries }),
        });
        const body = (await res.json()) as {
          results: { processingTimeMs: number; hits: unknown[] }[];
        };
        if (!res.ok) throw new Error(JSON.stringify(body));
        for (const q of body.results) {
          meiliMs += q.processingTimeMs;
          hits += q.hits.length;
        }
      }
    const n = firstRungs.length * Number(opts.repeat);
    console.log(
      `${name.padEnd(16)} processing ${(meiliMs / n).toFixed(2)} ms/query, Meilisearch CPU ${((meiliCpuMs() - cpu0) / n).toFixed(2)} ms/query, wall ${((performance.now() - t0) / n).toFixed(2)} ms/query, ${(hits / n).toFixed(1)} hits`,
    );
  }
  await sql.end();
  await booted.services.stop();
  process.exit(0);
}

void main();
