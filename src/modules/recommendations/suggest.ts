import type { jobs } from "../../../db/schema/jobs";
import type { Ctx } from "../../lib/ctx";
import { AppError } from "../../lib/errors";
import { canManage, inJobScope } from "../jobs/access";
import { mayBePushed } from "../matching/ladder";
import { scoreJob } from "../matching/scoring";
import type { CandidateJob } from "../matching/types";
import { ancestry } from "../regions/codes";
import { loadMatchProfile } from "./profile";
import {
  acceptedApplicants,
  appliedFromRecommendations,
  candidatePool,
  findJobWithEmployerStatus,
  placeNames,
  poolScope,
} from "./suggest-repo";

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
  const found = await findJobWithEmployerStatus(ctx.db, jobId);
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
  const rows = await candidatePool(ctx.db, where, county, POOL);
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
  const applied = await appliedFromRecommendations(ctx.db, jobId, ids);
  // Masked until the employer accepts the application (docs/PLACEMENT.md): applying alone reveals nothing.
  const accepted = await acceptedApplicants(ctx.db, jobId, ids);
  const townships = await placeNames(
    ctx.db,
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
