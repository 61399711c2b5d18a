import { sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { households } from "../../../db/schema/labourers";
import { assertRole, STAFF_ROLES } from "../../lib/auth";
import type { Ctx } from "../../lib/ctx";
import { AppError } from "../../lib/errors";
import { decodeIdCursor } from "../../lib/keyset";
import { toHalfWidth } from "../../lib/phone";
import { assertWritableRegion, inRegionScope, regionScopeSql } from "../../lib/scope";
import type { RegistryCtx } from "../labourers/changes";
import {
  type LabourerRow,
  listLabourers as listLabourerRows,
  regionExists,
} from "../labourers/repo";
import {
  type Checked,
  checkKeyAssistance,
  checkName,
  checkVillageCode,
  cleanText,
  orThrow,
  reject,
} from "../labourers/rules";
import { canonicalRegionCode } from "../regions/codes";
import {
  countMembers,
  findHouseholdWithStats,
  type Household,
  type HouseholdRow,
  insertHousehold,
  listHouseholds as listRows,
  lockHousehold,
  lockHouseholdByNo,
  type NewHousehold,
  propagateToMembers,
  updateHousehold as updateRow,
} from "./repo";
import type { CreateHouseholdInput, HouseholdListInput, UpdateHouseholdInput } from "./schemas";

const MAX_MEMBERS = 50;
const notFound = () => new AppError("HOUSEHOLD_NOT_FOUND", "该户不存在");

/** 户编号 as the monitoring system prints it: digits, letters and dashes. */
export function checkHouseholdNo(raw: string, field = "householdNo"): Checked<string> {
  const no = toHalfWidth(raw).replace(/\s/g, "").toUpperCase();
  if (!/^[0-9A-Z-]{1,32}$/.test(no))
    return reject(
      "VALIDATION_FAILED",
      field,
      "household_no",
      "户编号只能包含数字、字母和“-”，最长 32 位",
    );
  return { ok: true, value: no };
}

export interface HouseholdFields {
  householdNo: string;
  villageCode?: string;
  headName?: string;
  keyAssistance?: boolean;
  incomePerCapitaFen?: number | null;
  resettlementSiteName?: string | null;
  resettlementSiteCode?: string | null;
}

/** Validated column values; only the fields given (an edit gives no 户编号). */
async function resolveHousehold(
  ctx: RegistryCtx,
  db: Executor,
  f: Omit<HouseholdFields, "householdNo"> & { householdNo?: string },
): Promise<Partial<NewHousehold>> {
  const out: Partial<NewHousehold> = {};
  if (f.householdNo !== undefined) out.householdNo = orThrow(checkHouseholdNo(f.householdNo));
  if (f.villageCode !== undefined) {
    out.villageCode = orThrow(checkVillageCode(f.villageCode));
    if (!(await regionExists(db, out.villageCode)))
      throw new AppError("VALIDATION_FAILED", "村（社区）行政区划代码不存在", {
        field: "villageCode",
      });
    assertWritableRegion(ctx.actor, out.villageCode, "villageCode");
  }
  if (f.headName !== undefined) out.headName = orThrow(checkName(f.headName, "headName"));
  const key = orThrow(checkKeyAssistance(f.keyAssistance, f.incomePerCapitaFen));
  if (key !== undefined) out.keyAssistance = key;
  if (f.incomePerCapitaFen !== undefined) out.incomePerCapitaFen = f.incomePerCapitaFen;
  if (f.resettlementSiteName !== undefined)
    out.resettlementSiteName = cleanText(f.resettlementSiteName);
  if (f.resettlementSiteCode !== undefined)
    out.resettlementSiteCode = cleanText(f.resettlementSiteCode);
  return out;
}

export async function createHousehold(
  ctx: Ctx,
  input: CreateHouseholdInput,
): Promise<HouseholdRow> {
  assertRole(ctx.actor, STAFF_ROLES);
  const id = await ctx.db.transaction(async (tx) => {
    const values = await resolveHousehold(ctx, tx, input);
    const now = ctx.now();
    const row = await insertHousehold(tx, {
      ...values,
      createdAt: now,
      updatedAt: now,
    } as NewHousehold);
    if (!row) {
      const existing = await lockHouseholdByNo(tx, values.householdNo!);
      const visible = existing && inRegionScope(ctx.actor, existing.villageCode);
      throw new AppError("HOUSEHOLD_DUPLICATE", "该户编号已登记", {
        field: "householdNo",
        ...(visible ? { details: { existingId: existing.id } } : {}),
      });
    }
    return row.id;
  });
  return (await findHouseholdWithStats(ctx.db, id))!;
}

/**
 * For the ledger import: finds the household by 户编号 and applies the given fields, or creates
 * it (village and head name then required). Runs in the caller's transaction.
 */
export async function upsertHousehold(
  ctx: RegistryCtx,
  tx: Executor,
  f: HouseholdFields,
): Promise<{ household: Household; outcome: "created" | "updated" | "unchanged" }> {
  const values = await resolveHousehold(ctx, tx, f);
  const existing = await lockHouseholdByNo(tx, values.householdNo!);
  const now = ctx.now();
  if (!existing) {
    if (!values.villageCode)
      throw new AppError("VALIDATION_FAILED", "新登记的户须填写所在村代码", {
        field: "villageCode",
      });
    if (!values.headName)
      throw new AppError("VALIDATION_FAILED", "新登记的户须填写户主姓名", { field: "headName" });
    const row = await insertHousehold(tx, {
      ...values,
      createdAt: now,
      updatedAt: now,
    } as NewHousehold);
    if (!row)
      throw new AppError("HOUSEHOLD_DUPLICATE", "该户编号正在被同时登记，请重试", {
        field: "householdNo",
      });
    return { household: row, outcome: "created" };
  }
  if (!inRegionScope(ctx.actor, existing.villageCode))
    throw new AppError("HOUSEHOLD_DUPLICATE", "该户编号已在其他地区登记", { field: "householdNo" });
  // Members live in their household's village; moving a household is not a ledger side effect.
  if (values.villageCode !== undefined && values.villageCode !== existing.villageCode) {
    throw new AppError("VALIDATION_FAILED", "该户编号已登记在另一个村，请核对户编号或所在村", {
      field: "villageCode",
      details: { reason: "household_village_mismatch" },
    });
  }
  const row = await applyChanges(tx, existing, values, now);
  return { household: row ?? existing, outcome: row ? "updated" : "unchanged" };
}

/**
 * Writes the columns of `values` that differ from `existing` (a locked row); undefined when
 * nothing differs. 重点帮扶 is decided per household, so a changed flag goes to every member.
 */
async function applyChanges(
  tx: Executor,
  existing: Household,
  values: Partial<NewHousehold>,
  now: Date,
): Promise<Household | undefined> {
  const changes = Object.fromEntries(
    Object.entries(values).filter(([k, v]) => existing[k as keyof Household] !== v),
  ) as Partial<NewHousehold>;
  if (Object.keys(changes).length === 0) return undefined;
  const row = await updateRow(tx, existing.id, { ...changes, updatedAt: now });
  if (changes.keyAssistance !== undefined) await propagateToMembers(tx, row, now);
  return row;
}

/**
 * Staff edit a household in their region (outside it: not found, like a read). 户编号 is the
 * monitoring system's key and is not editable. The flag and the income follow the create rule
 * (checkKeyAssistance): a new income re-derives the flag; a flag given alone must agree with the
 * stored income, so the record never ends up saying both ways.
 * A household moves to another village only while it has no registered members: members live
 * in their household's village, and moving people is a registry change of its own
 * (docs/REGISTRY.md).
 */
export async function updateHousehold(
  ctx: Ctx,
  id: string,
  input: UpdateHouseholdInput,
): Promise<HouseholdRow> {
  assertRole(ctx.actor, STAFF_ROLES);
  const { householdNo: _fixed, ...fields } = input;
  if (Object.keys(fields).length === 0)
    throw new AppError("VALIDATION_FAILED", "请至少填写一项要修改的内容");
  await ctx.db.transaction(async (tx) => {
    const existing = await lockHousehold(tx, id);
    if (!existing || !inRegionScope(ctx.actor, existing.villageCode)) throw notFound();
    if (fields.keyAssistance !== undefined && fields.incomePerCapitaFen === undefined) {
      orThrow(checkKeyAssistance(fields.keyAssistance, existing.incomePerCapitaFen));
    }
    const values = await resolveHousehold(ctx, tx, fields);
    if (
      values.villageCode !== undefined &&
      values.villageCode !== existing.villageCode &&
      (await countMembers(tx, id)) > 0
    ) {
      throw new AppError(
        "VALIDATION_FAILED",
        "该户已有登记成员，不能直接改村；请先核实成员的户籍所在村，或联系管理员处理",
        {
          field: "villageCode",
          details: { reason: "household_has_members" },
        },
      );
    }
    await applyChanges(tx, existing, values, ctx.now());
  });
  return (await findHouseholdWithStats(ctx.db, id))!;
}

export async function getHousehold(
  ctx: Ctx,
  id: string,
): Promise<{ household: HouseholdRow; members: LabourerRow[] }> {
  assertRole(ctx.actor, STAFF_ROLES);
  const household = await findHouseholdWithStats(ctx.db, id);
  if (!household || !inRegionScope(ctx.actor, household.villageCode)) throw notFound();
  const members = await listLabourerRows(ctx.db, {
    scope: sql`true`,
    householdId: id,
    limit: MAX_MEMBERS,
  });
  return { household, members: members.reverse() };
}

export async function listHouseholds(
  ctx: Ctx,
  input: HouseholdListInput,
): Promise<{ items: HouseholdRow[]; nextCursor: string | null }> {
  assertRole(ctx.actor, STAFF_ROLES);
  const regionPrefix = input.region === undefined ? undefined : canonicalRegionCode(input.region);
  if (input.region !== undefined && !regionPrefix)
    throw new AppError("VALIDATION_FAILED", "请填写正确的行政区划代码", { field: "region" });
  const rows = await listRows(ctx.db, {
    scope: regionScopeSql(ctx.actor, households.villageCode),
    regionPrefix,
    zeroEmployment: input.zeroEmployment,
    keyAssistance: input.keyAssistance,
    resettled: input.resettled,
    headMissing: input.headMissing,
    q: input.q,
    after: decodeIdCursor(input.cursor),
    limit: input.limit + 1,
  });
  const items = rows.slice(0, input.limit);
  return { items, nextCursor: rows.length > input.limit ? items[items.length - 1]!.id : null };
}
