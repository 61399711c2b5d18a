/**
 * Eligibility and the relaxation ladder. A step is plain data (channels per region scope, wage
 * floor, occupations, age) so the caller can turn it into a search filter (`stepFilter`) and the
 * planner can re-check every hit (`jobFitsStep`): a fetcher that returns too much is harmless.
 */
import { type INELIGIBILITY_LABELS, LADDER_STEP_LABELS } from "../../lib/enums";
import { ENTRY_LEVEL_CHANNELS, isEntryLevelOccupation } from "./entry-level";
import { welfareEligible } from "./intention";
import { normaliseOccupation, ownOccupations, withNeighbours } from "./occupations";
import type { CandidateJob, JobChannel, MatchProfile } from "./types";
import { expectedDayFen, jobTopDayFen } from "./wage";

export const GUANGXI_CODE = "45";
export const GUANGDONG_CODE = "44";

/**
 * Wage floors as a share of the person's expected day-equivalent. 0.9 first (a range that tops out
 * just under the wish is still worth showing), 0.7 on the wage rung: below that a job is not
 * suitable at all, however short the supply.
 */
export const WAGE_FLOOR_SHARE = 0.9;
export const RELAXED_WAGE_FLOOR_SHARE = 0.7;

export type StepKey = keyof typeof LADDER_STEP_LABELS;

export const STEP_LABELS: Record<StepKey, string> = LADDER_STEP_LABELS;

/** Channels allowed within these places: the workplace ancestry must contain one of the codes. */
export interface StepScope {
  channels: JobChannel[];
  regionCodes: string[];
}

export interface LadderStep {
  index: number;
  key: StepKey;
  label: string;
  /** OR-ed: a job fits when it fits any one scope. */
  scopes: StepScope[];
  /** Minimum day-equivalent wage in fen (top of the posting's range); null = no floor. */
  wageFloorDayFen: number | null;
  /**
   * The person's own occupations (record and certificates); null = any (none recorded: missing
   * data is neutral). Entry-level work (entry-level.ts) is accepted beside them: a certificate
   * widens what a person is offered, never narrows it.
   */
  occupations: string[] | null;
  /** false for weak labour: heavy work (重体力) is never suitable for them. */
  heavyWork: boolean;
  /** Person's age for the postings' age range; null = unknown, never excludes. */
  age: number | null;
  /** Certificates the person holds: a posting asking for a brand needs one of them. */
  heldBrandCodes: string[];
}

export type Ineligibility = keyof typeof INELIGIBILITY_LABELS;

/** Why nobody should push jobs to this person at all ("no intention" people are counted, not pushed). */
export function ineligibility(
  p: Pick<MatchProfile, "workIntention" | "labourCapacity">,
): Ineligibility | null {
  if (p.labourCapacity === "none") return "no_labour_capacity";
  if (p.workIntention === "none") return "no_work_intention";
  return null;
}

/**
 * Channels a person may be offered: local channels for any intention; Guangdong cooperation jobs
 * only for those who want to work outside Guangxi and are not weak labour (a long-distance factory
 * job is not suitable for 弱劳动力 [002 §14, §28]). Enterprise jobs in Guangxi (区内企业岗位, 002 §12)
 * for every intention — the rungs keep local people to their own city, and weak labour gets only
 * the light ones (`jobFitsStep`).
 */
export function allowedChannels(
  p: Pick<MatchProfile, "workIntention" | "labourCapacity">,
): JobChannel[] {
  if (ineligibility(p)) return [];
  const channels: JobChannel[] = ["odd_job", "workshop", "public_welfare", "enterprise"];
  if (p.workIntention === "out_province" && p.labourCapacity !== "weak") channels.push("gd_gx");
  return channels;
}

type Place = "township" | "county" | "city" | "guangxi";
const PLACE_INDEX: Record<Place, number> = { guangxi: 0, city: 1, county: 2, township: 3 };

/** Places the local channels may reach, nearest first, as far as the intention allows. */
function placesFor(p: MatchProfile): Place[] {
  const near: Place[] = ["township", "county", "city"];
  const places: Place[] = p.workIntention === "local" ? near : [...near, "guangxi"];
  // A home recorded only down to the county has no township rung.
  return places.filter((place) => placeCode(p, place) !== undefined);
}

function placeCode(p: MatchProfile, place: Place): string | undefined {
  return place === "guangxi" ? GUANGXI_CODE : p.homeRegionCodes[PLACE_INDEX[place]];
}

/**
 * Scopes for one rung. Odd jobs, workshops and enterprise jobs go as far as the rung's place
 * (the own city for local intention, all of Guangxi for 区内/区外). Public-welfare posts are filled from the village's own residents: they
 * are offered only in the person's own township (`welfareCode`, null when not offered at this
 * rung). Guangdong jobs are what out-of-province people asked for, so they are in every rung:
 * their preferred cities first, all of Guangdong on the `guangdong` rung.
 */
function scopesFor(
  p: MatchProfile,
  place: Place,
  gdCodes: string[] | null,
  welfareCode: string | null,
): StepScope[] {
  const scopes: StepScope[] = [];
  const here = placeCode(p, place);
  if (here) scopes.push({ channels: ["odd_job", "workshop", "enterprise"], regionCodes: [here] });
  if (welfareCode) scopes.push({ channels: ["public_welfare"], regionCodes: [welfareCode] });
  if (gdCodes) scopes.push({ channels: ["gd_gx"], regionCodes: gdCodes });
  return scopes;
}

/** The ordered rungs for a person; empty when the person is not to be pushed jobs. */
export function ladderFor(p: MatchProfile): LadderStep[] {
  if (ineligibility(p)) return [];
  const gd = allowedChannels(p).includes("gd_gx");
  const preferred = [...new Set(p.preferredGdCityCodes)].sort();
  const firstGd = gd ? (preferred.length ? preferred : [GUANGDONG_CODE]) : null;
  const expected = expectedDayFen(p.expectedWage);
  // Nothing on the record: any occupation (missing data is neutral). Training then only adds
  // score, never a limit — a certificate widens what a person is offered, it never narrows it.
  const recorded = p.occupations.some((o) => normaliseOccupation(o) !== "");
  const own = recorded ? ownOccupations(p) : [];
  // Public-welfare posts: the own township, on every rung for those they are meant for, else only
  // on the last rung (the safety net, walked only when fewer than three other jobs were found).
  const township = p.homeRegionCodes[PLACE_INDEX.township] ?? null;
  const welfare = welfareEligible(p) ? township : null;
  const base = {
    wageFloorDayFen: expected === null ? null : Math.round(expected * WAGE_FLOOR_SHARE),
    occupations: own.length ? own : null,
    heavyWork: p.labourCapacity !== "weak",
    age: p.age,
    heldBrandCodes: [...new Set(p.certificates.map((c) => c.brandCode))].sort(),
  };
  const raw: Omit<LadderStep, "index" | "label">[] = [];
  const places = placesFor(p);
  for (const place of places)
    raw.push({ ...base, key: place, scopes: scopesFor(p, place, firstGd, welfare) });
  const widest = places[places.length - 1];
  const widestScopes = (gdCodes: string[] | null, welfareCode = welfare): StepScope[] =>
    widest
      ? scopesFor(p, widest, gdCodes, welfareCode)
      : gdCodes
        ? [{ channels: ["gd_gx"], regionCodes: gdCodes }]
        : [];
  let scopes = widestScopes(firstGd);
  if (gd) {
    scopes = widestScopes([GUANGDONG_CODE]);
    raw.push({ ...base, key: "guangdong", scopes });
  }
  if (!scopes.length) return [];
  const relaxedWage = expected === null ? null : Math.round(expected * RELAXED_WAGE_FLOOR_SHARE);
  raw.push({ ...base, key: "wage_floor", scopes, wageFloorDayFen: relaxedWage });
  const neighbours = base.occupations && withNeighbours(base.occupations);
  raw.push({
    ...base,
    key: "neighbour_occupations",
    scopes,
    wageFloorDayFen: relaxedWage,
    occupations: neighbours,
  });
  if (!welfare && township) {
    raw.push({
      ...base,
      key: "safety_net",
      scopes: widestScopes(gd ? [GUANGDONG_CODE] : null, township),
      wageFloorDayFen: relaxedWage,
      occupations: neighbours,
    });
  }
  return dropRepeats(raw).map((s, index) => ({ ...s, index, label: STEP_LABELS[s.key] }));
}

/** A rung identical to the previous one (no township code, no wage wish, no occupations) is skipped. */
function dropRepeats<T extends { key: StepKey }>(steps: T[]): T[] {
  const out: T[] = [];
  let last = "";
  for (const s of steps) {
    const sig = JSON.stringify({ ...s, key: undefined });
    if (sig !== last) out.push(s);
    last = sig;
  }
  return out;
}

/** Every place code a posting counts as being in: its workplace ancestry and, for gd_gx, the destination city. */
export function placeCodesOf(job: CandidateJob): string[] {
  return job.destinationCityCode ? [...job.regionCodes, job.destinationCityCode] : job.regionCodes;
}

/** Whether a posting is suitable for the person at this rung (everything but exclusions and spread). */
export function jobFitsStep(step: LadderStep, job: CandidateJob): boolean {
  const places = placeCodesOf(job);
  const inScope = step.scopes.some(
    (s) => s.channels.includes(job.channel) && s.regionCodes.some((c) => places.includes(c)),
  );
  if (!inScope) return false;
  if (
    step.age !== null &&
    ((job.ageMin !== null && step.age < job.ageMin) ||
      (job.ageMax !== null && step.age > job.ageMax))
  )
    return false;
  if (
    job.requiredBrandCodes.length &&
    !job.requiredBrandCodes.some((b) => step.heldBrandCodes.includes(b))
  )
    return false;
  if (step.wageFloorDayFen !== null) {
    const top = jobTopDayFen(job);
    if (top !== null && top < step.wageFloorDayFen) return false;
  }
  if (!step.heavyWork && job.physicalDemand === "heavy") return false;
  // Weak labour: a factory's regular shifts only when the work is light [002 §14, §28].
  if (!step.heavyWork && job.channel === "enterprise" && job.physicalDemand !== "light")
    return false;
  if (step.occupations && !occupationFits(step.occupations, job)) return false;
  return true;
}

/**
 * Whether the push may ever send this posting to the person: it fits one of their rungs (the
 * relaxed ones reach the widest places, the lower wage floor, neighbouring occupations). The employer's
 * candidate list (recommendations/suggest.ts) shows no one else.
 */
export function mayBePushed(p: MatchProfile, job: CandidateJob): boolean {
  // Any rung: the last one may be a narrow safety net (public-welfare posts only), not the widest.
  return ladderFor(p).some((step) => jobFitsStep(step, job));
}

/** One of the person's occupations, or entry-level work anyone with the capacity can do. */
export function occupationFits(
  occupations: readonly string[],
  job: Pick<CandidateJob, "occupation" | "channel">,
): boolean {
  const occ = normaliseOccupation(job.occupation);
  return (
    occupations.includes(occ) ||
    isEntryLevelOccupation(occ) ||
    ENTRY_LEVEL_CHANNELS.includes(job.channel)
  );
}
