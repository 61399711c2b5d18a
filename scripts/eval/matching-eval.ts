/**
 * Offline evaluation of the matcher: a synthetic population and postings (world.ts), a
 * synthetic history of applications and hires drawn from a preference model written apart
 * from the scoring code (preference-model.ts), then hit-rate@3 and @5 — the share of people
 * with at least one application for whom the top k recommendations contain a job they applied
 * to (or were hired for) — for four orderings side by side:
 *   matcher      planRecommendations: ladder walk, scoring, diversity, spread (as pushed)
 *   score only   rankCandidates over the whole suitable pool (no ladder walk): an ablation
 *   text search  the same pool ordered by a bag-of-words match of the person's skills,
 *                occupations and certificates against the posting's title and occupation,
 *                newest first on ties — what a plain keyword search would show
 *   random       the same pool shuffled
 *
 *   npx tsx scripts/eval/matching-eval.ts [--seed 20260302] [--people 3000] [--jobs 2000] [--exposure 0.5]
 *                                         [--pool-target 20] [--spread 5] [--page 0]
 *   --page N: the matcher reads each rung N postings at a time, the freshest first, the next page
 *   only while it wants more (as MATCH_CANDIDATES_PAGE in the pipeline); 0: each rung whole.
 */
import { jobFitsStep, ladderFor } from "../../src/modules/matching/ladder";
import { ownOccupations } from "../../src/modules/matching/occupations";
import { planRecommendations } from "../../src/modules/matching/plan";
import { rankCandidates } from "../../src/modules/matching/rank";
import type { CandidateJob, MatchProfile } from "../../src/modules/matching/types";
import { type History, simulateHistory } from "./preference-model";
import { buildGeography, buildJobs, buildPeople, mulberry32, type Rng } from "./world";

const NOW = new Date("2026-03-02T02:00:00Z");
const METHODS = ["matcher", "score only", "text search", "random"] as const;
type Method = (typeof METHODS)[number];

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const bigrams = (s: string) => {
  const t = s.replace(/\s+/g, "");
  const out = new Set<string>();
  for (let i = 0; i + 1 < t.length; i++) out.add(t.slice(i, i + 2));
  return out;
};

function textOrder(p: MatchProfile, pool: CandidateJob[]): CandidateJob[] {
  const query = bigrams(
    [...p.skills, ...ownOccupations(p), ...p.certificates.map((c) => c.brandName)].join(" "),
  );
  const score = (j: CandidateJob) =>
    [...bigrams(`${j.title}${j.occupation}`)].filter((g) => query.has(g)).length;
  return pool
    .map((j) => ({ j, s: score(j) }))
    .sort(
      (a, b) =>
        b.s - a.s || b.j.postedAt.getTime() - a.j.postedAt.getTime() || (a.j.id < b.j.id ? -1 : 1),
    )
    .map((x) => x.j);
}

function shuffled<T>(r: Rng, xs: T[]): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const k = Math.floor(r() * (i + 1));
    [a[i], a[k]] = [a[k]!, a[i]!];
  }
  return a;
}

type Tally = Record<Method, { applied3: number; applied5: number; hired3: number; hired5: number }>;

function count(t: Tally, m: Method, ids: string[], h: History) {
  const hit = (set: Set<string>, k: number) => ids.slice(0, k).some((id) => set.has(id));
  t[m].applied3 += +hit(h.applied, 3);
  t[m].applied5 += +hit(h.applied, 5);
  t[m].hired3 += +hit(h.hired, 3);
  t[m].hired5 += +hit(h.hired, 5);
}

async function main() {
  const seed = arg("seed", 20260302);
  const r = mulberry32(seed);
  const geo = buildGeography(r);
  const jobs = buildJobs(r, geo, arg("jobs", 2000), NOW);
  const people = buildPeople(r, geo, arg("people", 3000));
  const exposure = arg("exposure", 0.5);
  const poolTarget = arg("pool-target", 20);
  const spreadMultiple = arg("spread", 5);
  const page = arg("page", 0);
  const histories = people.map((p) => simulateHistory(p.profile, p.hidden, jobs, r, exposure));

  const tally = Object.fromEntries(
    METHODS.map((m) => [m, { applied3: 0, applied5: 0, hired3: 0, hired5: 0 }]),
  ) as Tally;
  const pushed = new Map<string, number>();
  const steps = new Map<string, number>();
  let evaluated = 0,
    withHire = 0,
    inPool = 0,
    guaranteed = 0,
    eligible = 0;
  const started = performance.now();
  for (const i of shuffled(
    r,
    people.map((_, k) => k),
  )) {
    const { profile } = people[i]!;
    const ladder = ladderFor(profile);
    if (!ladder.length) continue;
    eligible++;
    const widest = ladder[ladder.length - 1]!;
    const pool = jobs.filter((j) => jobFitsStep(widest, j));
    const current = () => pool.map((j) => ({ ...j, pushedThisRound: pushed.get(j.id) ?? 0 }));
    const fetch = async (step: Parameters<typeof jobFitsStep>[0], n: number) => {
      const fits = current().filter((j) => jobFitsStep(step, j));
      if (!page) return fits;
      fits.sort((a, b) => b.postedAt.getTime() - a.postedAt.getTime() || (a.id < b.id ? -1 : 1));
      return { jobs: fits.slice(n * page, (n + 1) * page), more: fits.length > (n + 1) * page };
    };
    const plan = await planRecommendations(profile, fetch, {
      now: NOW,
      poolTarget,
      spreadMultiple,
    });
    for (const pk of plan.picks) pushed.set(pk.job.id, (pushed.get(pk.job.id) ?? 0) + 1);
    if (plan.picks.length >= 3) guaranteed++;
    if (plan.stepUsed) steps.set(plan.stepUsed, (steps.get(plan.stepUsed) ?? 0) + 1);
    const h = histories[i]!;
    if (!h.applied.size) continue;
    evaluated++;
    withHire += +(h.hired.size > 0);
    inPool += +pool.some((j) => h.applied.has(j.id));
    count(
      tally,
      "matcher",
      plan.picks.map((p) => p.job.id),
      h,
    );
    count(
      tally,
      "score only",
      rankCandidates(profile, pool, { now: NOW, spreadMultiple: Infinity }).picks.map(
        (s) => s.job.id,
      ),
      h,
    );
    count(
      tally,
      "text search",
      textOrder(profile, pool).map((j) => j.id),
      h,
    );
    count(
      tally,
      "random",
      shuffled(r, pool).map((j) => j.id),
      h,
    );
  }
  const ms = performance.now() - started;
  const pct = (n: number, of: number) => `${((100 * n) / Math.max(1, of)).toFixed(1)} %`;
  console.log(
    `seed ${seed}: ${people.length} labourers, ${jobs.length} postings, exposure ${exposure}, pool target ${poolTarget}, spread ${spreadMultiple}× headcount`,
  );
  console.log(
    `eligible (intention and capacity): ${eligible}; ≥ 3 picks: ${pct(guaranteed, eligible)}; rung used: ${[...steps].map(([k, v]) => `${k} ${v}`).join(", ")}`,
  );
  console.log(
    `evaluated (≥ 1 application): ${evaluated}, of whom hired: ${withHire}; an applied job inside the suitable pool: ${pct(inPool, evaluated)}`,
  );
  console.log(
    `matcher time: ${(ms / eligible).toFixed(2)} ms per person (all four orderings included)\n`,
  );
  console.log("| ordering | hit@3 (applied) | hit@5 (applied) | hit@3 (hired) | hit@5 (hired) |");
  console.log("|---|---|---|---|---|");
  for (const m of METHODS) {
    const t = tally[m];
    console.log(
      `| ${m} | ${pct(t.applied3, evaluated)} | ${pct(t.applied5, evaluated)} | ${pct(t.hired3, withHire)} | ${pct(t.hired5, withHire)} |`,
    );
  }
}

await main();
