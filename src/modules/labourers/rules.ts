import { AppError, type ErrorCode } from "../../lib/errors";
import { checkWorkingAge, type ParsedIdNumber, parseIdNumber } from "../../lib/id-number";
import { normalizePhone, toHalfWidth } from "../../lib/phone";
import { canonicalRegionCode, GUANGDONG } from "../regions/codes";

/**
 * Pure registry rules: no database, no clock of their own. The API service and the ledger
 * import both run every field through these, so a row is judged the same way whichever door
 * it came in by. A failure is a `Rejection`; `toAppError` turns it into the HTTP error.
 */

export interface Rejection {
  ok: false;
  code: ErrorCode;
  field: string;
  /** Stable machine reason, e.g. `checksum`, `too_old`, `phone`; also in the HTTP error's details. */
  reason: string;
  message: string;
}

export type Checked<T> = { ok: true; value: T } | Rejection;

export const reject = (
  code: ErrorCode,
  field: string,
  reason: string,
  message: string,
): Rejection => ({
  ok: false,
  code,
  field,
  reason,
  message,
});

export function toAppError(r: Rejection): AppError {
  return new AppError(r.code, r.message, { field: r.field, details: { reason: r.reason } });
}

export function orThrow<T>(c: Checked<T>): T {
  if (!c.ok) throw toAppError(c);
  return c.value;
}

export interface AgeRule {
  now: Date;
  min: number;
  max: number;
}

/** A resident ID number fit for the registry: valid, and of a person of working age today. */
export function checkIdNumber(
  raw: string,
  rule: AgeRule,
  field = "idNumber",
): Checked<ParsedIdNumber> {
  const parsed = parseIdNumber(raw, { now: rule.now });
  if (!parsed.ok) return reject("ID_NUMBER_INVALID", field, parsed.problem, parsed.message);
  const age = checkWorkingAge(parsed.id.birthDate, rule);
  if (!age.ok) return reject("LABOURER_AGE_OUT_OF_RANGE", field, age.problem, age.message);
  return { ok: true, value: parsed.id };
}

export function checkPhone(raw: string, field = "phone"): Checked<string> {
  const phone = normalizePhone(raw);
  if (!phone) return reject("VALIDATION_FAILED", field, "phone", "请填写正确的 11 位手机号码");
  return { ok: true, value: phone };
}

/** Names as written on the card: Han characters or letters, with the middle dot of minority names. */
export function checkName(raw: string, field = "name"): Checked<string> {
  const name = toHalfWidth(raw)
    .trim()
    .replace(/\s+/g, " ")
    .replace(/[•・．]/g, "·");
  if (name.length < 2 || name.length > 30)
    return reject("VALIDATION_FAILED", field, "name", "姓名应为 2 至 30 个字");
  if (!/^[\p{L}·. ]+$/u.test(name))
    return reject("VALIDATION_FAILED", field, "name", "姓名只能包含汉字、字母和间隔号“·”");
  return { ok: true, value: name };
}

/** Home village: a 12-digit village code (padded forms accepted and canonicalised). */
export function checkVillageCode(raw: string, field = "villageCode"): Checked<string> {
  const code = canonicalRegionCode(raw);
  if (!code || code.length !== 12)
    return reject(
      "VALIDATION_FAILED",
      field,
      "village_code",
      "请填写村（社区）级的 12 位行政区划代码",
    );
  return { ok: true, value: code };
}

/** Guangdong prefecture cities, short form (440300 → 4403 深圳). */
export function checkGuangdongCities(
  raw: string[],
  field = "preferredCityCodes",
): Checked<string[]> {
  const out: string[] = [];
  for (const [i, r] of raw.entries()) {
    const code = canonicalRegionCode(r);
    if (!code || code.length !== 4 || !code.startsWith(GUANGDONG)) {
      return reject(
        "VALIDATION_FAILED",
        `${field}.${i}`,
        "city_code",
        "意向城市须为广东省地级市代码，如 4403（深圳市）",
      );
    }
    if (!out.includes(code)) out.push(code);
  }
  return { ok: true, value: out };
}

/** Trimmed, de-duplicated free-text tags (skills, occupations), order kept. */
export function cleanTags(raw: string[]): string[] {
  const out: string[] = [];
  for (const r of raw) {
    const t = toHalfWidth(r).trim().replace(/\s+/g, " ");
    if (t && !out.includes(t)) out.push(t);
  }
  return out;
}

/** Optional free text: blank becomes null. */
export function cleanText(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const t = raw.trim();
  return t === "" ? null : t;
}

/** 重点帮扶: annual per-capita household income below 10,000 CNY (DOMAIN.md, [002 §26]). */
export const KEY_ASSISTANCE_INCOME_FEN = 1_000_000;

/**
 * The key-assistance flag of a household: given explicitly, derived from the income, or both,
 * in which case they must agree (a ledger that says both ways is a ledger to fix).
 */
export function checkKeyAssistance(
  flag: boolean | undefined,
  incomePerCapitaFen: number | null | undefined,
): Checked<boolean | undefined> {
  const derived =
    incomePerCapitaFen === null || incomePerCapitaFen === undefined
      ? undefined
      : incomePerCapitaFen < KEY_ASSISTANCE_INCOME_FEN;
  if (flag !== undefined && derived !== undefined && flag !== derived) {
    return reject(
      "VALIDATION_FAILED",
      "keyAssistance",
      "key_assistance_mismatch",
      derived
        ? "人均纯收入低于 1 万元的户应为重点帮扶户"
        : "人均纯收入不低于 1 万元的户不属于重点帮扶户",
    );
  }
  return { ok: true, value: flag ?? derived };
}

/** Employment dates cannot lie in the future nor before the person was born. */
export function checkEmploymentSince(
  date: string,
  birthDate: string,
  today: string,
  field = "employmentSince",
): Checked<string> {
  if (date > today)
    return reject("VALIDATION_FAILED", field, "future_date", "开始日期不能晚于今天");
  if (date < birthDate)
    return reject("VALIDATION_FAILED", field, "before_birth", "开始日期不能早于出生日期");
  return { ok: true, value: date };
}
