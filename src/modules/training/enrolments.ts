import { eq, or, sql } from "drizzle-orm";
import { labourers } from "../../../db/schema/labourers";
import { trainingCourses, trainingEnrolments } from "../../../db/schema/training";
import { assertRole } from "../../lib/auth";
import { chinaDate } from "../../lib/china-time";
import type { Ctx } from "../../lib/ctx";
import { AppError } from "../../lib/errors";
import { decodeCursor, pageOf } from "../../lib/keyset";
import { addOutbox } from "../../lib/outbox";
import { inRegionScope, regionScopeSql } from "../../lib/scope";
import * as repo from "./repo";
import { canRecordResult, canSeeEnrolment } from "./rules";
import type { EnrolmentListInput, FailInput, PassInput } from "./schemas";

const notFound = () => new AppError("ENROLMENT_NOT_FOUND", "培训报名记录不存在");

/**
 * Enrols a labourer in a course. The course row is locked so that concurrent enrolments
 * cannot overfill it; the insert comes first so a duplicate is told apart from a full course.
 */
export async function enrol(
  ctx: Ctx,
  input: { courseId: string; labourerId: string },
): Promise<repo.EnrolmentRow> {
  assertRole(ctx.actor, ["admin", "bureau", "cadre"]);
  const actor = ctx.actor;
  const id = await ctx.db.transaction(async (tx) => {
    const course = await repo.lockCourse(tx, input.courseId);
    if (!course || !inRegionScope(actor, course.countyCode))
      throw new AppError("COURSE_NOT_FOUND", "培训班不存在", { field: "courseId" });
    const lab = await repo.findLabourerRef(tx, input.labourerId);
    if (!lab || !inRegionScope(actor, lab.villageCode))
      throw new AppError("LABOURER_NOT_FOUND", "求职者不存在", { field: "labourerId" });
    const now = ctx.now();
    const row = await repo.insertEnrolment(tx, {
      courseId: course.id,
      labourerId: lab.id,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    if (!row)
      throw new AppError("ENROLMENT_DUPLICATE", "该求职者已报名此培训班", { field: "labourerId" });
    if ((await repo.countEnrolments(tx, course.id)) > course.capacity) {
      throw new AppError("COURSE_FULL", `该培训班已满（${course.capacity} 人）`, {
        field: "courseId",
      });
    }
    return row.id;
  });
  return (await repo.findEnrolment(ctx.db, id))!;
}

export async function getEnrolment(ctx: Ctx, id: string): Promise<repo.EnrolmentRow> {
  assertRole(ctx.actor, ["admin", "bureau", "cadre", "labourer"]);
  const row = await repo.findEnrolment(ctx.db, id);
  if (!row || !canSeeEnrolment(ctx.actor, row)) throw notFound();
  return row;
}

export async function listEnrolments(ctx: Ctx, input: EnrolmentListInput) {
  assertRole(ctx.actor, ["admin", "bureau", "cadre", "labourer"]);
  const actor = ctx.actor;
  const scope =
    actor.role === "labourer"
      ? actor.labourerId
        ? eq(trainingEnrolments.labourerId, actor.labourerId)
        : sql`false`
      : or(
          regionScopeSql(actor, trainingCourses.countyCode),
          regionScopeSql(actor, labourers.villageCode),
        )!;
  const rows = await repo.listEnrolments(ctx.db, {
    scope,
    courseId: input.courseId,
    labourerId: input.labourerId,
    status: input.status,
    after: decodeCursor(input.cursor),
    limit: input.limit + 1,
  });
  return pageOf(
    rows.map((r) => ({ ...r, createdAt: r.enrolment.createdAt, id: r.enrolment.id })),
    input.limit,
  );
}

type Result =
  | { status: "passed"; certificateNo: string; resultDate: string }
  | { status: "failed"; resultDate: string; note: string | null };

/** Records a final result; passing also writes `training.passed` in the same transaction. */
async function recordResult(ctx: Ctx, id: string, result: Result): Promise<repo.EnrolmentRow> {
  assertRole(ctx.actor, ["admin", "bureau"]);
  const actor = ctx.actor;
  await ctx.db.transaction(async (tx) => {
    const row = await repo.findEnrolment(tx, id, { lock: true });
    if (!row || !canSeeEnrolment(actor, row)) throw notFound();
    if (!canRecordResult(actor, row))
      throw new AppError("FORBIDDEN", "培训结果由培训班所在县（区）人社部门登记");
    if (row.enrolment.status !== "enrolled") {
      throw new AppError(
        "ENROLMENT_ALREADY_FINAL",
        row.enrolment.status === "passed"
          ? "已登记为培训合格，不能重复登记"
          : "已登记为未通过，不能再更改",
      );
    }
    if (result.resultDate > chinaDate(ctx.now()))
      throw new AppError("VALIDATION_FAILED", "结业日期不能晚于今天", { field: "resultDate" });
    if (result.resultDate < row.course.startDate)
      throw new AppError("VALIDATION_FAILED", "结业日期不能早于开班日期", { field: "resultDate" });
    const now = ctx.now();
    const updated = await repo.recordResult(tx, id, {
      status: result.status,
      resultDate: result.resultDate,
      resultRecordedBy: actor.userId,
      resultRecordedAt: now,
      updatedAt: now,
      ...(result.status === "passed"
        ? { certificateNo: result.certificateNo }
        : { resultNote: result.note }),
    });
    // The row is locked and was `enrolled`: the update cannot miss. Kept as a guard all the same.
    if (!updated) throw new AppError("ENROLMENT_ALREADY_FINAL", "培训结果已登记");
    if (result.status === "passed")
      await addOutbox(tx, { type: "training.passed", aggregateId: id });
  });
  return (await repo.findEnrolment(ctx.db, id))!;
}

/** 培训合格: the person holds the certificate from now on, and matching starts (≥ 3 recommendations). */
export function passEnrolment(ctx: Ctx, id: string, input: PassInput) {
  return recordResult(ctx, id, {
    status: "passed",
    certificateNo: input.certificateNo,
    resultDate: input.resultDate,
  });
}

export function failEnrolment(ctx: Ctx, id: string, input: FailInput) {
  return recordResult(ctx, id, {
    status: "failed",
    resultDate: input.resultDate,
    note: input.note ?? null,
  });
}
