import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { employers } from "../../db/schema/employers";
import { jobs } from "../../db/schema/jobs";
import { chinaDayStart } from "../lib/china-time";
import { jobTopDayFen } from "../modules/matching/wage";
import { ancestry } from "../modules/regions/codes";
import type { JobDocument } from "./jobs-index";
import { documentPinyin } from "./pinyin";
import { synonymsIn } from "./synonyms";

/** The columns a search document is built from: no ciphertext, no fallback tokens. */
export const indexColumns = {
  id: jobs.id,
  version: jobs.version,
  status: jobs.status,
  title: jobs.title,
  description: jobs.description,
  occupation: jobs.occupation,
  skills: jobs.skills,
  certificates: jobs.certificates,
  employerId: jobs.employerId,
  channel: jobs.channel,
  regionCode: jobs.regionCode,
  placeName: jobs.placeName,
  wageMinFen: jobs.wageMinFen,
  wageMaxFen: jobs.wageMaxFen,
  wageUnit: jobs.wageUnit,
  headcount: jobs.headcount,
  benefits: jobs.benefits,
  ageMin: jobs.ageMin,
  ageMax: jobs.ageMax,
  physicalDemand: jobs.physicalDemand,
  lat: jobs.lat,
  lng: jobs.lng,
  pinned: jobs.pinned,
  address: jobs.address,
  meetingPoint: jobs.meetingPoint,
  workStartOn: jobs.workStartOn,
  workEndOn: jobs.workEndOn,
  pointToPoint: jobs.pointToPoint,
  boardAndLodging: jobs.boardAndLodging,
  coBuiltPark: jobs.coBuiltPark,
  transportSubsidyEligible: jobs.transportSubsidyEligible,
  postedAt: jobs.postedAt,
  expiresAt: jobs.expiresAt,
  employerName: employers.name,
  employerStatus: employers.verificationStatus,
};

export async function loadIndexRows(db: Executor, ids: string[]) {
  return db
    .select(indexColumns)
    .from(jobs)
    .innerJoin(employers, eq(employers.id, jobs.employerId))
    .where(inArray(jobs.id, ids));
}

/** A page of the postings that belong in the index, in id order (keyset pagination for rebuilds). */
export type IndexRow = Awaited<ReturnType<typeof loadIndexRows>>[number];

export async function loadSearchableRows(
  db: Executor,
  now: Date,
  afterId: string | null,
  limit: number,
): Promise<IndexRow[]> {
  return db
    .select(indexColumns)
    .from(jobs)
    .innerJoin(employers, eq(employers.id, jobs.employerId))
    .where(
      and(
        eq(jobs.status, "open"),
        gt(jobs.expiresAt, now),
        eq(employers.verificationStatus, "verified"),
        afterId ? gt(jobs.id, afterId) : sql`true`,
      ),
    )
    .orderBy(asc(jobs.id))
    .limit(limit);
}

/** The one definition of "searchable": open, not past expiry, of a verified employer. */
export function isSearchable(
  row: Pick<IndexRow, "status" | "expiresAt" | "employerStatus">,
  now: Date,
): boolean {
  return (
    row.status === "open" &&
    row.expiresAt.getTime() > now.getTime() &&
    row.employerStatus === "verified"
  );
}

export function toJobDocument(row: IndexRow): JobDocument {
  const topDay = jobTopDayFen(row);
  return {
    ...(topDay === null ? {} : { wageTopDayFen: Math.round(topDay) }),
    id: row.id,
    version: row.version,
    title: row.title,
    description: row.description,
    occupation: row.occupation,
    skills: row.skills,
    certificates: row.certificates,
    employerId: row.employerId,
    employerName: row.employerName,
    placeName: row.placeName,
    channel: row.channel,
    status: "open",
    regionCode: row.regionCode,
    regionCodes: ancestry(row.regionCode),
    wageMinFen: row.wageMinFen,
    wageMaxFen: row.wageMaxFen,
    wageUnit: row.wageUnit,
    headcount: row.headcount,
    benefits: row.benefits,
    ageMin: row.ageMin,
    ageMax: row.ageMax,
    physicalDemand: row.physicalDemand,
    lat: row.lat,
    lng: row.lng,
    address: row.address,
    meetingPoint: row.meetingPoint,
    workStartOn: row.workStartOn,
    workEndOn: row.workEndOn,
    workStartTs: row.workStartOn ? chinaDayStart(row.workStartOn) : null,
    workEndTs: row.workEndOn ? chinaDayStart(row.workEndOn) : null,
    pointToPoint: row.pointToPoint,
    boardAndLodging: row.boardAndLodging,
    coBuiltPark: row.coBuiltPark,
    transportSubsidyEligible: row.transportSubsidyEligible,
    pinned: row.pinned,
    pinyin: documentPinyin(
      [row.occupation, ...row.skills, ...synonymsIn([row.title, row.occupation, ...row.skills])],
      [row.title],
    ),
    postedAt: (row.postedAt ?? row.expiresAt).getTime(),
    expiresAt: row.expiresAt.getTime(),
  };
}
