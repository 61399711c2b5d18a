/**
 * The guarantee as a pure planner: walk the ladder, fetching candidates per rung, until enough
 * suitable postings are found; below the minimum after the last rung, report a shortage. Never
 * pads with unsuitable postings; an empty pool is a shortage, not an error (a failing fetcher
 * still throws: that is the caller's retry).
 *
 * Location rungs are walked until the aim (5) is met and the pool holds enough to choose from
 * (`poolTarget`): a farther job the person's intention allows is still suitable, and scoring
 * already ranks it lower. The wage and occupation rungs lower the bar itself, so they are walked
 * only while below the minimum (3).
 */
import {
  type Ineligibility,
  ineligibility,
  jobFitsStep,
  type LadderStep,
  ladderFor,
  type StepKey,
} from "./ladder";
import { type RankOptions, rankCandidates } from "./rank";
import type { CandidateJob, JobScore, MatchProfile, ScoredJob } from "./types";

export const GUARANTEE_MINIMUM = 3;
export const GUARANTEE_AIM = 5;

const BAR_LOWERING_STEPS: ReadonlySet<StepKey> = new Set([
  "wage_floor",
  "neighbour_occupations",
  "safety_net",
]);

export interface PlanOptions extends Omit<RankOptions, "limit"> {
  /** Fewer than this after the last rung is a shortage (default 3, the policy's floor [002 §10]). */
  minimum?: number;
  /** How many to aim for (default 5). */
  aim?: number;
  /**
   * Keep widening the place until this many suitable postings are in hand (default 4 × aim), so
   * the ranking has a real choice rather than the first five found in the township.
   */
  poolTarget?: number;
}

export interface PlannedPick extends ScoredJob {
  /** The first rung at which this posting was suitable: which relaxation it needed. */
  step: StepKey;
}

export interface Shortage {
  missing: number;
  /** The occupations sought at the last rung; empty = any occupation. */
  occupations: string[];
  /** Region codes searched at the last rung (workplace ancestry codes), sorted. */
  places: string[];
  stepsTried: StepKey[];
  /** Suitable postings held back because they were already pushed to enough people this round. */
  heldBackBySpread: number;
}

export interface Plan {
  picks: PlannedPick[];
  stepsTried: StepKey[];
  /** The rung the walk stopped at; null when nothing was tried (ineligible person). */
  stepUsed: StepKey | null;
  shortage?: Shortage;
  /** Set when the person is not to be pushed jobs at all: no guarantee applies. */
  ineligible?: Ineligibility;
  /**
   * The next-best suitable postings after the picks, best first (at most ALTERNATES_KEPT): what
   * the caller falls back on when a pick cannot be reserved under the spread rule at store time.
   */
  alternates?: PlannedPick[];
  /** What the last rung searched (for a shortage the caller finds only at store time). */
  searched?: { occupations: string[]; places: string[] };
}

/** How many next-best postings a plan keeps for the store-time spread reservation. */
export const ALTERNATES_KEPT = 20;

/** One page of a rung's candidates; `more`: a next page may hold more (the fetcher stopped at its page size). */
export interface CandidatePage {
  jobs: CandidateJob[];
  more: boolean;
  /**
   * Postings suitable at this rung that the fetcher left out because they are already full under
   * the spread rule (so they are not fetched again and again); they count as held back by spread.
   */
  knownFull?: string[];
}

/**
 * A rung's candidates. A fetcher that pages answers page 0, 1, … with `CandidatePage`s; a plain
 * array is the whole rung at once.
 */
export type FetchCandidates = (
  step: LadderStep,
  page: number,
) => Promise<CandidateJob[] | CandidatePage>;

const asPage = (got: CandidateJob[] | CandidatePage): CandidatePage =>
  Array.isArray(got) ? { jobs: got, more: false } : got;

export async function planRecommendations(
  p: MatchProfile,
  fetchCandidates: FetchCandidates,
  opts: PlanOptions,
): Promise<Plan> {
  const why = ineligibility(p);
  if (why) return { picks: [], stepsTried: [], stepUsed: null, ineligible: why };
  const minimum = opts.minimum ?? GUARANTEE_MINIMUM;
  const aim = Math.max(minimum, opts.aim ?? GUARANTEE_AIM);
  const poolTarget = Math.max(aim, opts.poolTarget ?? aim * 4);
  const steps = ladderFor(p);
  const pool = new Map<string, CandidateJob>();
  const tried: LadderStep[] = [];
  let picks: ScoredJob[] = [];
  let ranked: ScoredJob[] = [];
  let heldBack = 0;
  const scores = new Map<string, JobScore>();
  let satisfied = false;
  for (const step of steps) {
    if (BAR_LOWERING_STEPS.has(step.key) && picks.length >= minimum) break;
    tried.push(step);
    // A rung is read page by page (freshest first), the next page only while the plan still
    // wants more: the same candidates as one big page whenever they are needed, fewer hits when not.
    for (let page = 0; ; page++) {
      const got = asPage(await fetchCandidates(step, page));
      for (const job of got.jobs) if (!pool.has(job.id)) pool.set(job.id, job);
      // Rungs only ever widen, so the current rung's test admits everything earlier rungs did.
      const suitable = [...pool.values()].filter((job) => jobFitsStep(step, job));
      const result = rankCandidates(p, suitable, { ...opts, limit: aim, scores });
      picks = result.picks;
      ranked = result.ranked;
      heldBack = got.knownFull?.length
        ? new Set([...result.excluded.full, ...got.knownFull]).size
        : result.excluded.full.length;
      satisfied = picks.length >= aim && result.ranked.length >= poolTarget;
      if (satisfied || !got.more) break;
    }
    if (satisfied) break;
  }
  const last = tried[tried.length - 1];
  const picked = new Set(picks.map((s) => s.job.id));
  const plan: Plan = {
    picks: picks.map((s) => ({ ...s, step: firstFittingStep(tried, s.job) })),
    stepsTried: tried.map((s) => s.key),
    stepUsed: last?.key ?? null,
    alternates: ranked
      .filter((s) => !picked.has(s.job.id))
      .slice(0, ALTERNATES_KEPT)
      .map((s) => ({ ...s, step: firstFittingStep(tried, s.job) })),
    searched: { occupations: last?.occupations ?? [], places: placesOf(last) },
  };
  if (picks.length < minimum) plan.shortage = shortageOf(plan, last, minimum, heldBack);
  return plan;
}

const placesOf = (step: LadderStep | undefined) =>
  [...new Set(step?.scopes.flatMap((s) => s.regionCodes) ?? [])].sort();

function firstFittingStep(tried: LadderStep[], job: CandidateJob): StepKey {
  return (tried.find((s) => jobFitsStep(s, job)) ?? tried[tried.length - 1]!).key;
}

function shortageOf(
  plan: Plan,
  last: LadderStep | undefined,
  minimum: number,
  heldBack: number,
): Shortage {
  return {
    missing: minimum - plan.picks.length,
    occupations: last?.occupations ?? [],
    places: placesOf(last),
    stepsTried: plan.stepsTried,
    heldBackBySpread: heldBack,
  };
}
