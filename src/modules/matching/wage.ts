import type { CandidateJob, Wage, WageUnit } from "./types";

/**
 * Wages come per day (odd jobs), per month (workshops, Guangdong factories) or per piece. To
 * compare them we convert to a day-equivalent in fen. Assumptions (docs/MATCHING.md):
 * - a month is 22 working days (the five-day week; factory overtime is not assumed);
 * - a piece rate has no day-equivalent: postings do not say how many pieces a day is realistic,
 *   so piece-rate pay is never compared (neutral in scoring, never excluded by a wage floor).
 */
export const WORKING_DAYS_PER_MONTH = 22;

export function dayEquivalentFen(fen: number, unit: WageUnit): number | null {
  switch (unit) {
    case "day":
      return fen;
    case "month":
      return fen / WORKING_DAYS_PER_MONTH;
    case "piece":
      return null;
  }
}

export function expectedDayFen(wage: Wage | null): number | null {
  return wage ? dayEquivalentFen(wage.fen, wage.unit) : null;
}

/** Top of the posting's range as a day-equivalent: what a wage floor is compared with. */
export function jobTopDayFen(
  job: Pick<CandidateJob, "wageMinFen" | "wageMaxFen" | "wageUnit">,
): number | null {
  return dayEquivalentFen(job.wageMaxFen ?? job.wageMinFen, job.wageUnit);
}

/** Middle of the posting's range as a day-equivalent: what scoring compares with the expectation. */
export function jobMidDayFen(
  job: Pick<CandidateJob, "wageMinFen" | "wageMaxFen" | "wageUnit">,
): number | null {
  const max = job.wageMaxFen ?? job.wageMinFen;
  return dayEquivalentFen((job.wageMinFen + max) / 2, job.wageUnit);
}
