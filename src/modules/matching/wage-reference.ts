/**
 * What a wage is judged against when the person recorded no wish: the monthly minimum wage where
 * the work is (DATA, by region-code prefix, the longest prefix wins). Without it every wage
 * scored the same neutral 0.5 and an 800 CNY/month public-welfare post tied with a 6,500 CNY/month
 * Shenzhen job (issue 18).
 *
 * Assumptions, to be set by each county (docs/MATCHING.md §3): Guangxi's three classes of the
 * 2023 adjustment (1,990 / 1,840 / 1,690 CNY), the cities' urban districts taken as class one and
 * everything else as class three unless listed; Guangdong's 2023 figures (广州 2,300, 深圳 2,360,
 * 珠海/佛山/东莞/中山 1,900, other cities 1,720). Amounts in fen per month.
 */
import type { CandidateJob } from "./types";
import { WORKING_DAYS_PER_MONTH } from "./wage";

export const MINIMUM_MONTH_WAGE_FEN: Readonly<Record<string, number>> = {
  "45": 169_000,
  "4501": 184_000,
  "4502": 184_000,
  "4503": 184_000,
  "4504": 184_000,
  "4505": 184_000,
  "450102": 199_000,
  "450103": 199_000,
  "450105": 199_000,
  "450107": 199_000,
  "450108": 199_000,
  "450202": 199_000,
  "450203": 199_000,
  "450204": 199_000,
  "450205": 199_000,
  "450302": 199_000,
  "450303": 199_000,
  "450304": 199_000,
  "450305": 199_000,
  "450311": 199_000,
  "450312": 199_000,
  "44": 172_000,
  "4401": 230_000,
  "4403": 236_000,
  "4404": 190_000,
  "4406": 190_000,
  "4419": 190_000,
  "4420": 190_000,
};

/** Used when no prefix of the workplace is listed (a posting outside both provinces). */
export const DEFAULT_MINIMUM_MONTH_WAGE_FEN = 169_000;

/** The minimum wage at the workplace as a day-equivalent in fen. */
export function referenceDayFen(
  job: Pick<CandidateJob, "regionCodes" | "destinationCityCode">,
): number {
  const codes = job.destinationCityCode
    ? [...job.regionCodes, job.destinationCityCode]
    : job.regionCodes;
  let best: string | undefined;
  for (const c of codes)
    if (MINIMUM_MONTH_WAGE_FEN[c] !== undefined && (!best || c.length > best.length)) best = c;
  return (
    (best ? MINIMUM_MONTH_WAGE_FEN[best]! : DEFAULT_MINIMUM_MONTH_WAGE_FEN) / WORKING_DAYS_PER_MONTH
  );
}
