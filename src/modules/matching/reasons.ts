/**
 * The one-line Chinese reason a labourer reads next to a recommendation, e.g.
 * `持有八桂家政证书 · 同乡镇 · 日薪 160 元`, `距家约 85 公里` or `月薪 5,000–6,500 元 · 深圳 · 包食宿`.
 * It states facts about the posting and the person, never the score.
 */
import { GUANGDONG_CITIES } from "../../lib/provinces";
import { roughKmText, sharedRegionText } from "../jobs/distance-text";
import { areNeighbours, normaliseOccupation, ownOccupations } from "./occupations";
import type { CandidateJob, HeldCertificate, MatchProfile, WageUnit } from "./types";

const SHARED_REGION_WORDS = ["区外", "区内", "本市", "本县", "本乡镇", "本村"];
const SEPARATOR = " · ";

// One formatter, built once: toLocaleString builds a new one per call (≈ 38 µs against ≈ 1 µs),
// and every recommendation formats several wages.
const YUAN = new Intl.NumberFormat("en-US", { minimumFractionDigits: 0, maximumFractionDigits: 2 });

/** 16000 → "160", 500000 → "5,000", 50 → "0.5". */
export function formatYuan(fen: number): string {
  return YUAN.format(fen / 100);
}

export function formatWage(minFen: number, maxFen: number | null, unit: WageUnit): string {
  const range =
    maxFen !== null && maxFen !== minFen
      ? `${formatYuan(minFen)}–${formatYuan(maxFen)}`
      : formatYuan(minFen);
  switch (unit) {
    case "day":
      return `日薪 ${range} 元`;
    case "month":
      return `月薪 ${range} 元`;
    case "piece":
      return `计件 ${range} 元/件`;
  }
}

/**
 * Where the posting is, seen from home, at the precision known — the rule of the posting pages'
 * distanceText (src/modules/jobs/distance-text.ts): a home is a region's point (a village carries
 * its county's), never a measured location, so a posting in the home county is 同村 / 同乡镇 /
 * 本县, never "N 公里"; between counties 距家约 N 公里 (whole kilometres from the county's point).
 */
function placeSegment(p: MatchProfile, job: CandidateJob, facts: ReasonFacts): string {
  const home = p.homeRegionCodes.at(-1);
  const here = job.regionCodes.at(-1);
  const shared = home && here ? sharedRegionText(home, here) : null;
  if (shared) return shared;
  if (facts.measured) return `距家${roughKmText(facts.distanceKm)}`;
  return job.placeName ?? sharedRegionWord(p, job);
}

function sharedRegionWord(p: MatchProfile, job: CandidateJob): string {
  let depth = 0;
  while (depth < p.homeRegionCodes.length && job.regionCodes[depth] === p.homeRegionCodes[depth])
    depth++;
  return SHARED_REGION_WORDS[depth] ?? "本村";
}

function fitSegment(
  p: MatchProfile,
  job: CandidateJob,
  cert: HeldCertificate | undefined,
): string | null {
  if (cert) return `持有${cert.brandName}证书`;
  const occ = normaliseOccupation(job.occupation);
  const own = ownOccupations(p);
  if (own.includes(occ)) return `对口${occ}`;
  const near = own.find((o) => areNeighbours(o, occ));
  return near ? `与${near}工种相近` : null;
}

const LODGING: Record<string, string> = { both: "包食宿", lodging: "包住", board: "包吃" };
const CHANNEL_TAG: Record<string, string> = {
  workshop: "帮扶车间",
  public_welfare: "公益性岗位",
  enterprise: "区内企业",
};

export interface ReasonFacts {
  certificate: HeldCertificate | undefined;
  distanceKm: number;
  /** false when the distance was estimated from region codes: then name the region, not a figure. true: between two points, which may be regions' points (see placeSegment). */
  measured: boolean;
}

export function buildReason(p: MatchProfile, job: CandidateJob, facts: ReasonFacts): string {
  const fit = fitSegment(p, job, facts.certificate);
  const wage = formatWage(job.wageMinFen, job.wageMaxFen, job.wageUnit);
  const lodging = job.boardAndLodging ? LODGING[job.boardAndLodging] : undefined;
  let segments: (string | null | undefined)[];
  if (job.channel === "gd_gx") {
    const city = job.destinationCityCode ?? job.regionCodes[1] ?? "";
    const place = job.placeName ?? GUANGDONG_CITIES[city] ?? "广东";
    segments = [fit, wage, place, lodging];
  } else {
    const place = placeSegment(p, job, facts);
    segments = [fit, place, wage, lodging ?? CHANNEL_TAG[job.channel]];
  }
  return segments.filter((s): s is string => Boolean(s)).join(SEPARATOR);
}
