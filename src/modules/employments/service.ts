import { and, eq, type SQL } from "drizzle-orm";
import type { Tx } from "../../../db/client";
import { labourers } from "../../../db/schema/labourers";
import { employments } from "../../../db/schema/placement";
import { assertRole } from "../../lib/auth";
import { chinaDate } from "../../lib/china-time";
import type { Actor, Ctx } from "../../lib/ctx";
import { AppError } from "../../lib/errors";
import { decodeCursor, pageOf } from "../../lib/keyset";
import { addOutbox } from "../../lib/outbox";
import { inRegionScope, regionScopeSql } from "../../lib/scope";
import { canonicalRegionCode } from "../regions/codes";
import { closeCheckInsOf } from "../retention/repo";
import type { Employment } from "./repo";
import * as repo from "./repo";
import type { EndBody, OutsideJobBody } from "./schemas";
import { isOutsideGuangxi, refreshEmploymentStatus } from "./status";

const NOT_FOUND = "未找到该就业记录";
const STAFF = ["bureau", "cadre", "admin"] as const;

/** The person, the posting's employer of record, and staff whose region holds the person's village. */
function canSee(actor: Actor, e: Employment, villageCode: string): boolean {
  if (actor.kind !== "user") return false;
  if (actor.role === "labourer") return actor.labourerId === e.labourerId;
  if (actor.role === "employer")
    return actor.employerId !== null && actor.employerId === e.employerId;
  return inRegionScope(actor, villageCode);
}

const userOf = (ctx: Ctx) =>
  ctx.actor.kind === "user"
    ? { id: ctx.actor.userId, role: ctx.actor.role as string }
    : { id: null, role: "system" };

/**
 * A job found outside the system (自主就业, 自主创业, 劳务派遣 …), recorded by staff. It starts
 * unconfirmed and changes nothing until staff confirm it with evidence.
 */
export async function recordOutsideJob(ctx: Ctx, input: OutsideJobBody) {
  assertRole(ctx.actor, [...STAFF]);
  const regionCode = canonicalRegionCode(input.regionCode);
  if (!regionCode)
    throw new AppError("VALIDATION_FAILED", "请填写正确的工作地行政区划代码", {
      field: "regionCode",
    });
  if (input.startDate > chinaDate(ctx.now()))
    throw new AppError("VALIDATION_FAILED", "上岗日期不能晚于今天", { field: "startDate" });
  const by = userOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const person = await repo.findLabourerVillage(tx, input.labourerId);
    if (!person || !inRegionScope(ctx.actor, person.villageCode))
      throw new AppError("LABOURER_NOT_FOUND", "未找到该劳动力", { field: "labourerId" });
    const row = await repo.insertEmployment(tx, {
      labourerId: person.id,
      source: input.source,
      employerName: input.employerName,
      regionCode,
      outsideGuangxi: isOutsideGuangxi(regionCode),
      startDate: input.startDate,
      wageFen: input.wageFen ?? null,
      wageUnit: input.wageUnit ?? null,
      note: input.note ?? null,
      recordedBy: by.id,
      recordedRole: by.role,
    });
    await refreshEmploymentStatus(tx, person.id);
    return row;
  });
}

/**
 * Staff confirm a recorded job with what they saw; from then on it counts as a placement. The
 * basis is a written note, or evidence files already uploaded to the record (then the note may be omitted).
 */
export async function confirmEmployment(ctx: Ctx, id: string, input: { note?: string }) {
  assertRole(ctx.actor, [...STAFF]);
  const by = userOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const row = await repo.findEmployment(tx, id, { lock: true });
    if (!row || !canSee(ctx.actor, row.e, row.villageCode))
      throw new AppError("EMPLOYMENT_NOT_FOUND", NOT_FOUND);
    if (row.e.confirmedAt)
      throw new AppError("EMPLOYMENT_ALREADY_CONFIRMED", "该就业记录已确认，无需重复确认");
    if (!input.note && (await repo.countEvidence(tx, id)) === 0) {
      throw new AppError("VALIDATION_FAILED", "请写明核实依据，或先上传劳动合同照片等证明材料", {
        field: "note",
      });
    }
    const updated = await repo.updateEmployment(tx, id, {
      confirmedAt: ctx.now(),
      confirmedBy: by.id,
      confirmedRole: by.role,
      confirmationNote: input.note ?? null,
    });
    await refreshEmploymentStatus(tx, row.e.labourerId);
    // 免申即享: a confirmed job outside Guangxi may earn the transport subsidy (docs/SUBSIDY.md).
    if (updated.outsideGuangxi)
      await addOutbox(tx, { type: "employment.confirmed", aggregateId: updated.id });
    return updated;
  });
}

/** The job ended: staff in scope or the employer of record say when and why. */
export async function endEmployment(ctx: Ctx, id: string, input: EndBody) {
  assertRole(ctx.actor, [...STAFF, "employer"]);
  return ctx.db.transaction(async (tx) => {
    const row = await repo.findEmployment(tx, id, { lock: true });
    if (!row || !canSee(ctx.actor, row.e, row.villageCode))
      throw new AppError("EMPLOYMENT_NOT_FOUND", NOT_FOUND);
    return applyEnd(ctx, tx, row.e, input);
  });
}

/**
 * The one end-of-job path (the end route, and a check-in answered 不在了): checks the date and
 * reason, stores them, closes the record's open check-ins and their follow-up tasks, and
 * re-derives the labourer's status — unemployed at once, so a new round may be asked for.
 * The caller holds the record's row lock and has decided the actor may end it.
 */
export async function applyEnd(ctx: Ctx, tx: Tx, e: Employment, input: EndBody) {
  if (e.endDate) throw new AppError("EMPLOYMENT_ALREADY_ENDED", `该工作已于 ${e.endDate} 结束`);
  if (input.endDate < e.startDate)
    throw new AppError("VALIDATION_FAILED", "离岗日期不能早于上岗日期", { field: "endDate" });
  if (input.endDate > chinaDate(ctx.now()))
    throw new AppError("VALIDATION_FAILED", "离岗日期不能晚于今天", { field: "endDate" });
  if (input.reason === "other" && !input.note?.trim())
    throw new AppError("VALIDATION_FAILED", "选择「其他原因」时请写明原因", { field: "note" });
  const updated = await repo.updateEmployment(tx, e.id, {
    endDate: input.endDate,
    endReason: input.reason,
    endNote: input.note ?? null,
    endedBy: userOf(ctx).id,
  });
  await closeCheckInsOf(tx, e.id, ctx.now());
  await refreshEmploymentStatus(tx, e.labourerId);
  return updated;
}

export async function getEmployment(ctx: Ctx, id: string) {
  assertRole(ctx.actor, [...STAFF, "employer", "labourer"]);
  const row = await repo.findEmployment(ctx.db, id);
  if (!row || !canSee(ctx.actor, row.e, row.villageCode))
    throw new AppError("EMPLOYMENT_NOT_FOUND", NOT_FOUND);
  return row.e;
}

/** The person's own records; an employer's hires; staff: people of their region (optionally one person). */
export async function listEmployments(
  ctx: Ctx,
  input: { labourerId?: string; cursor?: string; limit: number },
) {
  assertRole(ctx.actor, [...STAFF, "employer", "labourer"]);
  const actor = ctx.actor;
  let scope: SQL;
  if (actor.role === "labourer")
    scope = eq(employments.labourerId, actor.labourerId ?? "00000000-0000-0000-0000-000000000000");
  else if (actor.role === "employer")
    scope = eq(employments.employerId, actor.employerId ?? "00000000-0000-0000-0000-000000000000");
  else scope = regionScopeSql(actor, labourers.villageCode);
  if (input.labourerId) scope = and(scope, eq(employments.labourerId, input.labourerId))!;
  const rows = await repo.listEmployments(ctx.db, scope, decodeCursor(input.cursor), input.limit);
  return pageOf(
    rows.map((r) => r.e),
    input.limit,
  );
}
