import type { Executor } from "../../../db/client";
import type { labourers } from "../../../db/schema/labourers";
import { ageOn } from "../../lib/china-time";
import type { DeclinedJob, MatchProfile } from "../matching/types";
import { ancestry } from "../regions/codes";
import {
  decidedFeedback,
  employedPerHousehold,
  labourersByIds,
  passedCertificates,
  regionPoints,
} from "./profile-repo";

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
  const people = await labourersByIds(db, ids);
  if (people.length === 0) return out;
  const found = people.map((l) => l.id);
  const households = [
    ...new Set(people.map((l) => l.householdId).filter((h): h is string => h !== null)),
  ];
  const places = [...new Set(people.flatMap((l) => ancestry(l.villageCode)))];
  const [certs, feedback, regionRows, employed] = await Promise.all([
    passedCertificates(db, found),
    decidedFeedback(db, found),
    regionPoints(db, places),
    employedPerHousehold(db, households),
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
