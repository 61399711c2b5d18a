/**
 * `npx tsx scripts/bench/rung-filter-cost.ts [--people 400] [--repeat 3]` — what each clause of a
 * ladder rung's Meilisearch filter costs. Reads the push benchmark's kept labourers and index
 * (`npm run bench:push -- … --keep` first), builds every person's first rung as the recommend
 * worker does (candidates.ts), and sends the same queries as multi-searches with one clause left
 * out at a time, reporting Meilisearch's own processing time (the sum of `processingTimeMs`) and
 * the wall time.
 */
import { execSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { createDb } from "../../db/client";
import { EXPIRY_FILTER_PREFIX } from "../../src/modules/jobs/search-query";
import { ladderFor } from "../../src/modules/matching/ladder";
import { stepFilter } from "../../src/modules/matching/step-filter";
import { CANDIDATE_ATTRIBUTES } from "../../src/modules/recommendations/candidates";
import { loadMatchProfiles } from "../../src/modules/recommendations/profile";
import { boot } from "../lib/boot";

const { values: opts } = parseArgs({
  options: {
    people: { type: "string", default: "400" },
    repeat: { type: "string", default: "3" },
    batch: { type: "string", default: "20" },
    /** Set the index's displayedAttributes first: "all" (["*"]) or a comma-separated list. */
    displayed: { type: "string" },
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
  type Variant = (step: (typeof firstRungs)[number]) => string;
  const asSent: Variant = (s) =>
    `status = "open" AND ${EXPIRY_FILTER_PREFIX} ${minute} AND ${stepFilter(s)}`;
  const shapes: Record<string, Record<string, unknown>> = {
    "as sent": {},
    "ids only": { attributesToRetrieve: ["id"] },
    "no sort": { sort: undefined },
    "limit 20": { limit: 20 },
    "all attributes": { attributesToRetrieve: ["*"] },
    "trivial filter, 1 hit": { filter: 'status = "open"', limit: 1 },
    "trivial filter, 50 hits": { filter: 'status = "open"' },
  };
  const variants: Record<string, Variant> = {
    "as sent": (s) => `status = "open" AND ${EXPIRY_FILTER_PREFIX} ${minute} AND ${stepFilter(s)}`,
    "no status": (s) => `${EXPIRY_FILTER_PREFIX} ${minute} AND ${stepFilter(s)}`,
    "no expiry": (s) => `status = "open" AND ${stepFilter(s)}`,
    "no age": (s) =>
      `status = "open" AND ${EXPIRY_FILTER_PREFIX} ${minute} AND ${stepFilter({ ...s, age: null })}`,
    "no wage floor": (s) =>
      `status = "open" AND ${EXPIRY_FILTER_PREFIX} ${minute} AND ${stepFilter({ ...s, wageFloorDayFen: null })}`,
    "no occupations": (s) =>
      `status = "open" AND ${EXPIRY_FILTER_PREFIX} ${minute} AND ${stepFilter({ ...s, occupations: null })}`,
    "no heavy clause": (s) =>
      `status = "open" AND ${EXPIRY_FILTER_PREFIX} ${minute} AND ${stepFilter({ ...s, heavyWork: true })}`,
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
  if (opts.displayed) {
    const list = opts.displayed === "all" ? ["*"] : opts.displayed.split(",");
    const headers = { "content-type": "application/json", authorization: `Bearer ${meiliKey}` };
    const res = await fetch(`${meiliUrl}/indexes/bench_push_jobs/settings/displayed-attributes`, {
      method: "PUT",
      headers,
      body: JSON.stringify(list),
    });
    const { taskUid } = (await res.json()) as { taskUid: number };
    for (;;) {
      const t = (await (await fetch(`${meiliUrl}/tasks/${taskUid}`, { headers })).json()) as {
        status: string;
      };
      if (t.status === "succeeded") break;
      if (t.status === "failed") throw new Error(JSON.stringify(t));
      await new Promise((r) => setTimeout(r, 200));
    }
    console.log(`displayedAttributes = ${JSON.stringify(list)}`);
  }
  const batch = Number(opts.batch);
  console.log(
    `${firstRungs.length} first rungs, multi-searches of ${batch}, ${opts.repeat} passes`,
  );
  const runs: [string, Variant, Record<string, unknown>][] = [
    ...Object.entries(shapes).map(([k, v]): [string, Variant, Record<string, unknown>] => [
      k,
      asSent,
      v,
    ]),
    ...Object.entries(variants).map(([k, f]): [string, Variant, Record<string, unknown>] => [
      k,
      f,
      {},
    ]),
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
          limit: 50,
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
  process.exit(0);
}

void main();
