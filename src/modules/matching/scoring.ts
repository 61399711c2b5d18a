/**
 * The re-ranking function: explicit parts, each a fraction in [0, 1] times its weight, summing
 * to at most 100. Every part is documented in docs/MATCHING.md; the invariants the unit tests
 * check are: a matching certificate never lowers a score; a farther job never outscores an
 * otherwise identical nearer one; missing skills give the part a fixed neutral value, the same
 * for every job; a missing wage wish judges the wage against the minimum wage where the work is
 * (wage-reference.ts), so more pay never scores lower.
 */
import { haversineKm } from "../../lib/geo";
import { intentionTier } from "./intention";
import { areNeighbours, normaliseOccupation, ownOccupations } from "./occupations";
import { buildReason } from "./reasons";
import type {
  CandidateJob,
  HeldCertificate,
  JobChannel,
  JobScore,
  LabourCapacity,
  MatchProfile,
  ScoreParts,
} from "./types";
import { expectedDayFen, jobMidDayFen } from "./wage";
import { referenceDayFen } from "./wage-reference";

export const WEIGHTS: Readonly<ScoreParts> = {
  certificate: 25,
  skill: 20,
  distance: 20,
  wage: 15,
  capacity: 10,
  priority: 5,
  freshness: 5,
};

/** The value a part takes when the data it needs is missing: the middle of its scale. */
export const NEUTRAL = 0.5;

/** half/weak labour: workshops and public-welfare posts first [002 §14, §28]; public-welfare posts are a fallback for full labour. */
export const CAPACITY_FIT: Record<LabourCapacity, Record<JobChannel, number>> = {
  full: { odd_job: 1, workshop: 1, gd_gx: 1, public_welfare: 0.3, enterprise: 1 },
  half: { odd_job: 0.6, workshop: 1, gd_gx: 0.4, public_welfare: 1, enterprise: 0.6 },
  weak: { odd_job: 0.4, workshop: 1, gd_gx: 0, public_welfare: 1, enterprise: 0.3 },
  none: { odd_job: 0, workshop: 0, gd_gx: 0, public_welfare: 0, enterprise: 0 },
};

/**
 * Heavy work (重体力) for half labour: the capacity part is multiplied by this. Weak labour never
 * reaches heavy work (the ladder excludes it); full labour takes it as any other.
 */
export const HALF_LABOUR_HEAVY_FACTOR = 0.4;

/**
 * Steepness of the wage curve against the reference (the minimum wage where the work is) when
 * the person recorded no wish: gentler than against a wish, since most work pays above the
 * minimum — 800 CNY/month against 1,690 scores ≈ 0.26, 2,500 ≈ 0.72, 6,500 against 深圳's 2,360 ≈ 0.97.
 */
export const REFERENCE_WAGE_SENSITIVITY = 1;

/** Distance (km) at which a local job's distance part falls to 1/e, by labour capacity. */
const DISTANCE_SCALE_KM: Record<LabourCapacity, number> = {
  full: 30,
  half: 15,
  weak: 10,
  none: 10,
};
/** Guangdong jobs are a journey anyway: distance only breaks ties between otherwise equal ones. */
const GD_DISTANCE_SCALE_KM = 1500;
/** When a location is missing: a typical distance for the smallest region both share. */
const ESTIMATED_KM_BY_SHARED_DEPTH = [600, 200, 80, 30, 8, 2];
/** Freshness half-life in days: odd jobs expire fast. */
const HALF_LIFE_DAYS: Record<JobChannel, number> = {
  odd_job: 3,
  workshop: 14,
  gd_gx: 14,
  public_welfare: 14,
  enterprise: 14,
};
const DAY_MS = 86_400_000;

/** What past declines say about this person; they steer later rounds. */
export interface DeclineSignals {
  /** Multiplies the distance scale: each "too far" shrinks it by 30 %, "family" by 20 %. */
  distanceFactor: number;
  /** Each "wage too low" makes the wage curve steeper. */
  wageSensitivity: number;
  /** "Cannot leave family": Guangdong jobs count half on distance. */
  familyBound: boolean;
  /** Occupations declined as "not suitable work": their skill part is halved. */
  avoidedOccupations: Set<string>;
}

export function declineSignals(p: MatchProfile): DeclineSignals {
  const n = (r: string) => p.declined.filter((d) => d.reason === r).length;
  const familyBound = n("family") > 0;
  const distanceFactor = Math.max(0.3, 0.7 ** n("too_far") * (familyBound ? 0.8 : 1));
  const avoided = p.declined
    .filter((d) => d.reason === "unsuitable_work" && d.occupation)
    .map((d) => normaliseOccupation(d.occupation!));
  return {
    distanceFactor,
    wageSensitivity: 2.5 * (1 + 0.3 * n("wage_too_low")),
    familyBound,
    avoidedOccupations: new Set(avoided),
  };
}

/** The certificate that qualifies the person for this posting, if any. */
export function matchingCertificate(
  p: MatchProfile,
  job: CandidateJob,
): HeldCertificate | undefined {
  const occ = normaliseOccupation(job.occupation);
  return p.certificates.find(
    (c) =>
      job.requiredBrandCodes.includes(c.brandCode) ||
      c.occupations.some((o) => normaliseOccupation(o) === occ),
  );
}

export function skillFit(p: MatchProfile, job: CandidateJob, signals: DeclineSignals): number {
  const occ = normaliseOccupation(job.occupation);
  const fit = recordedSkillFit(p, job, occ);
  return signals.avoidedOccupations.has(occ) ? fit / 2 : fit;
}

function recordedSkillFit(p: MatchProfile, job: CandidateJob, occ: string): number {
  const own = ownOccupations(p);
  const skills = p.skills.map(normaliseOccupation).filter(Boolean);
  if (!own.length && !skills.length) return NEUTRAL;
  const occScore = own.includes(occ) ? 1 : own.some((o) => areNeighbours(o, occ)) ? 0.6 : 0;
  const wanted = new Set([occ, ...job.skills.map(normaliseOccupation)]);
  const overlap = skills.filter((s) => wanted.has(s)).length;
  const skillScore = wanted.size ? Math.min(1, overlap / Math.min(wanted.size, 3)) : 0;
  // Recorded but unrelated skills keep a floor: the person may still take the job.
  return 0.15 + 0.85 * Math.max(occScore, skillScore);
}

/** Measured when both points are known, else a typical distance for the smallest shared region. */
export function distanceKm(p: MatchProfile, job: CandidateJob): { km: number; measured: boolean } {
  if (p.home && job.location) return { km: haversineKm(p.home, job.location), measured: true };
  let depth = 0;
  while (depth < p.homeRegionCodes.length && job.regionCodes[depth] === p.homeRegionCodes[depth])
    depth++;
  return { km: ESTIMATED_KM_BY_SHARED_DEPTH[depth] ?? 2, measured: false };
}

export function distanceFit(
  p: MatchProfile,
  job: CandidateJob,
  km: number,
  signals: DeclineSignals,
): number {
  if (job.channel === "gd_gx") {
    const preferred = p.preferredGdCityCodes;
    const city = job.destinationCityCode ?? job.regionCodes[1];
    const destination = !preferred.length ? 0.8 : city && preferred.includes(city) ? 1 : 0.5;
    return destination * (signals.familyBound ? 0.5 : 1) * Math.exp(-km / GD_DISTANCE_SCALE_KM);
  }
  return Math.exp(-km / (DISTANCE_SCALE_KM[p.labourCapacity] * signals.distanceFactor));
}

/**
 * 0.5 when the posting pays what the person expects; a smooth S-curve either side. With no wish
 * recorded, the same curve (gentler) against the minimum wage where the work is, so a post paying
 * 800 a month never ties with one paying 6,500. A piece rate has no day-equivalent: neutral.
 */
export function wageFit(p: MatchProfile, job: CandidateJob, signals: DeclineSignals): number {
  const offered = jobMidDayFen(job);
  if (offered === null) return NEUTRAL;
  const expected = expectedDayFen(p.expectedWage);
  if (expected === null || expected <= 0) {
    return 0.5 + 0.5 * Math.tanh(REFERENCE_WAGE_SENSITIVITY * (offered / referenceDayFen(job) - 1));
  }
  return 0.5 + 0.5 * Math.tanh(signals.wageSensitivity * (offered / expected - 1));
}

/** The channel's fit for the person's labour capacity, lowered for heavy work done by half labour. */
export function capacityFit(p: MatchProfile, job: CandidateJob): number {
  const fit = CAPACITY_FIT[p.labourCapacity][job.channel];
  if (job.physicalDemand !== "heavy") return fit;
  if (p.labourCapacity === "half") return fit * HALF_LABOUR_HEAVY_FACTOR;
  return p.labourCapacity === "full" ? fit : 0;
}

/**
 * Key-assistance people and zero-employment households first; workshops must take them first
 * [002 §28] and public-welfare posts exist for them, so those channels count fully.
 */
export function priorityFit(p: MatchProfile, job: CandidateJob): number {
  if (!p.keyAssistance && !p.zeroEmploymentHousehold) return 0;
  return job.channel === "workshop" || job.channel === "public_welfare" ? 1 : 0.6;
}

export function freshnessFit(job: CandidateJob, now: Date): number {
  const ageDays = Math.max(0, (now.getTime() - job.postedAt.getTime()) / DAY_MS);
  return 0.5 ** (ageDays / HALF_LIFE_DAYS[job.channel]);
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Scores one posting for one person. Pure: same input, same output. */
export function scoreJob(
  p: MatchProfile,
  job: CandidateJob,
  now: Date,
  signals = declineSignals(p),
): JobScore {
  const cert = matchingCertificate(p, job);
  const dist = distanceKm(p, job);
  const fractions: ScoreParts = {
    certificate: cert ? 1 : 0,
    skill: skillFit(p, job, signals),
    distance: distanceFit(p, job, dist.km, signals),
    wage: wageFit(p, job, signals),
    capacity: capacityFit(p, job),
    priority: priorityFit(p, job),
    freshness: freshnessFit(job, now),
  };
  const parts = Object.fromEntries(
    (Object.keys(WEIGHTS) as (keyof ScoreParts)[]).map((k) => [
      k,
      round2(fractions[k] * WEIGHTS[k]),
    ]),
  ) as unknown as ScoreParts;
  const total = round2(Object.values(parts).reduce((a, b) => a + b, 0));
  // The reason line is read for the few picks only, yet every suitable posting is scored: build it
  // on first read (a getter, so it still reads, compares and serialises as a plain property).
  let reason: string | undefined;
  return {
    tier: intentionTier(p, job),
    total,
    parts,
    distanceKm: round2(dist.km),
    get reason() {
      return (reason ??= buildReason(p, job, {
        certificate: cert,
        distanceKm: dist.km,
        measured: dist.measured,
      }));
    },
  };
}
