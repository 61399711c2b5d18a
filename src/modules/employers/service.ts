import { eq, sql } from "drizzle-orm";
import type { Tx } from "../../../db/client";
import { auditLog } from "../../../db/schema/audit";
import { employers } from "../../../db/schema/employers";
import { users } from "../../../db/schema/users";
import { assertRole } from "../../lib/auth";
import { hashPassword, maskPhone } from "../../lib/crypto";
import type { Ctx } from "../../lib/ctx";
import { AppError } from "../../lib/errors";
import { decodeCursor, pageOf } from "../../lib/keyset";
import { hitRateLimit } from "../../lib/rate-limit";
import { assertWritableRegion, regionScopeSql } from "../../lib/scope";
import { normalizeUsername } from "../../lib/username";
import { sessionFor } from "../auth/service";
import { enqueueEmployerJobsReindex } from "../jobs/index-events";
import { canonicalRegionCode } from "../regions/codes";
import { findByUsername } from "../users/repo";
import {
  type Employer,
  findDuplicate,
  findEmployer,
  insertEmployer,
  listEmployers as listRows,
  updateEmployer as updateRow,
} from "./repo";
import {
  canManageEmployer,
  canSeeEmployer,
  checkCertifyingCounty,
  checkContactPhone,
  checkEmployerFields,
  type EmployerValues,
} from "./rules";
import type {
  EmployerFieldsInput,
  EmployerListInput,
  RegisterEmployerInput,
  UpdateEmployerInput,
} from "./schemas";

const notFound = () => new AppError("EMPLOYER_NOT_FOUND", "用工单位不存在");

function duplicateError(v: Pick<EmployerValues, "creditCode">): AppError {
  return v.creditCode
    ? new AppError("EMPLOYER_DUPLICATE", "该统一社会信用代码已登记，请直接登录或联系当地人社部门", {
        field: "creditCode",
      })
    : new AppError("EMPLOYER_DUPLICATE", "该手机号已登记过用工单位，请直接登录或联系当地人社部门", {
        field: "contactPhone",
      });
}

/** Inserts an unverified employer; a duplicate (found first, or lost in a race) is a 409. */
async function insertChecked(
  ctx: Ctx,
  tx: Tx,
  v: EmployerValues,
  createdBy: string | null,
): Promise<Employer> {
  const phoneHash = ctx.pii.hash("phone", v.contactPhone);
  if (await findDuplicate(tx, { creditCode: v.creditCode, phoneHash })) throw duplicateError(v);
  const now = ctx.now();
  const row = await insertEmployer(tx, {
    name: v.name,
    type: v.type,
    creditCode: v.creditCode,
    regionCode: v.regionCode,
    address: v.address,
    contactName: v.contactName,
    contactPhoneEnc: ctx.pii.encrypt(v.contactPhone),
    contactPhoneHash: phoneHash,
    contactPhoneMasked: maskPhone(v.contactPhone),
    workshopCertificateNo: v.workshopCertificateNo,
    workshopCertifiedBy: v.workshopCertifiedBy,
    createdBy,
    createdAt: now,
    updatedAt: now,
  });
  if (!row) throw duplicateError(v);
  return row;
}

/** Bureau staff register a small employer on its behalf (no login of its own); it starts unverified. */
export async function createEmployer(ctx: Ctx, input: EmployerFieldsInput): Promise<Employer> {
  assertRole(ctx.actor, ["admin", "bureau"]);
  const actor = ctx.actor;
  const v = await checkEmployerFields(ctx.db, input);
  assertWritableRegion(actor, v.regionCode);
  return ctx.db.transaction((tx) => insertChecked(ctx, tx, v, actor.userId));
}

/**
 * Public self-registration: the employer (unverified) and its first `employer` user in one
 * transaction, then a session. A taken username rolls the employer back too.
 */
export async function registerEmployer(ctx: Ctx, input: RegisterEmployerInput, clientIp: string) {
  // Each registration costs a scrypt hash (~128 MiB): cap it per address.
  await hitRateLimit(ctx, `employer-register:ip:${clientIp}`, 20, 3600);
  const v = await checkEmployerFields(ctx.db, input);
  const usernameTaken = () =>
    new AppError("CONFLICT", "用户名已被使用，请换一个", { field: "username" });
  const username = normalizeUsername(input.username);
  if (await findByUsername(ctx.db, username)) throw usernameTaken();
  const passwordHash = await hashPassword(input.password);
  const { employer, user } = await ctx.db.transaction(async (tx) => {
    const employer = await insertChecked(ctx, tx, v, null);
    const [user] = await tx
      .insert(users)
      .values({
        username,
        passwordHash,
        role: "employer",
        displayName: v.name,
        employerId: employer.id,
      })
      .onConflictDoNothing()
      .returning();
    if (!user) throw usernameTaken();
    // A self-registered employer is created by its own first user.
    return { employer: await updateRow(tx, employer.id, { createdBy: user.id }), user };
  });
  return { employer, session: await sessionFor(ctx, user) };
}

export async function getEmployer(ctx: Ctx, id: string): Promise<Employer> {
  assertRole(ctx.actor, ["admin", "bureau", "cadre", "employer"]);
  const e = await findEmployer(ctx.db, id);
  if (!e || !canSeeEmployer(ctx.actor, e)) throw notFound();
  return e;
}

export async function listEmployers(ctx: Ctx, input: EmployerListInput) {
  assertRole(ctx.actor, ["admin", "bureau", "cadre", "employer"]);
  const actor = ctx.actor;
  let regionPrefix: string | undefined;
  if (input.regionCode) {
    regionPrefix = canonicalRegionCode(input.regionCode);
    if (!regionPrefix)
      throw new AppError("VALIDATION_FAILED", "请填写正确的行政区划代码", { field: "regionCode" });
  }
  const scope =
    actor.role === "employer"
      ? actor.employerId
        ? eq(employers.id, actor.employerId)
        : sql`false`
      : regionScopeSql(actor, employers.regionCode);
  const rows = await listRows(ctx.db, {
    scope,
    status: input.status,
    type: input.type,
    regionPrefix,
    q: input.q,
    after: decodeCursor(input.cursor),
    limit: input.limit + 1,
  });
  return pageOf(rows, input.limit);
}

/**
 * Employers edit their contact details; bureau staff in scope also the name and workshop
 * certificate. The credit code and type are fixed at registration.
 */
export async function updateEmployer(
  ctx: Ctx,
  id: string,
  input: UpdateEmployerInput,
): Promise<Employer> {
  assertRole(ctx.actor, ["admin", "bureau", "employer"]);
  const actor = ctx.actor;
  const e = await findEmployer(ctx.db, id);
  if (!e || !canSeeEmployer(actor, e)) throw notFound();
  const staff = actor.role !== "employer";
  if (staff && !canManageEmployer(actor, e)) throw notFound();
  if (!staff && input.name !== undefined && input.name !== e.name) {
    throw new AppError("FORBIDDEN", "单位名称变更须由人社部门核实后修改", { field: "name" });
  }
  const set: Partial<Employer> = { updatedAt: ctx.now() };
  if (input.name !== undefined) set.name = input.name;
  if (input.address !== undefined) set.address = input.address || null;
  if (input.contactName !== undefined) set.contactName = input.contactName;
  if (input.contactPhone !== undefined) {
    const phone = checkContactPhone(input.contactPhone);
    const hash = ctx.pii.hash("phone", phone);
    const dup = e.creditCode
      ? undefined
      : await findDuplicate(ctx.db, { creditCode: null, phoneHash: hash });
    if (dup && dup.id !== e.id) throw duplicateError({ creditCode: null });
    Object.assign(set, {
      contactPhoneEnc: ctx.pii.encrypt(phone),
      contactPhoneHash: hash,
      contactPhoneMasked: maskPhone(phone),
    });
  }
  if (e.type === "workshop") {
    if (input.workshopCertificateNo !== undefined)
      set.workshopCertificateNo = input.workshopCertificateNo;
    if (input.workshopCertifiedBy !== undefined)
      set.workshopCertifiedBy = await checkCertifyingCounty(
        ctx.db,
        input.workshopCertifiedBy,
        e.regionCode,
      );
  }
  try {
    return await ctx.db.transaction(async (tx) => {
      const updated = await updateRow(tx, e.id, set);
      // Postings show the employer's name: search must see the new one.
      if (set.name !== undefined && set.name !== e.name) await enqueueEmployerJobsReindex(tx, e.id);
      return updated;
    });
  } catch (err) {
    // A concurrent registration took the phone between the check and the write.
    if ((err as { code?: string }).code === "23505") throw duplicateError({ creditCode: null });
    throw err;
  }
}

/** The full contact phone, for staff who must call the employer; every read is audited. */
export async function revealEmployerContact(ctx: Ctx, id: string) {
  assertRole(ctx.actor, ["admin", "bureau", "cadre", "employer"]);
  const actor = ctx.actor;
  const e = await getEmployer(ctx, id);
  await ctx.db.insert(auditLog).values({
    at: ctx.now(),
    actorUserId: actor.userId,
    actorRole: actor.role,
    action: "employer.contact.read",
    entityType: "employer",
    entityId: e.id,
    requestId: ctx.requestId,
  });
  return {
    id: e.id,
    contactName: e.contactName,
    contactPhone: e.contactPhoneEnc ? ctx.pii.decrypt(e.contactPhoneEnc) : null,
  };
}
