import { and, desc, eq, inArray, like, ne, or, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { employers } from "../../../db/schema/employers";
import { jobs } from "../../../db/schema/jobs";
import { labourers } from "../../../db/schema/labourers";
import { applications } from "../../../db/schema/placement";
import { recommendations } from "../../../db/schema/recommendations";
import { regions } from "../../../db/schema/regions";
import { trainingEnrolments } from "../../../db/schema/training";
import type { Actor } from "../../lib/ctx";
import { regionPrefix } from "../../lib/scope";
import { GUANGXI_CODE } from "../matching/ladder";

/** Queries behind an employer's suggested candidates (suggest.ts). */

type JobRow = typeof jobs.$inferSelect;

export async function findJobWithEmployerStatus(db: Executor, jobId: string) {
  const [found] = await db
    .select({ job: jobs, employerStatus: employers.verificationStatus })
    .from(jobs)
    .innerJoin(employers, eq(employers.id, jobs.employerId))
    .where(eq(jobs.id, jobId))
    .limit(1);
  return found;
}

/**
 * Trained, unemployed people with work intention and capacity inside `where` (poolScope), those
 * living in `county` first: the pool is cut at `limit`.
 */
export function candidatePool(db: Executor, where: SQL, county: string, limit: number) {
  return db
    .selectDistinct({
      id: labourers.id,
      keyAssistance: labourers.keyAssistance,
      updatedAt: labourers.updatedAt,
      near: sql<boolean>`${labourers.villageCode} like ${`${county}%`}`.as("near"),
    })
    .from(labourers)
    .innerJoin(
      trainingEnrolments,
      and(eq(trainingEnrolments.labourerId, labourers.id), eq(trainingEnrolments.status, "passed")),
    )
    .where(
      and(
        where,
        eq(labourers.employmentStatus, "unemployed"),
        ne(labourers.workIntention, "none"),
        ne(labourers.labourCapacity, "none"),
      ),
    )
    .orderBy(desc(sql`near`), desc(labourers.keyAssistance), desc(labourers.updatedAt))
    .limit(limit);
}

/** Of `labourerIds`, those who applied to the posting from a recommendation. */
export async function appliedFromRecommendations(
  db: Executor,
  jobId: string,
  labourerIds: string[],
): Promise<Set<string>> {
  if (labourerIds.length === 0) return new Set();
  const rows = await db
    .select({ id: recommendations.labourerId })
    .from(recommendations)
    .where(
      and(
        eq(recommendations.jobId, jobId),
        eq(recommendations.feedback, "applied"),
        inArray(recommendations.labourerId, labourerIds),
      ),
    );
  return new Set(rows.map((r) => r.id));
}

/** Of `labourerIds`, those whose application to the posting was accepted (or hired). */
export async function acceptedApplicants(
  db: Executor,
  jobId: string,
  labourerIds: string[],
): Promise<Set<string>> {
  if (labourerIds.length === 0) return new Set();
  const rows = await db
    .select({ id: applications.labourerId })
    .from(applications)
    .where(
      and(
        eq(applications.jobId, jobId),
        inArray(applications.status, ["accepted", "hired"]),
        inArray(applications.labourerId, labourerIds),
      ),
    );
  return new Set(rows.map((r) => r.id));
}

/**
 * Which labourers' homes (villageCode) the list may draw from: where the posting recruits under
 * the ladder (ladder.ts) intersected with the viewer's region, or null when they do not meet.
 * Guangdong jobs go to out-of-province, not weak, people anywhere in Guangxi; public-welfare posts
 * to the work county's residents; odd jobs, workshops and enterprise jobs (区内企业岗位) in Guangxi to local-intention people of
 * the work city and in- or out-of-province people anywhere in Guangxi. The posting's own employer
 * sees its whole recruiting scope (masked); staff only their region's part of it.
 */
export function poolScope(actor: Actor, job: Pick<JobRow, "channel" | "regionCode">): SQL | null {
  if (job.channel !== "gd_gx" && !job.regionCode.startsWith(GUANGXI_CODE)) return null;
  const recruits = job.channel === "public_welfare" ? job.regionCode.slice(0, 6) : GUANGXI_CODE;
  const viewer = actor.kind === "user" && actor.role === "employer" ? "" : regionPrefix(actor);
  if (viewer === null) return null;
  const prefix = viewer.startsWith(recruits)
    ? viewer
    : recruits.startsWith(viewer)
      ? recruits
      : null;
  if (prefix === null) return null;
  const home = like(labourers.villageCode, `${prefix}%`);
  if (job.channel === "gd_gx")
    return and(
      home,
      eq(labourers.workIntention, "out_province"),
      ne(labourers.labourCapacity, "weak"),
    )!;
  if (job.channel === "public_welfare") return home;
  return and(
    home,
    or(
      ne(labourers.workIntention, "local"),
      like(labourers.villageCode, `${job.regionCode.slice(0, 4)}%`),
    ),
  )!;
}

export async function placeNames(
  db: Executor,
  villageCodes: string[],
): Promise<Map<string, string>> {
  const codes = [...new Set(villageCodes.flatMap((v) => [v, v.slice(0, 9)]))];
  if (!codes.length) return new Map();
  const rows = await db
    .select({ code: regions.code, fullName: regions.fullName })
    .from(regions)
    .where(inArray(regions.code, codes));
  // Drop the province from the display name: 恭城瑶族自治县 莲花镇 is what a local employer reads.
  return new Map(rows.map((r) => [r.code, r.fullName.split(" ").slice(1).join(" ")]));
}
