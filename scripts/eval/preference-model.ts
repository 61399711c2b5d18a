/**
 * How synthetic labourers choose jobs — written apart from src/modules/matching/scoring.ts on
 * purpose, with other functional forms, other weights and inputs the matcher never sees, so the
 * evaluation does not grade the matcher by its own rules. Documented in docs/MATCHING.md.
 *
 * Utility of a posting for a person (applies when utility > their private reservation level):
 * - hard limits: Guangdong only for those who said "outside Guangxi" and whose family ties are
 *   weak (< 0.7); local work only within a travel tolerance by road (1.3 × straight line):
 *   25 km for "local", 90 km otherwise, shrunk by family ties (× (1 − 0.6 × tie)) and halved for
 *   half/weak labour;
 * - pay: 1.6 × ln(monthly pay / the occupation's median where the job is), pay counted in
 *   26-day months (people think in six-day weeks; the matcher assumes 22), Guangdong medians
 *   1.45 × Guangxi's, and Guangdong pay discounted 20 % for living costs unless board and
 *   lodging are included;
 * - trade: the person's real trade (hidden; the registry records it only sometimes) +1.4,
 *   same sector +0.5, an unskilled job +0.1, anything else −0.7; a held brand certificate for
 *   the job's occupation +0.8 more;
 * - distance: nothing within 5 km, then −0.025 per km (a threshold, not a decay);
 * - channel taste: strong family ties like workshops (+0.6 × tie); half/weak labour dislike
 *   odd jobs (−0.8) and like public-welfare posts (+0.6); full labour look down on
 *   public-welfare posts (−0.6);
 * - Gumbel noise (scale 0.4): taste the model cannot explain.
 * Employers hire an applicant only if the age fits and a required certificate is held, then
 * with probability 0.6.
 */
import type { CandidateJob, MatchProfile } from "../../src/modules/matching/types";
import { type Hidden, OCCUPATIONS, type Rng } from "./world";

const ROAD_FACTOR = 1.3;
const DAYS_PER_MONTH = 26;
const GD_MEDIAN_FACTOR = 1.45;

/** Equirectangular distance: plenty at these scales, and not the matcher's haversine. */
export function straightKm(
  a: { lat: number; lng: number },
  b: { lat: number; lng: number },
): number {
  const x = (b.lng - a.lng) * Math.cos(((a.lat + b.lat) / 2) * (Math.PI / 180));
  const y = b.lat - a.lat;
  return Math.sqrt(x * x + y * y) * 111.2;
}

function monthlyFen(job: CandidateJob): number | null {
  const mid = (job.wageMinFen + (job.wageMaxFen ?? job.wageMinFen)) / 2;
  if (job.wageUnit === "month") return mid;
  if (job.wageUnit === "day") return mid * DAYS_PER_MONTH;
  return mid * 180 * DAYS_PER_MONTH; // 180 pieces a day, a practised pace
}

function medianMonthlyFen(occupation: string, inGuangdong: boolean): number {
  const o = OCCUPATIONS[occupation];
  if (!o) return 300_000;
  const base =
    o.unit === "month"
      ? o.medianFen
      : o.unit === "day"
        ? o.medianFen * DAYS_PER_MONTH
        : o.medianFen * 180 * DAYS_PER_MONTH;
  return inGuangdong ? base * GD_MEDIAN_FACTOR : base;
}

function toleranceKm(p: MatchProfile, h: Hidden): number {
  const base = p.workIntention === "local" ? 25 : 90;
  return base * (1 - 0.6 * h.familyTie) * (p.labourCapacity === "full" ? 1 : 0.5);
}

function gumbel(r: Rng, scale: number): number {
  return -scale * Math.log(-Math.log(Math.max(1e-12, r())));
}

/** Utility, or null when the person would never take this job. */
export function utility(p: MatchProfile, h: Hidden, job: CandidateJob, r: Rng): number | null {
  if (p.workIntention === "none" || p.labourCapacity === "none") return null;
  const gd = job.channel === "gd_gx";
  if (
    gd &&
    (p.workIntention !== "out_province" || h.familyTie >= 0.7 || p.labourCapacity === "weak")
  )
    return null;
  const road = p.home && job.location ? straightKm(p.home, job.location) * ROAD_FACTOR : 50;
  if (!gd && road > toleranceKm(p, h)) return null;

  const pay = monthlyFen(job);
  let payTerm = 0;
  if (pay !== null) {
    const effective = gd && job.boardAndLodging !== "both" ? pay * 0.8 : pay;
    payTerm = 1.6 * Math.log(effective / medianMonthlyFen(job.occupation, gd));
  }
  const occ = OCCUPATIONS[job.occupation];
  const mine = OCCUPATIONS[h.trade];
  let trade =
    job.occupation === h.trade
      ? 1.4
      : occ && mine && occ.sector === mine.sector
        ? 0.5
        : occ?.unskilled
          ? 0.1
          : -0.7;
  if (p.certificates.some((c) => c.occupations.includes(job.occupation))) trade += 0.8;
  const distance = gd ? 0 : -0.025 * Math.max(0, road - 5);
  let channel = 0;
  if (job.channel === "workshop") channel += 0.6 * h.familyTie;
  if (p.labourCapacity !== "full" && job.channel === "odd_job") channel -= 0.8;
  if (p.labourCapacity !== "full" && job.channel === "public_welfare") channel += 0.6;
  if (p.labourCapacity === "full" && job.channel === "public_welfare") channel -= 0.6;
  return payTerm + trade + distance + channel + gumbel(r, 0.4);
}

export function employerHires(p: MatchProfile, job: CandidateJob, r: Rng): boolean {
  if (
    p.age !== null &&
    ((job.ageMin !== null && p.age < job.ageMin) || (job.ageMax !== null && p.age > job.ageMax))
  )
    return false;
  if (
    job.requiredBrandCodes.length &&
    !p.certificates.some((c) => job.requiredBrandCodes.includes(c.brandCode))
  )
    return false;
  return r() < 0.6;
}

export interface History {
  applied: Set<string>;
  hired: Set<string>;
}

/**
 * One person's history: they hear of each open posting with probability `exposure` (word of
 * mouth, job fairs, the village notice board), apply to the best three they heard of above
 * their reservation level, and are hired by the first employer that accepts them.
 */
export function simulateHistory(
  p: MatchProfile,
  h: Hidden,
  jobs: CandidateJob[],
  r: Rng,
  exposure = 0.5,
): History {
  const seen: { job: CandidateJob; u: number }[] = [];
  for (const job of jobs) {
    if (r() >= exposure) continue;
    const u = utility(p, h, job, r);
    if (u !== null && u > h.reservation) seen.push({ job, u });
  }
  seen.sort((a, b) => b.u - a.u);
  const applied = seen.slice(0, 3).map((s) => s.job);
  const hired = applied.find((job) => employerHires(p, job, r));
  return { applied: new Set(applied.map((j) => j.id)), hired: new Set(hired ? [hired.id] : []) };
}
