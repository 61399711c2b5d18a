/**
 * From suitable postings to the handful pushed to one person: exclusions, the spread rule,
 * diversity across employers and channels, and a stable order (score, then job id).
 */
import { TIER_SAFETY_NET } from "./intention";
import { allowedChannels } from "./ladder";
import { CAPACITY_FIT, declineSignals, scoreJob } from "./scoring";
import type { CandidateJob, JobChannel, JobScore, MatchProfile, ScoredJob } from "./types";
import { JOB_CHANNELS } from "./types";

export const DEFAULT_SPREAD_MULTIPLE = 5;
export const DEFAULT_LIMIT = 5;
export const DEFAULT_MAX_PER_EMPLOYER = 2;
/** A channel is forced into the picks only if it suits the person's labour capacity this well. */
const CHANNEL_COVERAGE_MIN_FIT = 0.5;

export interface RankOptions {
  now: Date;
  /** How many to pick (default 5). */
  limit?: number;
  /** A posting already pushed to ≥ multiple × headcount people this round yields (default 5). */
  spreadMultiple?: number;
  /** At most this many picks from one employer while others are available (default 2). */
  maxPerEmployer?: number;
  /**
   * Scores already computed for this person at this `now`, by job id: the planner ranks a growing
   * pool once per ladder rung, and a posting's score does not change between rungs.
   */
  scores?: Map<string, JobScore>;
}

export interface RankResult {
  picks: ScoredJob[];
  /** Every suitable posting left after exclusions and spread, best first. */
  ranked: ScoredJob[];
  excluded: {
    declined: string[];
    applied: string[];
    hired: string[];
    full: string[];
    expired: string[];
  };
}

/**
 * Intention tier first (intention.ts: what the person asked for, then other suitable work, then
 * the public-welfare safety net), then score descending, then job id ascending: the same input
 * always gives the same order.
 */
export function compareScored(a: ScoredJob, b: ScoredJob): number {
  return (
    a.score.tier - b.score.tier ||
    b.score.total - a.score.total ||
    (a.job.id < b.job.id ? -1 : a.job.id > b.job.id ? 1 : 0)
  );
}

/** Past its deadline at `now`: never chosen, whether or not the expiry sweep has marked it yet. */
export function isExpired(job: CandidateJob, now: Date): boolean {
  return job.expiresAt != null && job.expiresAt.getTime() <= now.getTime();
}

export function isFull(job: CandidateJob, spreadMultiple: number): boolean {
  return job.pushedThisRound >= spreadMultiple * Math.max(1, job.headcount);
}

export function rankCandidates(
  p: MatchProfile,
  jobs: CandidateJob[],
  opts: RankOptions,
): RankResult {
  const spread = opts.spreadMultiple ?? DEFAULT_SPREAD_MULTIPLE;
  const declined = new Set(p.declined.map((d) => d.jobId));
  const applied = new Set(p.appliedJobIds);
  const hired = new Set(p.hiredJobIds);
  const excluded: RankResult["excluded"] = {
    declined: [],
    applied: [],
    hired: [],
    full: [],
    expired: [],
  };
  const signals = declineSignals(p);
  const seen = new Set<string>();
  const scored: ScoredJob[] = [];
  for (const job of jobs) {
    if (seen.has(job.id)) continue;
    seen.add(job.id);
    if (isExpired(job, opts.now)) excluded.expired.push(job.id);
    else if (declined.has(job.id)) excluded.declined.push(job.id);
    else if (hired.has(job.id)) excluded.hired.push(job.id);
    else if (applied.has(job.id)) excluded.applied.push(job.id);
    else if (isFull(job, spread)) excluded.full.push(job.id);
    else {
      let score = opts.scores?.get(job.id);
      if (!score) {
        score = scoreJob(p, job, opts.now, signals);
        opts.scores?.set(job.id, score);
      }
      scored.push({ job, score });
    }
  }
  scored.sort(compareScored);
  for (const list of Object.values(excluded)) list.sort();
  return { picks: diversify(p, scored, opts), ranked: scored, excluded };
}

/**
 * Greedy by tier and score with an employer cap, then one posting of each channel the person can
 * use if the top list lacks it, then — only if still short — the capped postings: diversity never
 * causes a shortage. Safety-net postings (public-welfare posts for someone they are not meant
 * for) only fill places nothing else can.
 */
function diversify(p: MatchProfile, all: ScoredJob[], opts: RankOptions): ScoredJob[] {
  const limit = opts.limit ?? DEFAULT_LIMIT;
  const ranked = all.filter((s) => s.score.tier < TIER_SAFETY_NET);
  const cap = opts.maxPerEmployer ?? DEFAULT_MAX_PER_EMPLOYER;
  const picks: ScoredJob[] = [];
  const perEmployer = (id: string) => picks.filter((s) => s.job.employerId === id).length;
  for (const s of ranked) {
    if (picks.length >= limit) break;
    if (perEmployer(s.job.employerId) < cap) picks.push(s);
  }
  for (const channel of coverageChannels(p)) {
    if (picks.some((s) => s.job.channel === channel)) continue;
    const candidates = ranked.filter((s) => s.job.channel === channel && !picks.includes(s));
    for (const c of candidates) {
      if (tryCover(picks, c, limit, cap)) break;
    }
  }
  for (const s of all) {
    if (picks.length >= limit) break;
    if (!picks.includes(s)) picks.push(s);
  }
  return picks.sort(compareScored);
}

/** Channels worth guaranteeing a place in the top list, in a fixed order. */
function coverageChannels(p: MatchProfile): JobChannel[] {
  const allowed = allowedChannels(p);
  return JOB_CHANNELS.filter(
    (c) => allowed.includes(c) && CAPACITY_FIT[p.labourCapacity][c] >= CHANNEL_COVERAGE_MIN_FIT,
  );
}

/** Adds `c`, replacing the lowest pick whose channel is represented twice; keeps the employer cap. */
function tryCover(picks: ScoredJob[], c: ScoredJob, limit: number, cap: number): boolean {
  const sameEmployer = picks.filter((s) => s.job.employerId === c.job.employerId).length;
  if (picks.length < limit && sameEmployer < cap) {
    picks.push(c);
    picks.sort(compareScored);
    return true;
  }
  const channelCount = (ch: JobChannel) => picks.filter((s) => s.job.channel === ch).length;
  for (let i = picks.length - 1; i >= 0; i--) {
    const victim = picks[i]!;
    if (channelCount(victim.job.channel) < 2) continue;
    if (sameEmployer >= cap && victim.job.employerId !== c.job.employerId) continue;
    picks.splice(i, 1, c);
    picks.sort(compareScored);
    return true;
  }
  return false;
}
