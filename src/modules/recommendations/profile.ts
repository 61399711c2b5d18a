import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { jobs } from "../../../db/schema/jobs";
import { labourers } from "../../../db/schema/labourers";
import { recommendations } from "../../../db/schema/recommendations";
import { regions } from "../../../db/schema/regions";
import type { DeclinedJob, MatchProfile } from "../matching/types";
import { ancestry } from "../regions/codes";
import { passedEnrolments } from "../training/repo";

export interface ProfileContext {
  profile: MatchProfile;
  labourer: typeof labourers.$inferSelect;
  countyCode: string;
}

/** Whole years between a birth date (YYYY-MM-DD) and `now`. */
export function ageAt(birthDate: string, now: Date): number {
  const [y, m, d] = birthDate.split("-").map(Number) as [number, number, number];
  let age = now.getUTCFullYear() - y;
  if (now.getUTCMonth() + 1 < m || (now.getUTCMonth() + 1 === m && now.getUTCDate() < d)) age -= 1;
  return age;
}

/**
 * Builds the matching core's view of one labourer from the registry, training results and
 * their earlier feedback. A zero-employment household is one where nobody able to work has a job.
 */
export async function loadMatchProfile(db: Executor, labourerId: string, now: Date): Promise<ProfileContext | undefined> {
  const [l] = await db.select().from(labourers).where(eq(labourers.id, labourerId)).limit(1);
  if (!l) return undefined;
  const [certs, feedback, home, zero] = await Promise.all([
    passedEnrolments(db, labourerId),
    db.select({ jobId: recommendations.jobId, feedback: recommendations.feedback, reason: recommendations.declineReason, occupation: jobs.occupation, channel: jobs.channel })
      .from(recommendations).innerJoin(jobs, eq(jobs.id, recommendations.jobId))
      .where(and(eq(recommendations.labourerId, labourerId), inArray(recommendations.feedback, ["declined", "applied"]))),
    homePoint(db, l.villageCode),
    l.householdId ? zeroEmploymentHousehold(db, l.householdId) : Promise.resolve(false),
  ]);
  const byBrand = new Map<string, { brandCode: string; brandName: string; occupations: string[] }>();
  for (const c of certs) {
    if (!c.brandCode) continue;
    byBrand.set(c.brandCode, { brandCode: c.brandCode, brandName: c.brandName ?? c.brandCode, occupations: c.brandOccupations ?? [c.occupation] });
  }
  const declined: DeclinedJob[] = feedback.filter((f) => f.feedback === "declined").map((f) => ({
    jobId: f.jobId, reason: f.reason ?? "other", occupation: f.occupation, channel: f.channel,
  }));
  const profile: MatchProfile = {
    id: l.id,
    age: ageAt(l.birthDate, now),
    homeRegionCodes: ancestry(l.villageCode),
    home,
    labourCapacity: l.labourCapacity,
    workIntention: l.workIntention,
    preferredGdCityCodes: l.preferredCityCodes,
    skills: l.skills,
    // A course without a brand still taught an occupation: count it as one the person holds.
    occupations: [...new Set([...l.occupations, ...certs.filter((c) => !c.brandCode).map((c) => c.occupation)])],
    certificates: [...byBrand.values()],
    expectedWage: l.expectedWageFen !== null && l.expectedWageUnit ? { fen: l.expectedWageFen, unit: l.expectedWageUnit } : null,
    keyAssistance: l.keyAssistance,
    zeroEmploymentHousehold: zero,
    declined,
    appliedJobIds: feedback.filter((f) => f.feedback === "applied").map((f) => f.jobId),
    hiredJobIds: [],
  };
  return { profile, labourer: l, countyCode: l.villageCode.slice(0, 6) };
}

/** The nearest region on the village's ancestry that has coordinates. */
async function homePoint(db: Executor, villageCode: string) {
  const rows = await db.select({ code: regions.code, lat: regions.lat, lng: regions.lng }).from(regions)
    .where(inArray(regions.code, ancestry(villageCode)));
  const best = rows.filter((r) => r.lat !== null && r.lng !== null).sort((a, b) => b.code.length - a.code.length)[0];
  return best ? { lat: best.lat!, lng: best.lng! } : null;
}

async function zeroEmploymentHousehold(db: Executor, householdId: string): Promise<boolean> {
  const [row] = await db.select({ employed: sql<number>`count(*)::int` }).from(labourers)
    .where(and(eq(labourers.householdId, householdId), ne(labourers.employmentStatus, "unemployed")));
  return (row?.employed ?? 0) === 0;
}
