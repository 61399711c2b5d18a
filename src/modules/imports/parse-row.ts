import type { labourers } from "../../../db/schema/labourers";
import { chinaDate } from "../../lib/china-time";
import { maskIdNumber } from "../../lib/crypto";
import { type ParsedIdNumber, parseIdNumber } from "../../lib/id-number";
import { toHalfWidth } from "../../lib/phone";
import { checkHouseholdNo } from "../households/service";
import {
  type AgeRule,
  checkEmploymentSince,
  checkName,
  checkPhone,
  cleanTags,
  cleanText,
} from "../labourers/rules";
import {
  EMPLOYMENT_STATUSES,
  LABOUR_CAPACITIES,
  PERSON_TYPES,
  parseLabel,
  parseMonthlyWageFen,
  parseYesNo,
  WORK_INTENTIONS,
} from "./labels";
import { type Cell, cellDate, cellText, isScientificIdNumber } from "./read/cells";
import type { LedgerField } from "./read/header";
import type { LedgerRow } from "./read/ledger";

type Labourer = typeof labourers.$inferSelect;

/**
 * One ledger row checked on its own, before any database lookup. Every field is `undefined`
 * when the file has no such column or the cell is blank: an import never erases a stored value.
 */
export interface RowInput {
  id: ParsedIdNumber;
  name?: string;
  phone?: string;
  householdNo?: string;
  headName?: string;
  relationToHead?: string;
  personType?: Labourer["personType"];
  labourCapacity?: Labourer["labourCapacity"];
  workIntention?: Labourer["workIntention"];
  skills?: string[];
  expectedWageFen?: number;
  employmentStatus?: Labourer["employmentStatus"];
  /** YYYY-MM-DD: the day the current status began. */
  employmentSince?: string;
  villageText?: string;
  townshipText?: string;
  /** null: the row says the household was not relocated. */
  resettlementSiteName?: string | null;
  /** Accepted with a remark (shown in the result file). */
  notes: string[];
}

export type RowCheck =
  | { ok: true; input: RowInput }
  /** `id` is kept when the number itself was fine, so a later copy of it is still a duplicate. */
  | { ok: false; field: LedgerField; reason: string; id?: ParsedIdNumber; name?: string };

class RowRejected extends Error {
  constructor(
    readonly field: LedgerField,
    readonly reason: string,
  ) {
    super(reason);
  }
}

const fail = (field: LedgerField, reason: string): never => {
  throw new RowRejected(field, reason);
};

function text(row: LedgerRow, field: LedgerField): string | undefined {
  const v = row.cells[field];
  if (v === undefined) return undefined;
  const t = cellText(v);
  return t === "" ? undefined : t;
}

function idOf(cell: Cell | undefined, rule: AgeRule): ParsedIdNumber {
  if (cell === undefined || cellText(cell) === "") return fail("idNumber", "缺少身份证号");
  if (isScientificIdNumber(cell)) {
    return fail(
      "idNumber",
      "身份证号被 Excel 转为科学计数法，后几位已丢失：请把该列设为“文本”格式后重新录入身份证号",
    );
  }
  // The working age is a rule for new records only (labourers/changes): checked when planning.
  const parsed = parseIdNumber(cellText(cell), { now: rule.now });
  return parsed.ok ? parsed.id : fail("idNumber", parsed.message);
}

/** Several numbers in one cell (13812345678/13912345678) are common: the first mobile is kept. */
function phoneOf(raw: string, notes: string[]): string {
  const parts = toHalfWidth(raw)
    .split(/[/,，;；、|\\]|\s{2,}/)
    .map((p) => p.trim())
    .filter(Boolean);
  for (const part of parts) {
    const checked = checkPhone(part);
    if (checked.ok) {
      if (parts.length > 1) notes.push("联系电话有多个，已取第一个手机号");
      return checked.value;
    }
  }
  const whole = checkPhone(raw);
  return whole.ok ? whole.value : fail("phone", `联系电话“${raw.slice(0, 20)}”不是有效的手机号码`);
}

function label<T>(
  row: LedgerRow,
  field: LedgerField,
  vocab: Parameters<typeof parseLabel<T>>[0],
  what: string,
): T | undefined {
  const raw = text(row, field);
  if (raw === undefined) return undefined;
  const parsed = parseLabel(vocab, raw, what);
  return parsed.ok ? parsed.value : fail(field, parsed.message);
}

function householdNoOf(row: LedgerRow): string | undefined {
  const cell = row.cells.householdNo;
  if (cell === undefined || cellText(cell) === "") return undefined;
  if (isScientificIdNumber(cell))
    return fail(
      "householdNo",
      "户编号被 Excel 转为科学计数法，后几位已丢失：请把该列设为“文本”格式后重新录入",
    );
  const checked = checkHouseholdNo(cellText(cell));
  return checked.ok ? checked.value : fail("householdNo", checked.message);
}

function resettlementOf(row: LedgerRow, notes: string[]): string | null | undefined {
  const site = text(row, "resettlementSite");
  const flagText = text(row, "resettled");
  const flag = flagText === undefined ? undefined : parseYesNo(flagText);
  // A 是否易地搬迁 column holding a site name instead of 是/否 is read as the site.
  const siteName = site ?? (flagText !== undefined && flag === undefined ? flagText : undefined);
  if (flag === false && siteName)
    return fail("resettlementSite", "“是否易地搬迁”为“否”，却填写了安置点，请核对");
  if (siteName) return cleanText(siteName);
  if (flag === false) return null;
  if (flag === true) notes.push("标注为易地搬迁，但未填写安置点");
  return undefined;
}

/** A date cell (Excel serial, date, or text as typed), checked by the registry's rule. */
function sinceOf(row: LedgerRow, id: ParsedIdNumber, rule: AgeRule): string | undefined {
  const cell = row.cells.employmentSince;
  if (cell === undefined || cellText(cell) === "") return undefined;
  const date = cellDate(cell);
  if (!date)
    return fail(
      "employmentSince",
      `务工时间“${cellText(cell).slice(0, 20)}”不是日期，可填写 2024-03-05 或 2024年3月`,
    );
  const checked = checkEmploymentSince(date, id.birthDate, chinaDate(rule.now));
  return checked.ok ? checked.value : fail("employmentSince", `务工时间：${checked.message}`);
}

function sexCheck(row: LedgerRow, id: ParsedIdNumber): void {
  const raw = text(row, "sex");
  if (raw === undefined) return;
  const sex = /^(男|男性|M)$/i.test(raw)
    ? "male"
    : /^(女|女性|F)$/i.test(raw)
      ? "female"
      : undefined;
  if (!sex) return fail("sex", `性别“${raw.slice(0, 10)}”应为“男”或“女”`);
  if (sex !== id.sex)
    fail("sex", `性别与身份证号不符（身份证号显示为${id.sex === "male" ? "男" : "女"}）`);
}

function fieldsOf(row: LedgerRow, id: ParsedIdNumber, rule: AgeRule): RowInput {
  const notes: string[] = [];
  if (id.upgradedFrom15) notes.push("15 位旧身份证号已升级为 18 位");
  sexCheck(row, id);
  const nameRaw = text(row, "name");
  const name = nameRaw === undefined ? undefined : checkName(nameRaw);
  if (name && !name.ok) fail("name", name.message);
  const headRaw = text(row, "headName");
  const head = headRaw === undefined ? undefined : checkName(headRaw, "headName");
  if (head && !head.ok) fail("headName", `户主姓名：${head.message}`);
  const phoneRaw = text(row, "phone");
  const wageRaw = text(row, "expectedWage");
  const wage = wageRaw === undefined ? undefined : parseMonthlyWageFen(wageRaw);
  if (wage === "invalid")
    fail("expectedWage", `期望月薪“${wageRaw!.slice(0, 20)}”无法识别，请填写金额（元），如 3000`);
  const skillsRaw = text(row, "skills");
  return {
    id,
    notes,
    name: name?.ok ? name.value : undefined,
    phone: phoneRaw === undefined ? undefined : phoneOf(phoneRaw, notes),
    householdNo: householdNoOf(row),
    headName: head?.ok ? head.value : undefined,
    relationToHead: cleanText(text(row, "relationToHead")) ?? undefined,
    personType: label(row, "personType", PERSON_TYPES, "人口类型"),
    labourCapacity: label(row, "labourCapacity", LABOUR_CAPACITIES, "劳动能力"),
    workIntention: label(row, "workIntention", WORK_INTENTIONS, "务工意愿"),
    skills: skillsRaw === undefined ? undefined : cleanTags(skillsRaw.split(/[,，、;；/|\s]+/)),
    expectedWageFen: wage === "invalid" ? undefined : wage,
    employmentStatus: label(row, "employmentStatus", EMPLOYMENT_STATUSES, "就业状态"),
    employmentSince: sinceOf(row, id, rule),
    villageText: text(row, "village"),
    townshipText: text(row, "township"),
    resettlementSiteName: resettlementOf(row, notes),
  };
}

/** Checks one row with the registry's own rules (labourers/rules, households/service). */
export function checkLedgerRow(row: LedgerRow, rule: AgeRule): RowCheck {
  let id: ParsedIdNumber | undefined;
  try {
    id = idOf(row.cells.idNumber, rule);
    return { ok: true, input: fieldsOf(row, id, rule) };
  } catch (err) {
    if (!(err instanceof RowRejected)) throw err;
    const name = text(row, "name");
    return {
      ok: false,
      field: err.field,
      reason: err.reason,
      ...(id ? { id } : {}),
      ...(name ? { name } : {}),
    };
  }
}

export const maskedId = (id: ParsedIdNumber | undefined) => (id ? maskIdNumber(id.value) : "");
