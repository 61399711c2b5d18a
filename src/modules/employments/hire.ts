import type { Tx } from "../../../db/client";
import type { Ctx } from "../../lib/ctx";
import { AppError } from "../../lib/errors";
import { addOutbox } from "../../lib/outbox";
import { recordIndexChange } from "../jobs/index-events";
import * as repo from "./repo";
import { isOutsideGuangxi, refreshEmploymentStatus } from "./status";

export interface HireInput {
  applicationId: string;
  labourerId: string;
  jobId: string;
  startDate: string;
  wageFen?: number;
  wageUnit?: "day" | "month" | "piece";
}

/**
 * The employment record of a hire, written in the application move's transaction. The posting
 * row is locked and its hires counted under the lock, so concurrent hires never pass the
 * headcount; the hire that reaches it marks the posting `filled`, which leaves the search index
 * through the `job.upserted` outbox event like any other close. An employer-reported hire is
 * confirmed by that employer: it counts as a placement at once.
 */
export async function recordHire(ctx: Ctx, tx: Tx, input: HireInput) {
  const job = await repo.lockJob(tx, input.jobId);
  if (!job) throw new AppError("JOB_NOT_FOUND", "岗位不存在或已被删除");
  const hired = await repo.countHired(tx, job.id);
  if (hired >= job.headcount) {
    throw new AppError(
      "JOB_HEADCOUNT_REACHED",
      `该岗位招聘 ${job.headcount} 人，已录用 ${hired} 人，不能再录用`,
      {
        details: { headcount: job.headcount, hired },
      },
    );
  }
  const userId = ctx.actor.kind === "user" ? ctx.actor.userId : null;
  const role = ctx.actor.kind === "user" ? ctx.actor.role : "system";
  const now = ctx.now();
  const employment = await repo.insertEmployment(tx, {
    labourerId: input.labourerId,
    source: "application",
    applicationId: input.applicationId,
    jobId: job.id,
    employerId: job.employerId,
    employerName: await repo.employerName(tx, job.employerId),
    channel: job.channel,
    regionCode: job.regionCode,
    outsideGuangxi: isOutsideGuangxi(job.regionCode),
    startDate: input.startDate,
    wageFen: input.wageFen ?? job.wageMinFen,
    wageUnit: input.wageUnit ?? job.wageUnit,
    recordedBy: userId,
    recordedRole: role,
    confirmedBy: userId,
    confirmedRole: role,
    confirmedAt: now,
    confirmationNote: "用工单位确认录用",
  });
  if (hired + 1 >= job.headcount && job.status === "open") {
    await repo.markJobFilled(tx, job.id, now);
    await recordIndexChange(tx, [job.id]);
  }
  await refreshEmploymentStatus(tx, input.labourerId);
  // Confirmed by the employer at hire: outside Guangxi, it may earn the transport subsidy (docs/SUBSIDY.md).
  if (employment.outsideGuangxi)
    await addOutbox(tx, { type: "employment.confirmed", aggregateId: employment.id });
  return employment;
}
