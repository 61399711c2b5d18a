import { and, eq, gte, lt, sql } from "drizzle-orm";
import type { Tx } from "../../../db/client";
import { auditLog } from "../../../db/schema/audit";
import { assertRole } from "../../lib/auth";
import { chinaDate } from "../../lib/china-time";
import type { Ctx, UserActor } from "../../lib/ctx";
import { AppError } from "../../lib/errors";
import { normalizePhone } from "../../lib/phone";
import { type IndexRow, isSearchable } from "../../search/jobs-documents";
import { canReadContactAsStaffOrOwner } from "./access";
import type { JobWithEmployer } from "./repo";
import * as repo from "./repo";
import type { JobContactBody } from "./schemas";

export const JOB_CONTACT_READ = "job.contact.read";

/** Why the phone is being read, by role: kept in the audit row's details. */
const PURPOSE = {
  labourer: "job_seeker_contact",
  cadre: "assist_labourer",
  employer: "own_posting",
  bureau: "supervision",
  admin: "supervision",
} as const;

const NOT_FOUND = "岗位不存在或已被删除";
const ENDED: Record<string, string> = {
  filled: "该岗位已招满",
  closed: "该岗位已关闭",
  expired: "该岗位已过报名截止时间",
};
const DAY_MS = 24 * 3600 * 1000;

/**
 * The full contact phone of a posting, `GET /jobs/{id}/contact`. Every successful read writes an
 * `audit_log` row (`job.contact.read`: actor, request id, subject = the job, purpose) in the
 * transaction that decrypts the number: if the row cannot be written, nothing is disclosed.
 *
 * - admin; bureau and cadre whose region covers the posting; the posting's employer: any status.
 *   Anyone else's posting is `404 JOB_NOT_FOUND`, as for other single-record reads.
 * - job seekers (`labourer`): a draft is 404 (never public); a posting that stopped taking people
 *   (filled, closed, expired or past its deadline, employer no longer verified) is
 *   `409 JOB_NOT_OPEN`; then at most JOB_CONTACT_READS_PER_DAY (config, default 30) distinct
 *   postings a day (`429 JOB_CONTACT_DAILY_LIMIT`), counted from the audit rows themselves.
 */
export async function readJobContact(ctx: Ctx, id: string): Promise<JobContactBody> {
  assertRole(ctx.actor, ["admin", "bureau", "cadre", "employer", "labourer"]);
  const actor = ctx.actor;
  const job = await repo.findJob(ctx.db, id);
  if (!job) throw new AppError("JOB_NOT_FOUND", NOT_FOUND);
  if (actor.role === "labourer") await assertContactable(ctx, job);
  else if (!canReadContactAsStaffOrOwner(actor, job))
    throw new AppError("JOB_NOT_FOUND", NOT_FOUND);

  return ctx.db.transaction(async (tx) => {
    if (actor.role === "labourer") await assertUnderDailyLimit(ctx, tx, actor, job.id);
    await tx.insert(auditLog).values({
      at: ctx.now(),
      actorUserId: actor.userId,
      actorRole: actor.role,
      action: JOB_CONTACT_READ,
      entityType: "job",
      entityId: job.id,
      requestId: ctx.requestId,
      details: {
        purpose: PURPOSE[actor.role],
        fields: ["contactPhone"],
        employerId: job.employerId,
        status: job.status,
      },
    });
    const stored = ctx.pii.decrypt(job.contactPhoneEnc);
    return {
      contactName: job.contactName,
      phone: normalizePhone(stored) ?? stored,
      phoneMasked: job.contactPhoneMasked,
    };
  });
}

/** A job seeker calls only about a posting that takes people now: what search shows. */
async function assertContactable(ctx: Ctx, job: JobWithEmployer): Promise<void> {
  if (job.status === "draft") throw new AppError("JOB_NOT_FOUND", NOT_FOUND);
  const employer = await repo.findEmployerForJob(ctx.db, job.employerId);
  const now = ctx.now();
  const employerStatus = (employer?.verificationStatus ??
    "unverified") as IndexRow["employerStatus"];
  if (isSearchable({ status: job.status, expiresAt: job.expiresAt, employerStatus }, now)) return;
  const reason =
    job.status !== "open"
      ? job.status
      : job.expiresAt.getTime() <= now.getTime()
        ? "expired"
        : "employer_not_verified";
  const what = ENDED[reason] ?? "该岗位暂停招聘";
  throw new AppError("JOB_NOT_OPEN", `${what}，不能查看联系电话。请看看其他岗位。`, {
    details: { reason },
  });
}

/**
 * At most JOB_CONTACT_READS_PER_DAY distinct postings per China day. The day's reads are the
 * audit rows, under a per-account advisory lock so two parallel reads cannot both take the last slot.
 */
async function assertUnderDailyLimit(
  ctx: Ctx,
  tx: Tx,
  actor: UserActor,
  jobId: string,
): Promise<void> {
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`job.contact:${actor.userId}`}, 0))`,
  );
  const now = ctx.now();
  const dayStart = new Date(`${chinaDate(now)}T00:00:00+08:00`);
  const dayEnd = new Date(dayStart.getTime() + DAY_MS);
  const [row] = await tx
    .select({
      postings: sql<number>`count(distinct ${auditLog.entityId})::int`,
      seen: sql<boolean>`coalesce(bool_or(${auditLog.entityId} = ${jobId}), false)`,
    })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.actorUserId, actor.userId),
        gte(auditLog.at, dayStart),
        lt(auditLog.at, dayEnd),
        eq(auditLog.action, JOB_CONTACT_READ),
      ),
    );
  const limit = ctx.config.JOB_CONTACT_READS_PER_DAY;
  if (row?.seen || (row?.postings ?? 0) < limit) return;
  throw new AppError(
    "JOB_CONTACT_DAILY_LIMIT",
    `今天已查看 ${limit} 个岗位的联系电话，明天再来看吧。已看过的岗位仍可再次查看；急需找工作可以请村里的帮扶干部帮忙。`,
    { details: { limit, retryAfterSeconds: Math.ceil((dayEnd.getTime() - now.getTime()) / 1000) } },
  );
}
