/**
 * What the person asked for comes before distance and score: the tiers the ranking sorts by
 * before the total (docs/MATCHING.md §3–4).
 *
 * - Someone who wants to go out to Guangdong (区外) and may (not weak labour): Guangdong
 *   cooperation jobs are what they asked for (tier 0); local work is still suitable but comes
 *   after (tier 1).
 * - Enterprise jobs in Guangxi (区内企业岗位) are what 区内 (in_province) people asked for (tier 0,
 *   as all Guangxi work is for them); for those going out to Guangdong they are local work (tier 1).
 * - Public-welfare posts are the safety net [002 §14, §28]: for weak or half labour, carers,
 *   重点帮扶 and zero-employment households they are ordinary offers in their own township
 *   (tier as local work); for anyone else, and for every full labourer, they come after every
 *   other suitable job (tier 2) and are only looked for when fewer than three others exist.
 */
import type { CandidateJob, MatchProfile } from "./types";

export const TIER_FITS_INTENTION = 0;
export const TIER_OTHER = 1;
export const TIER_SAFETY_NET = 2;

type Person = Pick<
  MatchProfile,
  "labourCapacity" | "workIntention" | "keyAssistance" | "zeroEmploymentHousehold" | "declined"
>;

/** A carer: someone who declined work because of family (caring for children or the old). */
export function isCarer(p: Pick<MatchProfile, "declined">): boolean {
  return p.declined.some((d) => d.reason === "family");
}

/** Whom public-welfare posts are for [002 §14, §28]: offered in their own township on every rung. */
export function welfareEligible(p: Person): boolean {
  return (
    p.labourCapacity === "weak" ||
    p.labourCapacity === "half" ||
    p.keyAssistance ||
    p.zeroEmploymentHousehold ||
    isCarer(p)
  );
}

/** Whether the person wants to go to Guangdong and may be offered it (weak labour may not). */
export function goesOut(p: Pick<MatchProfile, "workIntention" | "labourCapacity">): boolean {
  return (
    p.workIntention === "out_province" && p.labourCapacity !== "weak" && p.labourCapacity !== "none"
  );
}

export function intentionTier(p: Person, job: Pick<CandidateJob, "channel">): number {
  if (job.channel === "public_welfare") {
    if (p.labourCapacity === "full" || !welfareEligible(p)) return TIER_SAFETY_NET;
    return goesOut(p) ? TIER_OTHER : TIER_FITS_INTENTION;
  }
  if (goesOut(p)) return job.channel === "gd_gx" ? TIER_FITS_INTENTION : TIER_OTHER;
  return TIER_FITS_INTENTION;
}
