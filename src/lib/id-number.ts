import { ageOn, chinaDate } from "./china-time";
import { toHalfWidth } from "./phone";
import { PROVINCE_CODES } from "./provinces";

/**
 * Resident identity numbers (GB 11643-1999), pure: no database, no clock of its own.
 *
 * 18 characters: 6-digit address code (GB/T 2260 county where the card was first issued),
 * 8-digit birth date, 3-digit sequence (odd = male), ISO 7064 MOD 11-2 check character.
 * First-generation 15-digit numbers (issued 1984–1999, birth year without "19", no check
 * character) are upgraded to 18 digits, so both spellings of one person hash the same.
 * The rules chosen here are written down in docs/REGISTRY.md.
 */

export type IdNumberProblem =
  | "empty"
  | "length"
  | "characters"
  | "checksum"
  | "birth_date"
  | "birth_future"
  | "province";

export type WorkingAgeProblem = "too_young" | "too_old";

export const ID_PROBLEM_MESSAGES: Record<IdNumberProblem, string> = {
  empty: "请填写身份证号码",
  length: "身份证号码应为 18 位（旧版为 15 位）",
  characters: "身份证号码只能由数字组成，最后一位可以是 X",
  checksum: "身份证号码校验位不正确，请逐位核对",
  birth_date: "身份证号码中的出生日期不存在",
  birth_future: "身份证号码中的出生日期晚于今天",
  province: "身份证号码前两位不是有效的省级行政区划代码",
};

export interface ParsedIdNumber {
  /** The canonical 18-character form: what is hashed, encrypted and masked. */
  value: string;
  /** YYYY-MM-DD */
  birthDate: string;
  sex: "male" | "female";
  /** First two digits, e.g. 45 (广西). */
  provinceCode: string;
  /** First six digits: the county where the card was first issued. */
  countyCode: string;
  upgradedFrom15: boolean;
}

export type IdNumberResult =
  | { ok: true; id: ParsedIdNumber }
  | { ok: false; problem: IdNumberProblem; message: string };

/**
 * GB/T 2260 provinces, plus 81/82/83: residence permits for Hong Kong, Macao and Taiwan
 * residents use the same number format with 810000/820000/830000.
 */
const PROVINCES = new Set([...PROVINCE_CODES, "83"]);

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = "10X98765432";

export function isProvinceCode(code: string): boolean {
  return PROVINCES.has(code);
}

/** Trim, full-width to ASCII, drop inner whitespace, lowercase x to X. */
export function normalizeIdNumber(input: string): string {
  return toHalfWidth(input)
    .replace(/[\s\u00a0]/g, "")
    .toUpperCase();
}

/** ISO 7064 MOD 11-2 check character for the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/**
 * 15 → 18 digits: every 15-digit card was issued to someone born in the 1900s (the 18-digit
 * number replaced it from 1999), so the century is always 19.
 */
export function upgradeIdNumber15(id15: string): string {
  const first17 = `${id15.slice(0, 6)}19${id15.slice(6, 15)}`;
  return first17 + idCheckChar(first17);
}

function isRealDate(yyyymmdd: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (y < 1900 || m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

/**
 * Normalises and checks format, check character, birth date and province. It does not look
 * up the county (that needs the regions table) nor the working age (a registry rule, not a
 * property of the number): see countyFlag() and checkWorkingAge().
 */
export function parseIdNumber(input: string, opts: { now: Date }): IdNumberResult {
  const fail = (problem: IdNumberProblem): IdNumberResult => ({
    ok: false,
    problem,
    message: ID_PROBLEM_MESSAGES[problem],
  });
  const s = normalizeIdNumber(input);
  if (s === "") return fail("empty");
  if (!/^[0-9X]+$/.test(s)) return fail("characters");
  if (s.length !== 18 && s.length !== 15) return fail("length");
  if (s.length === 15 ? !/^\d{15}$/.test(s) : !/^\d{17}[\dX]$/.test(s)) return fail("characters");
  const upgradedFrom15 = s.length === 15;
  const value = upgradedFrom15 ? upgradeIdNumber15(s) : s;
  if (!upgradedFrom15 && idCheckChar(s.slice(0, 17)) !== s[17]) return fail("checksum");
  const born = value.slice(6, 14);
  if (!isRealDate(born)) return fail("birth_date");
  const birthDate = `${born.slice(0, 4)}-${born.slice(4, 6)}-${born.slice(6, 8)}`;
  if (birthDate > chinaDate(opts.now)) return fail("birth_future");
  const provinceCode = value.slice(0, 2);
  if (!isProvinceCode(provinceCode)) return fail("province");
  return {
    ok: true,
    id: {
      value,
      birthDate,
      provinceCode,
      countyCode: value.slice(0, 6),
      upgradedFrom15,
      sex: Number(value[16]) % 2 === 1 ? "male" : "female",
    },
  };
}

/** Inclusive bounds: with 16..65, a person is of working age from the 16th birthday until the day before the 66th. */
export function checkWorkingAge(
  birthDate: string,
  opts: { now: Date; min: number; max: number },
):
  | { ok: true; age: number }
  | { ok: false; problem: WorkingAgeProblem; age: number; message: string } {
  const age = ageOn(birthDate, opts.now);
  if (age < opts.min)
    return {
      ok: false,
      problem: "too_young",
      age,
      message: `未满 ${opts.min} 周岁，不在劳动年龄内，不能登记为劳动力`,
    };
  if (age > opts.max)
    return {
      ok: false,
      problem: "too_old",
      age,
      message: `已超过 ${opts.max} 周岁，不在劳动年龄内，不能登记为劳动力`,
    };
  return { ok: true, age };
}

/**
 * Abolished and renamed counties still appear on valid cards (e.g. 452xxx codes of the former
 * 桂林地区), so an unknown county is flagged for review, never rejected: the province was
 * already checked by parseIdNumber. Only provinces whose counties are in the reference data can
 * be checked (`provinceLoaded`); a card from elsewhere is accepted as it is.
 */
export function countyFlag(known: {
  countyExists: boolean;
  provinceLoaded: boolean;
}): "region_not_current" | undefined {
  return known.provinceLoaded && !known.countyExists ? "region_not_current" : undefined;
}
