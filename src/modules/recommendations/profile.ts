import { and, desc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { jobs } from "../../../db/schema/jobs";
import { labourers } from "../../../db/schema/labourers";
import { recommendations } from "../../../db/schema/recommendations";
import { regions } from "../../../db/schema/regions";
import { labourBrands, trainingCourses, trainingEnrolments } from "../../../db/schema/training";
import { ageOn } from "../../lib/china-time";
import type { DeclinedJob, MatchProfile } from "../matching/types";
import { ancestry } from "../regions/codes";

export interface ProfileContext {
  profile: MatchProfile;
  labourer: typeof labourers.$inferSelect;
  countyCode: string;
}

/**
 * Builds the matching core's view of one labourer from the registry, training results and
 * their earlier feedback. A zero-employment household is one where nobody able to work has a job.
 */
export async function loadMatchProfile(
  db: Executor,
  labourerId: string,
  now: Date,
): Promise<ProfileContext | undefined> {
  return (await loadMatchProfiles(db, [labourerId], now)).get(labourerId);
}

/**
 * The same for many labourers at once: five queries whatever their number (labourers,
 * certificates, feedback, home points, zero-employment households). Unknown ids are absent.
 */
export async function loadMatchProfiles(
  db: Executor,
  labourerIds: string[],
  now: Date,
): Promise<Map<string, ProfileContext>> {
  const out = new Map<string, ProfileContext>();
  const ids = [...new Set(labourerIds)];
  if (ids.length === 0) return out;
  const people = await db.select().from(labourers).where(inArray(labourers.id, ids));
  if (people.length === 0) return out;
  const found = people.map((l) => l.id);
  const households = [
    ...new Set(people.map((l) => l.householdId).filter((h): h is string => h !== null)),
  ];
  const places = [...new Set(people.flatMap((l) => ancestry(l.villageCode)))];
  const [certs, feedback, regionRows, employed] = await Promise.all([
    db
      .select({
        labourerId: trainingEnrolments.labourerId,
        occupation: trainingCourses.occupation,
        brandCode: labourBrands.code,
        brandName: labourBrands.name,
        brandOccupations: labourBrands.occupations,
      })
      .from(trainingEnrolments)
      .innerJoin(trainingCourses, eq(trainingCourses.id, trainingEnrolments.courseId))
      .leftJoin(labourBrands, eq(labourBrands.code, trainingCourses.brandCode))
      .where(
        and(inArray(trainingEnrolments.labourerId, found), eq(trainingEnrolments.status, "passed")),
      )
      // The order passedEnrolments() uses for one person: the newest result first.
      .orderBy(
        sql`${trainingEnrolments.resultDate} desc nulls last`,
        desc(trainingEnrolments.createdAt),
      ),
    db
      .select({
        labourerId: recommendations.labourerId,
        jobId: recommendations.jobId,
        feedback: recommendations.feedback,
        reason: recommendations.declineReason,
        occupation: jobs.occupation,
        channel: jobs.channel,
      })
      .from(recommendations)
      .innerJoin(jobs, eq(jobs.id, recommendations.jobId))
      .where(
        and(
          inArray(recommendations.labourerId, found),
          inArray(recommendations.feedback, ["declined", "applied"]),
        ),
      ),
    db
      .select({ code: regions.code, lat: regions.lat, lng: regions.lng })
      .from(regions)
      .where(inArray(regions.code, places)),
    households.length
      ? db
          .select({ householdId: labourers.householdId, employed: sql<number>`count(*)::int` })
          .from(labourers)
          .where(
            and(
              inArray(labourers.householdId, households),
              ne(labourers.employmentStatus, "unemployed"),
            ),
          )
          .groupBy(labourers.householdId)
      : Promise.resolve([] as { householdId: string | null; employed: number }[]),
  ]);
  const certsOf = groupBy(certs, (c) => c.labourerId);
  const feedbackOf = groupBy(feedback, (f) => f.labourerId);
  const points = new Map(
    regionRows
      .filter((r) => r.lat !== null && r.lng !== null)
      .map((r) => [r.code, { lat: r.lat!, lng: r.lng! }]),
  );
  const withJobs = new Set(employed.filter((e) => e.employed > 0).map((e) => e.householdId));
  for (const l of people) {
    const home =
      ancestry(l.villageCode)
        .reverse()
        .map((c) => points.get(c))
        .find(Boolean) ?? null;
    out.set(
      l.id,
      buildProfile(
        l,
        certsOf.get(l.id) ?? [],
        feedbackOf.get(l.id) ?? [],
        home,
        l.householdId !== null && !withJobs.has(l.householdId),
        now,
      ),
    );
  }
  return out;
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

type Labourer = typeof labourers.$inferSelect;
interface CertRow {
  occupation: string;
  brandCode: string | null;
  brandName: string | null;
  brandOccupations: string[] | null;
}
interface FeedbackRow {
  jobId: string;
  feedback: string;
  reason: DeclinedJob["reason"] | null;
  occupation: string;
  channel: DeclinedJob["channel"];
}

function buildProfile(
  l: Labourer,
  certs: CertRow[],
  feedback: FeedbackRow[],
  home: { lat: number; lng: number } | null,
  zero: boolean,
  now: Date,
): ProfileContext {
  const byBrand = new Map<
    string,
    { brandCode: string; brandName: string; occupations: string[] }
  >();
  for (const c of certs) {
    if (!c.brandCode) continue;
    byBrand.set(c.brandCode, {
      brandCode: c.brandCode,
      brandName: c.brandName ?? c.brandCode,
      occupations: c.brandOccupations ?? [c.occupation],
    });
  }
  const declined: DeclinedJob[] = feedback
    .filter((f) => f.feedback === "declined")
    .map((f) => ({
      jobId: f.jobId,
      reason: f.reason ?? "other",
      occupation: f.occupation,
      channel: f.channel,
    }));
  const profile: MatchProfile = {
    id: l.id,
    age: ageOn(l.birthDate, now),
    homeRegionCodes: ancestry(l.villageCode),
    home,
    labourCapacity: l.labourCapacity,
    workIntention: l.workIntention,
    preferredGdCityCodes: l.preferredCityCodes,
    skills: l.skills,
    occupations: l.occupations,
    // A course without a brand still taught an occupation: count it as one the person holds.
    trainedOccupations: [...new Set(certs.filter((c) => !c.brandCode).map((c) => c.occupation))],
    certificates: [...byBrand.values()],
    expectedWage:
      l.expectedWageFen !== null && l.expectedWageUnit
        ? { fen: l.expectedWageFen, unit: l.expectedWageUnit }
        : null,
    keyAssistance: l.keyAssistance,
    zeroEmploymentHousehold: zero,
    declined,
    appliedJobIds: feedback.filter((f) => f.feedback === "applied").map((f) => f.jobId),
    hiredJobIds: [],
  };
  return { profile, labourer: l, countyCode: l.villageCode.slice(0, 6) };
}
