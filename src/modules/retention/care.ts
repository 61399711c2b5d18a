import { assertRole, STAFF_ROLES } from "../../lib/auth";
import type { Ctx } from "../../lib/ctx";
import { AppError } from "../../lib/errors";
import { decodeCursor, pageOf } from "../../lib/keyset";
import { inRegionScope } from "../../lib/scope";
import * as care from "./care-repo";
import { helpAnswerNotice, helpNotices, writeNotices } from "./notices";
import * as repo from "./repo";
import type { HelpRequestBody, ResolveBody } from "./schemas";

const userOf = (ctx: Ctx) =>
  ctx.actor.kind === "user"
    ? { id: ctx.actor.userId, role: ctx.actor.role as string }
    : { id: null, role: "system" };

/**
 * 求助: the labourer asks; the request and its task in the cadre's queue are written together,
 * and the person's assigned cadre (or, without one, the cadres whose region covers the village)
 * are notified through the notify pipeline in the same transaction. A second tap while a request
 * of the same kind is open finds that request (`created: false`).
 */
export async function createHelpRequest(ctx: Ctx, body: HelpRequestBody) {
  assertRole(ctx.actor, ["labourer"]);
  const labourerId = ctx.actor.labourerId;
  if (!labourerId) throw new AppError("FORBIDDEN", "当前账号未关联劳动力信息");
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const who = await repo.findLabourerReach(tx, labourerId);
    if (!who) throw new AppError("LABOURER_NOT_FOUND", "未找到该劳动力");
    const row = await care.insertHelpRequest(tx, {
      labourerId,
      kind: body.kind,
      text: body.text || null,
      createdBy: ctx.actor.kind === "user" ? ctx.actor.userId : null,
      createdAt: now,
    });
    if (!row) {
      const open = await care.findOpenHelpRequest(tx, labourerId, body.kind);
      if (open) return { row: open, created: false };
      throw new AppError("CONFLICT", "请稍后再试");
    }
    const task = await care.insertTask(tx, {
      kind: "help_request",
      labourerId,
      helpRequestId: row.id,
      createdAt: now,
    });
    const cadres = who.cadre_user_id
      ? [who.cadre_user_id]
      : await repo.cadresCovering(tx, who.village_code);
    await writeNotices(
      tx,
      helpNotices({
        taskId: task!.id,
        helpRequestId: row.id,
        labourerId,
        name: who.name,
        kind: row.kind,
        text: row.text,
        cadreUserIds: cadres,
        at: now,
      }),
    );
    return { row, created: true };
  });
}

export async function listMyHelpRequests(ctx: Ctx, input: { cursor?: string; limit: number }) {
  assertRole(ctx.actor, ["labourer"]);
  const rows = await care.listHelpRequests(
    ctx.db,
    ctx.actor.labourerId ?? "00000000-0000-0000-0000-000000000000",
    decodeCursor(input.cursor),
    input.limit,
  );
  return pageOf(rows, input.limit);
}

/** The person's own request, or staff in scope of their village; anyone else: 404. */
export async function getHelpRequest(ctx: Ctx, id: string) {
  assertRole(ctx.actor, ["labourer", ...STAFF_ROLES]);
  const found = await care.findHelpRequest(ctx.db, id);
  const actor = ctx.actor;
  const may =
    found &&
    (actor.role === "labourer"
      ? actor.labourerId === found.r.labourerId
      : inRegionScope(actor, found.villageCode));
  if (!may) throw new AppError("HELP_REQUEST_NOT_FOUND", "未找到该求助");
  return found.r;
}

/** The cadre's queue: tasks of people whose village lies in the caller's region. */
export async function listFollowUps(
  ctx: Ctx,
  input: {
    status: "open" | "resolved";
    kind?: "check_in_unanswered" | "help_request";
    cursor?: string;
    limit: number;
  },
) {
  assertRole(ctx.actor, STAFF_ROLES);
  const rows = await care.listTasks(
    ctx.db,
    { status: input.status, kind: input.kind, actor: ctx.actor },
    decodeCursor(input.cursor),
    input.limit,
  );
  return pageOf(rows, input.limit, (r) => r.t);
}

/**
 * Answer / resolve a task: who, when, what was said. A help request gets the answer and its
 * time to first answer, and the labourer is told the answer. An unanswered check-in's task is
 * closed with the note (the check-in itself stays answerable, by the person or on their behalf).
 */
export async function resolveFollowUp(ctx: Ctx, id: string, body: ResolveBody) {
  assertRole(ctx.actor, STAFF_ROLES);
  const by = userOf(ctx);
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const row = await care.findTask(tx, id, { lock: true });
    if (!row || !inRegionScope(ctx.actor, row.villageCode))
      throw new AppError("FOLLOW_UP_NOT_FOUND", "未找到该待办");
    if (row.t.status !== "open")
      throw new AppError("FOLLOW_UP_ALREADY_RESOLVED", "该待办已处理", {
        details: { resolvedAt: row.t.resolvedAt?.toISOString() ?? null },
      });
    if (row.t.helpRequestId) {
      const answered = await care.answerHelpRequest(tx, row.t.helpRequestId, {
        answer: body.answer,
        at: now,
        by: by.id,
        role: by.role,
      });
      if (answered)
        await writeNotices(tx, [
          helpAnswerNotice({
            helpRequestId: answered.id,
            labourerId: answered.labourerId,
            kind: answered.kind,
            answer: body.answer,
            at: now,
          }),
        ]);
    }
    await repo.resolveTaskOf(
      tx,
      { id },
      {
        resolution: "staff",
        answer: body.answer,
        resolvedAt: now,
        resolvedBy: by.id,
        resolvedRole: by.role,
      },
    );
    return (await care.findTask(tx, id))!;
  });
}
