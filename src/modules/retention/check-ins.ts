import { assertRole } from "../../lib/auth";
import { chinaDate } from "../../lib/china-time";
import type { Actor, Ctx } from "../../lib/ctx";
import { AppError } from "../../lib/errors";
import { decodeCursor, pageOf } from "../../lib/keyset";
import { inRegionScope } from "../../lib/scope";
import { findEmployment, updateEmployment } from "../employments/repo";
import { applyEnd } from "../employments/service";
import type { CheckIn } from "./repo";
import * as repo from "./repo";
import { CHECK_IN_ANSWER_LABELS, CHECK_IN_STATUS_LABELS } from "./rules";
import type { CheckInAnswerBody } from "./schemas";

const NOT_FOUND = "未找到该回访";
const ROLES = ["labourer", "bureau", "cadre", "admin"] as const;

/** The labourer of the record, or staff whose region holds the person's village (on their behalf). */
function mayAnswer(actor: Actor, labourerId: string, villageCode: string): boolean {
  if (actor.kind !== "user") return false;
  if (actor.role === "labourer") return actor.labourerId === labourerId;
  return inRegionScope(actor, villageCode);
}

const userOf = (ctx: Ctx) =>
  ctx.actor.kind === "user"
    ? { id: ctx.actor.userId, role: ctx.actor.role as string }
    : { id: null, role: "system" };

export async function getCheckIn(ctx: Ctx, employmentId: string, checkInId: string) {
  assertRole(ctx.actor, [...ROLES]);
  const row = await repo.findCheckIn(ctx.db, employmentId, checkInId);
  if (!row || !mayAnswer(ctx.actor, row.c.labourerId, row.villageCode))
    throw new AppError("CHECK_IN_NOT_FOUND", NOT_FOUND);
  return row;
}

/** One record's check-ins (the labourer's own, or staff in scope), newest first. */
export async function listCheckIns(
  ctx: Ctx,
  employmentId: string,
  input: { cursor?: string; limit: number },
) {
  assertRole(ctx.actor, [...ROLES]);
  const e = await findEmployment(ctx.db, employmentId);
  if (!e || !mayAnswer(ctx.actor, e.e.labourerId, e.villageCode))
    throw new AppError("EMPLOYMENT_NOT_FOUND", "未找到该就业记录");
  const rows = await repo.listCheckIns(
    ctx.db,
    employmentId,
    decodeCursor(input.cursor),
    input.limit,
  );
  return { ...pageOf(rows, input.limit), employerName: e.e.employerName };
}

/** The signed-in labourer's own check-ins across records (the H5 finds the open question here). */
export async function listMyCheckIns(
  ctx: Ctx,
  input: {
    status?: CheckIn["status"];
    cursor?: string;
    limit: number;
  },
) {
  assertRole(ctx.actor, ["labourer"]);
  const labourerId = ctx.actor.labourerId ?? "00000000-0000-0000-0000-000000000000";
  const rows = await repo.listMyCheckIns(
    ctx.db,
    { labourerId, status: input.status },
    decodeCursor(input.cursor),
    input.limit,
  );
  return pageOf(rows, input.limit, (r) => r.c);
}

/**
 * 在 / 不在了. 在: the check-in is answered and the record's `stillWorkingAt` is stamped. 不在了: also ends the record through the one end path
 * (date, reason, status re-derived: the person is unemployed and eligible for a round at once).
 * Either way the check-in's open follow-up task is resolved as `answered`. The record is locked
 * before the check-in, in the same order as the end route, so the two cannot deadlock.
 */
export async function answerCheckIn(
  ctx: Ctx,
  employmentId: string,
  checkInId: string,
  body: CheckInAnswerBody,
) {
  assertRole(ctx.actor, [...ROLES]);
  const by = userOf(ctx);
  const now = ctx.now();
  if (body.answer === "left" && !body.reason)
    throw new AppError("VALIDATION_FAILED", "请选择不在这里工作的原因", { field: "reason" });
  return ctx.db.transaction(async (tx) => {
    const e = await findEmployment(tx, employmentId, { lock: true });
    const row = e && (await repo.findCheckIn(tx, employmentId, checkInId, { lock: true }));
    if (!e || !row || !mayAnswer(ctx.actor, row.c.labourerId, row.villageCode))
      throw new AppError("CHECK_IN_NOT_FOUND", NOT_FOUND);
    const c = row.c;
    if (c.status === "answered")
      throw new AppError(
        "CHECK_IN_ALREADY_ANSWERED",
        `这次回访已经回答过了（${c.answer ? CHECK_IN_ANSWER_LABELS[c.answer] : ""}）`,
        { details: { current: c.answer } },
      );
    if (c.status !== "pending" || e.e.endDate)
      throw new AppError(
        "CHECK_IN_CLOSED",
        e.e.endDate
          ? `这份工作已于 ${e.e.endDate} 结束，无需再回答`
          : `这次回访${CHECK_IN_STATUS_LABELS[c.status]}，无需回答`,
        { details: { current: c.status } },
      );
    const left = body.answer === "left";
    const endDate = body.endDate ?? chinaDate(now);
    const updated = await repo.updateCheckIn(tx, c.id, {
      status: "answered",
      answer: body.answer,
      endReason: left ? body.reason : null,
      endDate: left ? endDate : null,
      answerNote: body.note ?? null,
      answeredAt: now,
      answeredBy: by.id,
      answeredRole: by.role,
    });
    await repo.resolveTaskOf(
      tx,
      { checkInId: c.id },
      {
        resolution: "answered",
        answer: `${CHECK_IN_ANSWER_LABELS[body.answer]}${body.note ? `：${body.note}` : ""}`,
        resolvedAt: now,
        resolvedBy: by.id,
        resolvedRole: by.role,
      },
    );
    if (left) await applyEnd(ctx, tx, e.e, { endDate, reason: body.reason!, note: body.note });
    // 在: the record keeps the latest word that the person still works there (employments.still_working_at).
    else await updateEmployment(tx, e.e.id, { stillWorkingAt: now });
    return { checkIn: updated, employerName: e.e.employerName };
  });
}
