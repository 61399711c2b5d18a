import type { Tx } from "../../../db/client";
import { assertRole } from "../../lib/auth";
import type { Ctx } from "../../lib/ctx";
import { AppError } from "../../lib/errors";
import { decodeCursor, pageOf } from "../../lib/keyset";
import { regionPrefix } from "../../lib/scope";
import { assertJobWriter, canManage, canRead } from "./access";
import { distanceTeller, homeVillageOf } from "./distance-origin";
import { recordIndexChange } from "./index-events";
import { buildJobPatch, buildNewJob } from "./posting";
import type { Job, JobWithEmployer } from "./repo";
import * as repo from "./repo";
import type { CreateJobInput, UpdateJobInput } from "./schemas";
import { parseNear } from "./search-query";

const NOT_FOUND = "岗位不存在或已被删除";

/** Employers post for themselves; bureau staff and admins post on behalf of an employer in their region. */
export async function createJob(ctx: Ctx, input: CreateJobInput): Promise<JobWithEmployer> {
  assertJobWriter(ctx.actor);
  const { values, employerName } = await buildNewJob(ctx, input);
  // A draft is not searchable: nothing for the index yet, so indexedVersion starts level with version.
  const row = await repo.insertJob(ctx.db, {
    ...values,
    status: "draft",
    version: 1,
    indexedVersion: 1,
  });
  return { ...row, employerName };
}

export async function getJob(ctx: Ctx, id: string): Promise<JobWithEmployer> {
  const job = await repo.findJob(ctx.db, id);
  if (!job || !canRead(ctx.actor, job)) throw new AppError("JOB_NOT_FOUND", NOT_FOUND);
  return job;
}

/**
 * A posting as its page shows it: for a signed-in labourer (or anyone giving `near`, the phone's
 * location) with its distance in words at the precision known, else `distanceText: null`.
 */
export async function getJobForReader(
  ctx: Ctx,
  id: string,
  nearRaw: string | undefined,
): Promise<{ job: JobWithEmployer; distanceText: string | null }> {
  const near = parseNear(nearRaw);
  const job = await getJob(ctx, id);
  const tell = await distanceTeller(ctx, await homeVillageOf(ctx), near);
  return { job, distanceText: tell ? tell(job) : null };
}

/** A posting the actor may change, locked; anything they may not even see is a 404. */
async function lockManaged(ctx: Ctx, tx: Tx, id: string): Promise<Job> {
  const job = await repo.findJobForUpdate(tx, id);
  if (!job || !canRead(ctx.actor, job)) throw new AppError("JOB_NOT_FOUND", NOT_FOUND);
  if (!canManage(ctx.actor, job))
    throw new AppError("FORBIDDEN", "只有发布单位或辖区人社部门可以管理该岗位");
  return job;
}

async function withEmployerName(ctx: Ctx, tx: Tx, job: Job): Promise<JobWithEmployer> {
  const employer = await repo.findEmployerForJob(tx, job.employerId);
  return { ...job, employerName: employer?.name ?? "" };
}

export async function updateJob(
  ctx: Ctx,
  id: string,
  input: UpdateJobInput,
): Promise<JobWithEmployer> {
  assertJobWriter(ctx.actor);
  return ctx.db.transaction(async (tx) => {
    const job = await lockManaged(ctx, tx, id);
    if (job.status !== "draft" && job.status !== "open")
      throw new AppError("JOB_NOT_OPEN", "岗位已结束，不能修改");
    const { values, employerName } = await buildJobPatch(ctx, tx, job, input);
    const updated = await repo.updateJob(tx, id, values);
    if (updated.status === "open") await recordIndexChange(tx, [id]);
    return { ...updated, employerName };
  });
}

export async function openJob(ctx: Ctx, id: string): Promise<JobWithEmployer> {
  assertJobWriter(ctx.actor);
  return ctx.db.transaction(async (tx) => {
    const job = await lockManaged(ctx, tx, id);
    if (job.status !== "draft") {
      throw new AppError(
        "JOB_NOT_DRAFT",
        job.status === "open" ? "该岗位已在招聘中" : "岗位已结束，不能重新发布，请新建岗位",
      );
    }
    const employer = await repo.findEmployerForJob(tx, job.employerId);
    if (employer?.verificationStatus !== "verified") {
      throw new AppError(
        "EMPLOYER_NOT_VERIFIED",
        employer?.verificationStatus === "suspended"
          ? "用工单位已被暂停，不能发布岗位"
          : "用工单位尚未通过人社部门审核，审核通过后才能发布岗位",
      );
    }
    if (
      job.channel === "workshop" &&
      !(employer.type === "workshop" && employer.workshopCertificateNo)
    ) {
      throw new AppError(
        "JOB_CHANNEL_NOT_ALLOWED",
        "只有经认定的就业帮扶车间可以发布帮扶车间岗位",
        {
          field: "channel",
        },
      );
    }
    if (job.expiresAt.getTime() <= ctx.now().getTime()) {
      throw new AppError("VALIDATION_FAILED", "截止时间已过，请先修改截止时间再发布", {
        field: "expiresAt",
      });
    }
    const opened = await repo.updateJob(tx, id, { status: "open", postedAt: ctx.now() });
    await recordIndexChange(tx, [id]);
    return { ...opened, employerName: employer.name };
  });
}

/** The owner closes; bureau staff take any posting in their region down, saying why. */
export async function closeJob(
  ctx: Ctx,
  id: string,
  input: { reason?: string },
): Promise<JobWithEmployer> {
  assertJobWriter(ctx.actor);
  return ctx.db.transaction(async (tx) => {
    const job = await lockManaged(ctx, tx, id);
    if (job.status !== "draft" && job.status !== "open")
      throw new AppError("JOB_NOT_OPEN", "该岗位已结束，无需重复操作");
    const takeDown = ctx.actor.kind === "user" && ctx.actor.role !== "employer";
    if (takeDown && !input.reason)
      throw new AppError("VALIDATION_FAILED", "下架岗位请填写原因", { field: "reason" });
    const closed = await repo.updateJob(tx, id, {
      status: "closed",
      closedAt: ctx.now(),
      closedReason: input.reason ?? null,
      closedBy: ctx.actor.kind === "user" ? ctx.actor.userId : null,
    });
    if (job.status === "open") await recordIndexChange(tx, [id]);
    return withEmployerName(ctx, tx, closed);
  });
}

export async function fillJob(ctx: Ctx, id: string): Promise<JobWithEmployer> {
  assertJobWriter(ctx.actor);
  return ctx.db.transaction(async (tx) => {
    const job = await lockManaged(ctx, tx, id);
    if (job.status !== "open")
      throw new AppError("JOB_NOT_OPEN", "只有招聘中的岗位可以标记为已招满");
    const filled = await repo.updateJob(tx, id, { status: "filled", filledAt: ctx.now() });
    await recordIndexChange(tx, [id]);
    return withEmployerName(ctx, tx, filled);
  });
}

export interface ListJobsInput {
  status?: Job["status"];
  channel?: Job["channel"];
  employerId?: string;
  cursor?: string;
  limit: number;
}

/** Employers list their own postings; staff those in their region (admins all). */
export async function listJobs(ctx: Ctx, input: ListJobsInput) {
  assertRole(ctx.actor, ["employer", "bureau", "cadre", "admin"]);
  let scope;
  if (ctx.actor.role === "employer") {
    if (!ctx.actor.employerId) throw new AppError("FORBIDDEN", "当前账号未关联用工单位");
    scope = repo.jobOwnerSql(ctx.actor.employerId);
  } else {
    const prefix = regionPrefix(ctx.actor);
    if (prefix === null) throw new AppError("FORBIDDEN", "当前账号未设置负责的行政区域");
    scope = repo.jobScopeSql(prefix);
  }
  const rows = await repo.listJobs(ctx.db, { ...input, scope, after: decodeCursor(input.cursor) });
  return pageOf(rows, input.limit);
}
