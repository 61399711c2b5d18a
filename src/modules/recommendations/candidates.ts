import { and, gt, inArray, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { recommendations } from "../../../db/schema/recommendations";
import type { Search } from "../../search/client";
import { jobsIndex, type JobDocument } from "../../search/jobs-index";
import type { LadderStep } from "../matching/ladder";
import { stepFilter } from "../matching/step-filter";
import type { CandidateJob } from "../matching/types";

/** How many postings one rung may bring back; the freshest first. */
const PER_STEP_LIMIT = 200;

const GD_PREFIX = "44";

export function toCandidate(doc: JobDocument, pushed: number): CandidateJob {
  const gdCity = doc.channel === "gd_gx" && doc.regionCode.startsWith(GD_PREFIX) ? doc.regionCode.slice(0, 4) : null;
  return {
    id: doc.id,
    employerId: doc.employerId,
    channel: doc.channel as CandidateJob["channel"],
    title: doc.title,
    occupation: doc.occupation,
    requiredBrandCodes: doc.certificates,
    skills: doc.skills,
    headcount: doc.headcount,
    wageMinFen: doc.wageMinFen,
    wageMaxFen: doc.wageMaxFen,
    wageUnit: doc.wageUnit as CandidateJob["wageUnit"],
    regionCodes: doc.regionCodes,
    location: doc.lat !== null && doc.lng !== null ? { lat: doc.lat, lng: doc.lng } : null,
    destinationCityCode: gdCity,
    placeName: doc.placeName,
    boardAndLodging: doc.boardAndLodging ? "both" : null,
    ageMin: doc.ageMin,
    ageMax: doc.ageMax,
    postedAt: new Date(doc.postedAt * 1000),
    pushedThisRound: pushed,
  };
}

/**
 * Candidate generation for one ladder rung: region-code and numeric filters in Meilisearch (no
 * `_geo`: a geo filter costs about ten times as much at 500k postings), then how many people each
 * posting was already pushed to within the current round window, for the spread rule.
 */
export async function fetchCandidates(
  deps: { search: Search; db: Executor },
  step: LadderStep,
  window: { since: Date },
): Promise<CandidateJob[]> {
  const filter = `status = "open" AND ${stepFilter(step)}`;
  const res = await jobsIndex(deps.search).search("", { filter, limit: PER_STEP_LIMIT, sort: ["postedAt:desc"] });
  const docs = res.hits as JobDocument[];
  if (docs.length === 0) return [];
  const counts = await pushedCounts(deps.db, docs.map((d) => d.id), window.since);
  return docs.map((d) => toCandidate(d, counts.get(d.id) ?? 0));
}

/** Recommendations per posting since `since` (the spread rule's "this round"). */
export async function pushedCounts(db: Executor, jobIds: string[], since: Date): Promise<Map<string, number>> {
  const rows = await db.select({ jobId: recommendations.jobId, n: sql<number>`count(*)::int` }).from(recommendations)
    .where(and(inArray(recommendations.jobId, jobIds), gt(recommendations.createdAt, since)))
    .groupBy(recommendations.jobId);
  return new Map(rows.map((r) => [r.jobId, r.n]));
}
