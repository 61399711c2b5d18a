import { labourers } from "../../../db/schema/labourers";
import { writeAudit } from "../../lib/audit";
import { assertRole, STAFF_ROLES } from "../../lib/auth";
import type { Ctx, UserActor } from "../../lib/ctx";
import { AppError } from "../../lib/errors";
import { decodeIdCursor } from "../../lib/keyset";
import { inRegionScope, regionScopeSql } from "../../lib/scope";
import { canonicalRegionCode } from "../regions/codes";
import type { LabourerFields } from "./changes";
import { phoneChangeNeedsCode } from "./phone";
import { findLabourer, type LabourerRow, listLabourers as listRows, lockLabourer } from "./repo";
import type {
  CreateLabourerInput,
  LabourerListInput,
  UpdateLabourerInput,
  UpdateMyProfileInput,
} from "./schemas";
import { changeLabourer, parseIdOrThrow, registerLabourer } from "./write";

const notFound = () => new AppError("LABOURER_NOT_FOUND", "登记人员不存在");

/** Staff register people inside their region; the village decides the region. */
export async function createLabourer(ctx: Ctx, input: CreateLabourerInput): Promise<LabourerRow> {
  assertRole(ctx.actor, STAFF_ROLES);
  const idNumber = parseIdOrThrow(input.idNumber, ctx.now());
  const row = await ctx.db.transaction((tx) => registerLabourer(ctx, tx, { ...input, idNumber }));
  return (await findLabourer(ctx.db, row.id))!;
}

/** Staff read inside their region, a labourer reads their own record; anything else is "not found". */
export async function getLabourer(ctx: Ctx, id: string): Promise<LabourerRow> {
  assertRole(ctx.actor, [...STAFF_ROLES, "labourer"]);
  const row = await findLabourer(ctx.db, id);
  if (!row || !canRead(ctx.actor, row)) throw notFound();
  return row;
}

function canRead(actor: UserActor, row: LabourerRow): boolean {
  if (actor.role === "labourer") return actor.labourerId === row.l.id;
  return inRegionScope(actor, row.l.villageCode);
}

export async function updateLabourer(
  ctx: Ctx,
  id: string,
  input: UpdateLabourerInput,
): Promise<LabourerRow> {
  assertRole(ctx.actor, STAFF_ROLES);
  const { idNumber, ...rest } = input;
  const fields: LabourerFields = {
    ...rest,
    ...(idNumber !== undefined ? { idNumber: parseIdOrThrow(idNumber, ctx.now()) } : {}),
  };
  await ctx.db.transaction(async (tx) => {
    const existing = await lockLabourer(tx, id);
    if (!existing || !inRegionScope(ctx.actor, existing.villageCode)) throw notFound();
    await changeLabourer(ctx, tx, existing, fields);
  });
  return (await findLabourer(ctx.db, id))!;
}

export async function listLabourers(
  ctx: Ctx,
  input: LabourerListInput,
): Promise<{ items: LabourerRow[]; nextCursor: string | null }> {
  assertRole(ctx.actor, STAFF_ROLES);
  const regionPrefix = input.region === undefined ? undefined : canonicalRegionCode(input.region);
  if (input.region !== undefined && !regionPrefix)
    throw new AppError("VALIDATION_FAILED", "请填写正确的行政区划代码", { field: "region" });
  // An unknown id yields an empty page rather than an error, so it cannot probe for ids.
  const after = decodeIdCursor(input.cursor);
  const rows = await listRows(ctx.db, {
    scope: regionScopeSql(ctx.actor, labourers.villageCode),
    regionPrefix,
    personType: input.personType,
    workIntention: input.workIntention,
    employmentStatus: input.employmentStatus,
    labourCapacity: input.labourCapacity,
    keyAssistance: input.keyAssistance,
    householdId: input.householdId,
    verified: input.verified,
    q: input.q,
    after,
    limit: input.limit + 1,
  });
  const items = rows.slice(0, input.limit);
  return { items, nextCursor: rows.length > input.limit ? items[items.length - 1]!.l.id : null };
}

/**
 * The only way to read a full ID or phone number. Every read is written to audit_log first:
 * if the audit row cannot be written, nothing is disclosed.
 */
export async function readLabourerIdentity(
  ctx: Ctx,
  id: string,
): Promise<{ id: string; name: string; idNumber: string; phone: string | null }> {
  assertRole(ctx.actor, STAFF_ROLES);
  const row = await findLabourer(ctx.db, id);
  if (!row || !inRegionScope(ctx.actor, row.l.villageCode)) throw notFound();
  await writeAudit(ctx.db, {
    at: ctx.now(),
    actorUserId: ctx.actor.userId,
    actorRole: ctx.actor.role,
    action: "labourer.identity.read",
    entityType: "labourer",
    entityId: row.l.id,
    requestId: ctx.requestId,
    details: { fields: ["idNumber", "phone"] },
  });
  const l = row.l;
  return {
    id: l.id,
    name: l.name,
    idNumber: ctx.pii.decrypt(l.idNumberEnc),
    phone: l.phoneEnc ? ctx.pii.decrypt(l.phoneEnc) : null,
  };
}

function ownId(ctx: Ctx): string {
  assertRole(ctx.actor, ["labourer"]);
  if (!ctx.actor.labourerId) throw notFound();
  return ctx.actor.labourerId;
}

export async function getMyProfile(ctx: Ctx): Promise<LabourerRow> {
  const row = await findLabourer(ctx.db, ownId(ctx));
  if (!row) throw notFound();
  return row;
}

/**
 * What a labourer maintains themselves. Not the phone: it is how they sign in, so a new one is
 * confirmed with a code sent to it (./phone.ts).
 */
export async function updateMyProfile(ctx: Ctx, input: UpdateMyProfileInput): Promise<LabourerRow> {
  const id = ownId(ctx);
  const { phone, ...fields } = input;
  if (phone !== undefined) throw phoneChangeNeedsCode();
  await ctx.db.transaction(async (tx) => {
    const existing = await lockLabourer(tx, id);
    if (!existing) throw notFound();
    await changeLabourer(ctx, tx, existing, fields);
  });
  return (await findLabourer(ctx.db, id))!;
}
