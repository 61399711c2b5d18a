import { sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { households } from "../../../db/schema/labourers";
import { assertRole, STAFF_ROLES } from "../../lib/auth";
import type { Ctx } from "../../lib/ctx";
import { AppError } from "../../lib/errors";
import { toHalfWidth } from "../../lib/phone";
import { assertWritableRegion, inRegionScope, regionScopeSql } from "../../lib/scope";
import type { RegistryCtx } from "../labourers/changes";
import { listLabourers as listLabourerRows, regionExists, type LabourerRow } from "../labourers/repo";
import { checkKeyAssistance, checkName, checkVillageCode, cleanText, orThrow, reject, type Checked } from "../labourers/rules";
import { canonicalRegionCode } from "../regions/codes";
import {
  findHouseholdWithStats, insertHousehold, listHouseholds as listRows, lockHouseholdByNo, propagateToMembers, updateHousehold,
  type Household, type HouseholdRow, type NewHousehold,
} from "./repo";
import type { CreateHouseholdInput, HouseholdListInput } from "./schemas";

const MAX_MEMBERS = 50;
const notFound = () => new AppError("HOUSEHOLD_NOT_FOUND", "该户不存在");

/** 户编号 as the monitoring system prints it: digits, letters and dashes. */
export function checkHouseholdNo(raw: string, field = "householdNo"): Checked<string> {
  const no = toHalfWidth(raw).replace(/\s/g, "").toUpperCase();
  if (!/^[0-9A-Z-]{1,32}$/.test(no)) return reject("VALIDATION_FAILED", field, "household_no", "户编号只能包含数字、字母和“-”，最长 32 位");
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

/** Validated column values; only the fields given. */
async function resolveHousehold(ctx: RegistryCtx, db: Executor, f: HouseholdFields): Promise<Partial<NewHousehold>> {
  const out: Partial<NewHousehold> = { householdNo: orThrow(checkHouseholdNo(f.householdNo)) };
  if (f.villageCode !== undefined) {
    out.villageCode = orThrow(checkVillageCode(f.villageCode));
    if (!(await regionExists(db, out.villageCode))) throw new AppError("VALIDATION_FAILED", "村（社区）行政区划代码不存在", { field: "villageCode" });
    assertWritableRegion(ctx.actor, out.villageCode, "villageCode");
  }
  if (f.headName !== undefined) out.headName = orThrow(checkName(f.headName, "headName"));
  const key = orThrow(checkKeyAssistance(f.keyAssistance, f.incomePerCapitaFen));
  if (key !== undefined) out.keyAssistance = key;
  if (f.incomePerCapitaFen !== undefined) out.incomePerCapitaFen = f.incomePerCapitaFen;
  if (f.resettlementSiteName !== undefined) out.resettlementSiteName = cleanText(f.resettlementSiteName);
  if (f.resettlementSiteCode !== undefined) out.resettlementSiteCode = cleanText(f.resettlementSiteCode);
  return out;
}

export async function createHousehold(ctx: Ctx, input: CreateHouseholdInput): Promise<HouseholdRow> {
  assertRole(ctx.actor, STAFF_ROLES);
  const id = await ctx.db.transaction(async (tx) => {
    const values = await resolveHousehold(ctx, tx, input);
    const now = ctx.now();
    const row = await insertHousehold(tx, { ...values, createdAt: now, updatedAt: now } as NewHousehold);
    if (!row) {
      const existing = await lockHouseholdByNo(tx, values.householdNo!);
      const visible = existing && inRegionScope(ctx.actor, existing.villageCode);
      throw new AppError("HOUSEHOLD_DUPLICATE", "该户编号已登记", { field: "householdNo", ...(visible ? { details: { existingId: existing.id } } : {}) });
    }
    return row.id;
  });
  return (await findHouseholdWithStats(ctx.db, id))!;
}

/**
 * For the ledger import: finds the household by 户编号 and applies the given fields, or creates
 * it (village and head name then required). Runs in the caller's transaction.
 */
export async function upsertHousehold(ctx: RegistryCtx, tx: Executor, f: HouseholdFields): Promise<{ household: Household; outcome: "created" | "updated" | "unchanged" }> {
  const values = await resolveHousehold(ctx, tx, f);
  const existing = await lockHouseholdByNo(tx, values.householdNo!);
  const now = ctx.now();
  if (!existing) {
    if (!values.villageCode) throw new AppError("VALIDATION_FAILED", "新登记的户须填写所在村代码", { field: "villageCode" });
    if (!values.headName) throw new AppError("VALIDATION_FAILED", "新登记的户须填写户主姓名", { field: "headName" });
    const row = await insertHousehold(tx, { ...values, createdAt: now, updatedAt: now } as NewHousehold);
    if (!row) throw new AppError("HOUSEHOLD_DUPLICATE", "该户编号正在被同时登记，请重试", { field: "householdNo" });
    return { household: row, outcome: "created" };
  }
  if (!inRegionScope(ctx.actor, existing.villageCode)) throw new AppError("HOUSEHOLD_DUPLICATE", "该户编号已在其他地区登记", { field: "householdNo" });
  // Members live in their household's village; moving a household is not a ledger side effect.
  if (values.villageCode !== undefined && values.villageCode !== existing.villageCode) {
    throw new AppError("VALIDATION_FAILED", "该户编号已登记在另一个村，请核对户编号或所在村", { field: "villageCode", details: { reason: "household_village_mismatch" } });
  }
  const changes = Object.fromEntries(Object.entries(values).filter(([k, v]) => existing[k as keyof Household] !== v)) as Partial<NewHousehold>;
  if (Object.keys(changes).length === 0) return { household: existing, outcome: "unchanged" };
  const row = await updateHousehold(tx, existing.id, { ...changes, updatedAt: now });
  if (changes.keyAssistance !== undefined) await propagateToMembers(tx, row, now);
  return { household: row, outcome: "updated" };
}

export async function getHousehold(ctx: Ctx, id: string): Promise<{ household: HouseholdRow; members: LabourerRow[] }> {
  assertRole(ctx.actor, STAFF_ROLES);
  const household = await findHouseholdWithStats(ctx.db, id);
  if (!household || !inRegionScope(ctx.actor, household.villageCode)) throw notFound();
  const members = await listLabourerRows(ctx.db, { scope: sql`true`, householdId: id, limit: MAX_MEMBERS });
  return { household, members: members.reverse() };
}

export async function listHouseholds(ctx: Ctx, input: HouseholdListInput): Promise<{ items: HouseholdRow[]; nextCursor: string | null }> {
  assertRole(ctx.actor, STAFF_ROLES);
  const regionPrefix = input.region === undefined ? undefined : canonicalRegionCode(input.region);
  if (input.region !== undefined && !regionPrefix) throw new AppError("VALIDATION_FAILED", "请填写正确的行政区划代码", { field: "region" });
  if (input.cursor !== undefined && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(input.cursor)) {
    throw new AppError("VALIDATION_FAILED", "分页游标无效，请从第一页重新查询", { field: "cursor" });
  }
  const rows = await listRows(ctx.db, {
    scope: regionScopeSql(ctx.actor, households.villageCode), regionPrefix,
    zeroEmployment: input.zeroEmployment, keyAssistance: input.keyAssistance, resettled: input.resettled, q: input.q,
    after: input.cursor, limit: input.limit + 1,
  });
  const items = rows.slice(0, input.limit);
  return { items, nextCursor: rows.length > input.limit ? items[items.length - 1]!.id : null };
}
