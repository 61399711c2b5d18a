import type { DeclineReason } from "../../lib/enums";

/**
 * The matching core's own view of a labourer and a posting, independent of the database tables:
 * the pipeline (recommend worker) builds these from rows and search hits, the pure functions in
 * ladder.ts / scoring.ts / plan.ts never see Drizzle or Meilisearch.
 *
 * Region codes are the short canonical GB/T 2260 form (`45`, `4503`, `450332`, `450332100`,
 * `450332100201`), given as an ancestry list, outermost first, like `ancestry()` in
 * src/modules/regions/codes.ts returns.
 */
import type { LatLng } from "../../lib/geo";

export type LabourCapacity = "full" | "half" | "weak" | "none";
export type WorkIntention = "none" | "local" | "in_province" | "out_province";
export type JobChannel = "odd_job" | "workshop" | "gd_gx" | "public_welfare" | "enterprise";
export type WageUnit = "day" | "month" | "piece";
export type { DeclineReason };
/** How hard the work is on the body: light 轻体力, normal 一般, heavy 重体力. */
export type PhysicalDemand = "light" | "normal" | "heavy";

export const JOB_CHANNELS: readonly JobChannel[] = [
  "odd_job",
  "workshop",
  "gd_gx",
  "public_welfare",
  "enterprise",
];

export interface Wage {
  fen: number;
  unit: WageUnit;
}

export interface HeldCertificate {
  brandCode: string;
  /** Display name for the reason line, e.g. 八桂家政. */
  brandName: string;
  /** Occupations the brand trains for (labour_brands.occupations). */
  occupations: string[];
}

export interface DeclinedJob {
  jobId: string;
  reason: DeclineReason;
  /** The declined posting's occupation and channel, when known: they steer later rounds. */
  occupation?: string;
  channel?: JobChannel;
}

/**
 * A labourer as matching sees them. Sex is deliberately absent: it is never a matching criterion
 * (postings that ask for one are refused as JOB_DISCRIMINATORY).
 */
export interface MatchProfile {
  id: string;
  /** Whole years at matching time; null when unknown (then age never excludes a job). */
  age: number | null;
  /** Home region ancestry [province, city, county, township, village], outermost first. */
  homeRegionCodes: string[];
  /** Home village centre; null when the region table has no coordinates for it. */
  home: LatLng | null;
  labourCapacity: LabourCapacity;
  workIntention: WorkIntention;
  /** Guangdong cities (4-digit short codes, 4403 深圳) the person would go to; empty = any. */
  preferredGdCityCodes: string[];
  skills: string[];
  /** Occupations on the person's record (what they said they do). */
  occupations: string[];
  /** Occupations of passed courses without a labour brand: training, like a certificate. */
  trainedOccupations?: string[];
  certificates: HeldCertificate[];
  /** null = not recorded: wage then counts as neutral, never against the person. */
  expectedWage: Wage | null;
  keyAssistance: boolean;
  zeroEmploymentHousehold: boolean;
  declined: DeclinedJob[];
  appliedJobIds: string[];
  hiredJobIds: string[];
}

/** An open posting of a verified employer, as a search hit plus what the pipeline knows. */
export interface CandidateJob {
  id: string;
  employerId: string;
  channel: JobChannel;
  title: string;
  occupation: string;
  /** Certificates the employer asks for: holding any one of them qualifies. Empty = none asked. */
  requiredBrandCodes: string[];
  skills: string[];
  headcount: number;
  wageMinFen: number;
  /** null = a single figure (`wageMinFen`). */
  wageMaxFen: number | null;
  wageUnit: WageUnit;
  /** Workplace region ancestry, outermost first (a gd_gx job's ancestry starts with 44). */
  regionCodes: string[];
  location: LatLng | null;
  /** gd_gx only: the Guangdong city (4-digit short code). */
  destinationCityCode: string | null;
  /** Short place name for the reason line (深圳, 恭城县莲花镇); optional. */
  placeName?: string;
  /** 包食宿 / 包住 / 包吃, shown in the reason line. */
  boardAndLodging?: "both" | "lodging" | "board" | null;
  ageMin: number | null;
  ageMax: number | null;
  /** Absent = "normal" (postings made before the field existed). */
  physicalDemand?: PhysicalDemand;
  postedAt: Date;
  /** The deadline: at or after it the posting is never chosen, whatever its stored status. Absent = none known. */
  expiresAt?: Date | null;
  /** How many people this posting was already pushed to in the current round (spread rule). */
  pushedThisRound: number;
}

/** Score parts, each already multiplied by its weight (see WEIGHTS in scoring.ts). */
export interface ScoreParts {
  certificate: number;
  skill: number;
  distance: number;
  wage: number;
  capacity: number;
  priority: number;
  freshness: number;
}

export interface JobScore {
  /**
   * Order before the total (intention.ts): 0 fits the person's work intention, 1 suitable but
   * not what they asked for (local work for someone going to Guangdong), 2 the public-welfare
   * safety net for someone it is not meant for. Lower comes first.
   */
  tier: number;
  total: number;
  parts: ScoreParts;
  /** One Chinese line for the labourer: 持有八桂家政证书 · 同乡镇 · 日薪 160 元 */
  reason: string;
  /** Distance used for the distance part (measured or estimated from region codes), km. */
  distanceKm: number;
}

export interface ScoredJob {
  job: CandidateJob;
  score: JobScore;
}
