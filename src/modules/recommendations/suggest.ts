import { and, desc, eq, inArray, like, ne, or, type SQL, sql } from "drizzle-orm";
import { employers } from "../../../db/schema/employers";
import { jobs } from "../../../db/schema/jobs";
import { labourers } from "../../../db/schema/labourers";
import { applications } from "../../../db/schema/placement";
import { recommendations } from "../../../db/schema/recommendations";
import { regions } from "../../../db/schema/regions";
import { trainingEnrolments } from "../../../db/schema/training";
import type { Actor, Ctx } from "../../lib/ctx";
import { AppError } from "../../lib/errors";
import { regionPrefix } from "../../lib/scope";
import { canManage, inJobScope } from "../jobs/access";
import { GUANGXI_CODE, mayBePushed } from "../matching/ladder";
import { scoreJob } from "../matching/scoring";
import type { CandidateJob } from "../matching/types";
import { ancestry } from "../regions/codes";
import { loadMatchProfile } from "./profile";

/** How many registry records one suggestion list scores at most (each costs a profile load). */
const POOL = 80;
const SHOWN = 20;

/** 莫秀英 → 莫*英; 李明 → 李*: enough for an employer to tell people apart, not to identify them. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return "*";
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${"*".repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

type JobRow = typeof jobs.$inferSelect;

/**
 * The employer's side of matching: trained, unemployed labourers the push may send this posting
 * to, best first, by the same scoring function. Identity stays masked and the place rough
 * (township) until the person applies to this posting — then the employer needs to reach them.
 *
 * Only an open posting of a verified employer has candidates (a draft or an unverified employer
 * must not browse the registry), and the list is cut twice: to the homes the posting recruits
 * from under the matching rules, and to the viewer's own region — a county officer sees only
 * their county's people, whatever the posting's work place or channel.
 */
export async function suggestCandidates(ctx: Ctx, jobId: string) {
  const [found] = await ctx.db
    .select({ job: jobs, employerStatus: employers.verificationStatus })
    .from(jobs)
    .innerJoin(employers, eq(employers.id, jobs.employerId))
    .where(eq(jobs.id, jobId))
    .limit(1);
  const actor = ctx.actor;
  const job = found?.job;
  const allowed =
    job &&
    (canManage(actor, job) ||
      (actor.kind === "user" && actor.role === "cadre" && inJobScope(actor, job)));
  if (!found || !job || !allowed) throw new AppError("JOB_NOT_FOUND", "岗位不存在");
  if (job.status !== "open") throw new AppError("JOB_NOT_OPEN", "岗位不在招聘中，暂无推荐人选");
  if (found.employerStatus !== "verified")
    throw new AppError("EMPLOYER_NOT_VERIFIED", "用工单位尚未通过审核，暂不能查看推荐人选");
  const where = poolScope(actor, job);
  if (!where) return [];
  const county = (job.channel === "gd_gx" ? (job.departureRegionCode ?? "") : job.regionCode).slice(
    0,
    6,
  );
  const rows = await ctx.db
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
    // People near the work place (or the departure county) first: the pool is cut at POOL.
    .orderBy(desc(sql`near`), desc(labourers.keyAssistance), desc(labourers.updatedAt))
    .limit(POOL);
  const now = ctx.now();
  const candidate = toCandidate(job);
  const scored = [];
  for (const r of rows) {
    const loaded = await loadMatchProfile(ctx.db, r.id, now);
    // The exact rule; poolScope is its SQL approximation (and the viewer's region).
    if (!loaded || !mayBePushed(loaded.profile, candidate)) continue;
    scored.push({ loaded, score: scoreJob(loaded.profile, candidate, now) });
  }
  scored.sort(
    (a, b) =>
      b.score.total - a.score.total || a.loaded.labourer.id.localeCompare(b.loaded.labourer.id),
  );
  const top = scored.slice(0, SHOWN);
  const ids = top.map((t) => t.loaded.labourer.id);
  const applied = new Set(
    ids.length
      ? (
          await ctx.db
            .select({ id: recommendations.labourerId })
            .from(recommendations)
            .where(
              and(
                eq(recommendations.jobId, jobId),
                eq(recommendations.feedback, "applied"),
                inArray(recommendations.labourerId, ids),
              ),
            )
        ).map((r) => r.id)
      : [],
  );
  // Masked until the employer accepts the application (docs/PLACEMENT.md): applying alone reveals nothing.
  const accepted = new Set(
    ids.length
      ? (
          await ctx.db
            .select({ id: applications.labourerId })
            .from(applications)
            .where(
              and(
                eq(applications.jobId, jobId),
                inArray(applications.status, ["accepted", "hired"]),
                inArray(applications.labourerId, ids),
              ),
            )
        ).map((r) => r.id)
      : [],
  );
  const townships = await placeNames(
    ctx,
    top.map((t) => t.loaded.labourer.villageCode),
  );
  return top.map(({ loaded, score }) => {
    const l = loaded.labourer;
    const revealed = accepted.has(l.id);
    return {
      labourerId: revealed ? l.id : null,
      name: revealed ? l.name : maskName(l.name),
      applied: applied.has(l.id) || revealed,
      age: loaded.profile.age,
      place: revealed
        ? (townships.get(l.villageCode) ?? null)
        : (townships.get(l.villageCode.slice(0, 9)) ?? null),
      phoneMasked: revealed ? l.phoneMasked : null,
      labourCapacity: l.labourCapacity,
      certificates: loaded.profile.certificates.map((c) => c.brandName),
      skills: l.skills,
      score: score.total,
      reason: score.reason,
    };
  });
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

async function placeNames(ctx: Ctx, villageCodes: string[]): Promise<Map<string, string>> {
  const codes = [...new Set(villageCodes.flatMap((v) => [v, v.slice(0, 9)]))];
  if (!codes.length) return new Map();
  const rows = await ctx.db
    .select({ code: regions.code, fullName: regions.fullName })
    .from(regions)
    .where(inArray(regions.code, codes));
  // Drop the province from the display name: 恭城瑶族自治县 莲花镇 is what a local employer reads.
  return new Map(rows.map((r) => [r.code, r.fullName.split(" ").slice(1).join(" ")]));
}

function toCandidate(job: JobRow): CandidateJob {
  return {
    id: job.id,
    employerId: job.employerId,
    channel: job.channel,
    title: job.title,
    occupation: job.occupation,
    requiredBrandCodes: job.certificates,
    skills: job.skills,
    headcount: job.headcount,
    wageMinFen: job.wageMinFen,
    wageMaxFen: job.wageMaxFen,
    wageUnit: job.wageUnit,
    regionCodes: ancestry(job.regionCode),
    location: job.lat !== null && job.lng !== null ? { lat: job.lat, lng: job.lng } : null,
    destinationCityCode:
      job.channel === "gd_gx" && job.regionCode.startsWith("44")
        ? job.regionCode.slice(0, 4)
        : null,
    placeName: job.placeName,
    boardAndLodging: job.boardAndLodging ? "both" : null,
    ageMin: job.ageMin,
    ageMax: job.ageMax,
    postedAt: job.postedAt ?? job.createdAt,
    pushedThisRound: 0,
  };
}
