import type { Tx } from "../../../db/client";
import { assertRole } from "../../lib/auth";
import type { Ctx, UserActor } from "../../lib/ctx";
import { AppError } from "../../lib/errors";
import { inRegionScope } from "../../lib/scope";
import { type IndexRow, isSearchable } from "../../search/jobs-documents";
import { recordHire } from "../employments/hire";
import { moverOf } from "./access";
import { rejectHire } from "./hire-rejection";
import { notifyMove } from "./notify";
import type { Application } from "./repo";
import * as repo from "./repo";
import {
  type ApplicationReason,
  type ApplicationStatus,
  findTransition,
  type HireRejectReason,
  REASONS_OF,
  type ReasonKind,
  STATUS_TEXT,
} from "./rules";

export const APPLICATION_NOT_FOUND = "未找到该报名记录";
const JOB_ENDED: Record<string, string> = {
  filled: "该岗位已招满",
  closed: "该岗位已停止招聘",
  expired: "该岗位已过报名截止时间",
};

export interface ApplyInput {
  jobId: string;
  source: "search" | "detail" | "recommendation";
  recommendationId?: string;
  /** Staff applying for someone: whose application, and how the person agreed. */
  labourerId?: string;
  consent?: { method: "phone" | "in_person"; at: string };
  note?: string;
}

/** A labourer applies for themselves; a cadre or bureau officer (or admin) in scope on a person's behalf, with consent. */
export async function applyToJob(
  ctx: Ctx,
  input: ApplyInput,
): Promise<{ application: Application; created: boolean }> {
  assertRole(ctx.actor, ["labourer", "cadre", "bureau", "admin"]);
  return ctx.db.transaction((tx) => applyInTx(ctx, tx, input));
}

/**
 * The application itself, in the caller's transaction (the recommendation feedback `applied`
 * calls it too, so the two are written together or not at all). One active application per
 * person and posting is the partial unique index's job: a second apply, concurrent or not,
 * inserts nothing and gets the application that holds the slot (`created: false`).
 */
export async function applyInTx(
  ctx: Ctx,
  tx: Tx,
  input: ApplyInput,
): Promise<{ application: Application; created: boolean }> {
  const actor = ctx.actor as UserActor;
  const self = actor.role === "labourer";
  const labourerId = self ? actor.labourerId : input.labourerId;
  if (self && (!labourerId || (input.labourerId && input.labourerId !== labourerId)))
    throw new AppError("LABOURER_NOT_FOUND", "未找到该劳动力");
  if (!labourerId)
    throw new AppError("VALIDATION_FAILED", "代为报名请选择劳动力", { field: "labourerId" });
  if (!self && !input.consent) {
    throw new AppError(
      "VALIDATION_FAILED",
      "代为报名须先征得本人同意，并记录同意方式（电话或当面）和时间",
      {
        field: "consent",
      },
    );
  }
  const person = await repo.findLabourer(tx, labourerId);
  if (!person || (!self && !inRegionScope(actor, person.villageCode)))
    throw new AppError("LABOURER_NOT_FOUND", "未找到该劳动力");

  const job = await repo.findJobForApply(tx, input.jobId);
  if (!job || job.status === "draft")
    throw new AppError("JOB_NOT_FOUND", "岗位不存在或已被删除", { field: "jobId" });
  const now = ctx.now();
  const employerStatus = job.employerStatus as IndexRow["employerStatus"];
  if (!isSearchable({ status: job.status, expiresAt: job.expiresAt, employerStatus }, now)) {
    const reason =
      job.status !== "open"
        ? job.status
        : job.expiresAt.getTime() <= now.getTime()
          ? "expired"
          : "employer_not_verified";
    throw new AppError(
      "JOB_NOT_OPEN",
      `${JOB_ENDED[reason] ?? "该岗位暂停招聘"}，不能报名。请看看其他岗位。`,
      {
        field: "jobId",
        details: { reason },
      },
    );
  }
  if (input.source === "recommendation" && !input.recommendationId) {
    throw new AppError("VALIDATION_FAILED", "从推荐报名请带上推荐编号", {
      field: "recommendationId",
    });
  }
  if (input.recommendationId) {
    const rec = await repo.findRecommendation(tx, input.recommendationId);
    if (!rec || rec.labourerId !== labourerId || rec.jobId !== job.id) {
      throw new AppError("RECOMMENDATION_NOT_FOUND", "未找到该推荐", { field: "recommendationId" });
    }
    await repo.markRecommendationApplied(tx, rec.id, actor.userId, now, input.note ?? null);
  }

  const inserted = await repo.insertApplication(tx, {
    labourerId,
    jobId: job.id,
    employerId: job.employerId,
    source: input.source,
    recommendationId: input.recommendationId ?? null,
    appliedBy: actor.userId,
    onBehalf: !self,
    consentMethod: input.consent?.method ?? null,
    consentAt: input.consent ? new Date(input.consent.at) : null,
    statusChangedAt: now,
    createdAt: now,
    updatedAt: now,
  });
  if (!inserted) {
    const existing = await repo.findActive(tx, labourerId, job.id);
    if (!existing) throw new AppError("CONFLICT", "报名正在处理中，请稍后刷新查看");
    return { application: existing, created: false };
  }
  const event = await repo.insertEvent(tx, {
    applicationId: inserted.id,
    fromStatus: null,
    toStatus: "submitted",
    actorUserId: actor.userId,
    actorRole: actor.role,
    note: self
      ? null
      : `代为报名（本人${input.consent!.method === "phone" ? "电话" : "当面"}同意）`,
    at: now,
  });
  // The person hears about an application someone else made for them; their own they just made.
  if (!self) {
    await notifyMove(tx, {
      eventId: event.id,
      applicationId: inserted.id,
      jobId: job.id,
      jobTitle: job.title,
      labourerId,
      labourerName: person.name,
      cadreUserId: person.assignedCadreUserId,
      to: "submitted",
      reason: null,
      at: now,
    });
  }
  return { application: inserted, created: true };
}

export interface MoveInput {
  to: ApplicationStatus;
  reason?: ApplicationReason;
  note?: string;
  startDate?: string;
  wageFen?: number;
  wageUnit?: "day" | "month" | "piece";
}

/**
 * One move through the state table (rules.ts). The application row is locked first, so of two
 * concurrent moves the second sees the first's result and, if its move is no longer legal,
 * gets 409 APPLICATION_STATE_CONFLICT naming the current state.
 */
export async function moveApplication(ctx: Ctx, id: string, input: MoveInput) {
  assertRole(ctx.actor, ["admin", "bureau", "cadre", "employer", "labourer"]);
  const actor = ctx.actor;
  return ctx.db.transaction(async (tx) => {
    const row = await repo.findApplication(tx, id, { lock: true });
    const mover = row && moverOf(actor, row.app, row.villageCode);
    if (!row || !mover) throw new AppError("APPLICATION_NOT_FOUND", APPLICATION_NOT_FOUND);
    const from = row.app.status;
    const t = findTransition(from, input.to);
    if (!t) throw stateConflict(from, input.to);
    if (!t.by.includes(mover))
      throw new AppError("FORBIDDEN", FORBIDDEN_TEXT[t.by[0]!] ?? "无权进行此操作");
    checkReason(t.reason, input);
    const now = ctx.now();
    let employment = null;
    if (input.to === "hired") {
      if (!input.startDate)
        throw new AppError("VALIDATION_FAILED", "请填写上岗日期", { field: "startDate" });
      employment = await recordHire(ctx, tx, {
        applicationId: row.app.id,
        labourerId: row.app.labourerId,
        jobId: row.app.jobId,
        startDate: input.startDate,
        ...(input.wageFen !== undefined ? { wageFen: input.wageFen } : {}),
        ...(input.wageUnit ? { wageUnit: input.wageUnit } : {}),
      });
    }
    if (input.to === "hire_rejected")
      employment = await rejectHire(ctx, tx, row.app.id, {
        reason: input.reason as HireRejectReason,
        note: input.note,
      });
    const updated = await repo.setStatus(tx, row.app.id, input.to, now);
    const event = await repo.insertEvent(tx, {
      applicationId: row.app.id,
      fromStatus: from,
      toStatus: input.to,
      actorUserId: actor.userId,
      actorRole: actor.role,
      reason: t.reason ? input.reason! : null,
      note: input.note ?? null,
      at: now,
    });
    const person = await repo.findLabourer(tx, row.app.labourerId);
    await notifyMove(tx, {
      eventId: event.id,
      applicationId: row.app.id,
      jobId: row.app.jobId,
      jobTitle: row.jobTitle,
      labourerId: row.app.labourerId,
      labourerName: person?.name ?? "",
      cadreUserId: row.cadreUserId,
      to: input.to,
      reason: event.reason,
      at: now,
    });
    return { application: updated, employment };
  });
}

function stateConflict(from: ApplicationStatus, to: ApplicationStatus): AppError {
  const current = STATUS_TEXT[from].label;
  return new AppError(
    "APPLICATION_STATE_CONFLICT",
    `该报名当前为「${current}」，不能改为「${STATUS_TEXT[to].label}」`,
    {
      details: { current: from, currentLabel: current, requested: to },
    },
  );
}

/** Who may make a move, by the first mover the table names for it. */
const FORBIDDEN_TEXT: Record<string, string> = {
  employer: "只有招聘单位可以进行此操作",
  labourer: "只有本人或帮扶干部可以撤回报名",
  bureau: "只有县（区）人社部门可以不予确认录用",
};
const REASON_WORD: Record<Exclude<ReasonKind, null>, string> = {
  reject: "不录用",
  withdraw: "撤回",
  hire_reject: "不予确认",
};

function checkReason(kind: ReasonKind, input: MoveInput): void {
  if (kind === null) {
    if (input.reason)
      throw new AppError("VALIDATION_FAILED", "此操作不需要填写原因", { field: "reason" });
    return;
  }
  const allowed = REASONS_OF[kind];
  if (!input.reason || !Object.hasOwn(allowed, input.reason)) {
    throw new AppError(
      "VALIDATION_FAILED",
      `请选择${REASON_WORD[kind]}原因：${Object.values(allowed).join("、")}`,
      { field: "reason" },
    );
  }
  if (input.reason === "other" && !input.note?.trim())
    throw new AppError("VALIDATION_FAILED", "选择「其他原因」时请写明原因", { field: "note" });
}
