import { and, desc, eq, inArray, like, ne } from "drizzle-orm";
import { jobs } from "../../../db/schema/jobs";
import { labourers } from "../../../db/schema/labourers";
import { recommendations } from "../../../db/schema/recommendations";
import { regions } from "../../../db/schema/regions";
import { trainingEnrolments } from "../../../db/schema/training";
import type { Ctx } from "../../lib/ctx";
import { AppError } from "../../lib/errors";
import { canManage, inJobScope } from "../jobs/access";
import { allowedChannels } from "../matching/ladder";
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

/**
 * The employer's side of matching: trained, unemployed labourers this posting would suit, best
 * first, by the same scoring function. Identity stays masked and the place rough (township) until
 * the person applies to this posting — then the employer needs to reach them.
 */
export async function suggestCandidates(ctx: Ctx, jobId: string) {
  const [job] = await ctx.db.select().from(jobs).where(eq(jobs.id, jobId)).limit(1);
  const actor = ctx.actor;
  const allowed = job && (canManage(actor, job) || (actor.kind === "user" && actor.role === "cadre" && inJobScope(actor, job)));
  if (!job || !allowed) throw new AppError("JOB_NOT_FOUND", "岗位不存在");
  // Local channels draw from the county; Guangdong jobs from everyone in Guangxi willing to go.
  const pool = job.channel === "gd_gx" ? "45" : job.regionCode.slice(0, 6);
  const rows = await ctx.db.selectDistinct({ id: labourers.id, keyAssistance: labourers.keyAssistance, updatedAt: labourers.updatedAt })
    .from(labourers).innerJoin(trainingEnrolments, and(eq(trainingEnrolments.labourerId, labourers.id), eq(trainingEnrolments.status, "passed")))
    .where(and(like(labourers.villageCode, `${pool}%`), eq(labourers.employmentStatus, "unemployed"), ne(labourers.workIntention, "none"),
      ne(labourers.labourCapacity, "none")))
    .orderBy(desc(labourers.keyAssistance), desc(labourers.updatedAt)).limit(POOL);
  const now = ctx.now();
  const candidate = toCandidate(job);
  const scored = [];
  for (const r of rows) {
    const loaded = await loadMatchProfile(ctx.db, r.id, now);
    if (!loaded || !allowedChannels(loaded.profile).includes(job.channel)) continue;
    scored.push({ loaded, score: scoreJob(loaded.profile, candidate, now) });
  }
  scored.sort((a, b) => b.score.total - a.score.total || a.loaded.labourer.id.localeCompare(b.loaded.labourer.id));
  const top = scored.slice(0, SHOWN);
  const ids = top.map((t) => t.loaded.labourer.id);
  const applied = new Set(ids.length ? (await ctx.db.select({ id: recommendations.labourerId }).from(recommendations)
    .where(and(eq(recommendations.jobId, jobId), eq(recommendations.feedback, "applied"), inArray(recommendations.labourerId, ids)))).map((r) => r.id) : []);
  const townships = await placeNames(ctx, top.map((t) => t.loaded.labourer.villageCode));
  return top.map(({ loaded, score }) => {
    const l = loaded.labourer;
    const revealed = applied.has(l.id);
    return {
      labourerId: revealed ? l.id : null,
      name: revealed ? l.name : maskName(l.name),
      applied: revealed,
      age: loaded.profile.age,
      place: revealed ? townships.get(l.villageCode) ?? null : townships.get(l.villageCode.slice(0, 9)) ?? null,
      phoneMasked: revealed ? l.phoneMasked : null,
      labourCapacity: l.labourCapacity,
      certificates: loaded.profile.certificates.map((c) => c.brandName),
      skills: l.skills,
      score: score.total,
      reason: score.reason,
    };
  });
}

async function placeNames(ctx: Ctx, villageCodes: string[]): Promise<Map<string, string>> {
  const codes = [...new Set(villageCodes.flatMap((v) => [v, v.slice(0, 9)]))];
  if (!codes.length) return new Map();
  const rows = await ctx.db.select({ code: regions.code, fullName: regions.fullName }).from(regions).where(inArray(regions.code, codes));
  // Drop the province from the display name: 恭城瑶族自治县 莲花镇 is what a local employer reads.
  return new Map(rows.map((r) => [r.code, r.fullName.split(" ").slice(1).join(" ")]));
}

function toCandidate(job: typeof jobs.$inferSelect): CandidateJob {
  return {
    id: job.id, employerId: job.employerId, channel: job.channel, title: job.title, occupation: job.occupation,
    requiredBrandCodes: job.certificates, skills: job.skills, headcount: job.headcount, wageMinFen: job.wageMinFen,
    wageMaxFen: job.wageMaxFen, wageUnit: job.wageUnit, regionCodes: ancestry(job.regionCode),
    location: job.lat !== null && job.lng !== null ? { lat: job.lat, lng: job.lng } : null,
    destinationCityCode: job.channel === "gd_gx" && job.regionCode.startsWith("44") ? job.regionCode.slice(0, 4) : null,
    placeName: job.placeName, boardAndLodging: job.boardAndLodging ? "both" : null,
    ageMin: job.ageMin, ageMax: job.ageMax, postedAt: job.postedAt ?? job.createdAt, pushedThisRound: 0,
  };
}

