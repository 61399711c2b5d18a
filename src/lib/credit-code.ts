import { toHalfWidth } from "./phone";
import { PROVINCE_CODES } from "./provinces";

/**
 * GB 32100-2015 unified social credit code (统一社会信用代码), 18 characters:
 *   1     registration authority (登记管理部门)      e.g. 9 market regulation
 *   2     organisation type within that authority   e.g. 1 enterprise, 2 个体工商户, 3 农民专业合作社
 *   3–8   region code of the registering office (GB/T 2260, 100000 for national bodies)
 *   9–17  organisation code (GB 11714): 8 characters and its own check character
 *   18    check character: 31 − (Σ value·3^(i−1) mod 31) mod 31 over the first 17, i from 1
 * The alphabet leaves out I, O, Z, S and V so that they cannot be misread.
 */
const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = Array.from({ length: 17 }, (_, i) => 3 ** i % 31);
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/**
 * Authority → allowed type characters, from GB 32100-2015 Table 1 and later assignments
 * (N 农业 for rural collective economic organisations). `5` also accepts `4`: villagers' and
 * residents' committees (基层群众性自治组织) coded by civil affairs since 2018 — our reading
 * of practice, not of the 2015 table.
 */
const TYPES: Record<string, string> = {
  "1": "1239", // 机构编制: 机关, 事业单位, 编办管理的群众团体, 其他
  "2": "19", // 外交
  "3": "123459", // 司法行政
  "4": "19", // 文化
  "5": "12349", // 民政: 社会团体, 民办非企业单位, 基金会, 基层群众性自治组织, 其他
  "6": "129", // 旅游
  "7": "129", // 宗教
  "8": "19", // 工会
  "9": "123", // 工商/市场监管: 企业, 个体工商户, 农民专业合作社
  A: "19", // 中央军委改革和编制办公室
  N: "1239", // 农业: 组级, 村级, 乡镇级集体经济组织, 其他
  Y: "1", // 其他
};

// GB/T 2260 province-level prefixes, and 10 for bodies registered nationally (100000).
const PROVINCES = new Set(["10", ...PROVINCE_CODES]);

export type CreditCodeFault =
  | "EMPTY"
  | "LENGTH"
  | "CHARSET"
  | "AUTHORITY"
  | "TYPE"
  | "REGION"
  | "ORG_CHECK"
  | "CHECK";

export type CreditCodeResult =
  | { ok: true; code: string; authority: string; type: string; regionCode: string; orgCode: string }
  | { ok: false; fault: CreditCodeFault; message: string };

/** Trims, drops spaces and dashes people type between groups, full-width to half-width, upper case. */
export function normalizeCreditCode(input: string): string {
  return toHalfWidth(input)
    .replace(/[\s\-－]/g, "")
    .toUpperCase();
}

/** The GB 32100 check character for the first 17 characters (which must be in the alphabet). */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]!) * WEIGHTS[i]!;
  return ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** The GB 11714 check character of an 8-character organisation code body: 0–9 or X. */
export function orgCodeCheckChar(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = body8[i]!;
    const value = ch >= "0" && ch <= "9" ? Number(ch) : ch.charCodeAt(0) - 55; // A=10 … Z=35
    sum += value * ORG_WEIGHTS[i]!;
  }
  const c = 11 - (sum % 11);
  return c === 10 ? "X" : c === 11 ? "0" : String(c);
}

/**
 * Completes a 16-character prefix (authority, type, region, organisation body) with both check
 * characters: demo data and tests generate valid codes with it.
 */
export function completeCreditCode(prefix16: string): string {
  const withOrg = prefix16 + orgCodeCheckChar(prefix16.slice(8, 16));
  return withOrg + creditCodeCheckChar(withOrg);
}

const fail = (fault: CreditCodeFault, message: string): CreditCodeResult => ({
  ok: false,
  fault,
  message,
});

export function validateCreditCode(input: string): CreditCodeResult {
  const code = normalizeCreditCode(input);
  if (code.length === 0) return fail("EMPTY", "请填写统一社会信用代码");
  if (code.length !== 18)
    return fail("LENGTH", `统一社会信用代码应为 18 位，当前为 ${code.length} 位`);
  for (let i = 0; i < 18; i++) {
    if (!ALPHABET.includes(code[i]!)) {
      return fail(
        "CHARSET",
        `统一社会信用代码第 ${i + 1} 位“${code[i]}”不是有效字符（只用数字和大写字母，不含 I、O、Z、S、V）`,
      );
    }
  }
  const authority = code[0]!;
  const type = code[1]!;
  const allowed = TYPES[authority];
  if (!allowed)
    return fail("AUTHORITY", `统一社会信用代码第 1 位登记管理部门代码“${authority}”不存在`);
  if (!allowed.includes(type))
    return fail(
      "TYPE",
      `统一社会信用代码第 2 位机构类别代码“${type}”与登记管理部门代码“${authority}”不对应`,
    );
  const regionCode = code.slice(2, 8);
  if (!/^\d{6}$/.test(regionCode) || !PROVINCES.has(regionCode.slice(0, 2))) {
    return fail("REGION", "统一社会信用代码第 3-8 位应为登记机关的 6 位行政区划代码");
  }
  const orgCode = code.slice(8, 17);
  if (
    !/^[0-9A-Z]{8}[0-9X]$/.test(orgCode) ||
    orgCodeCheckChar(orgCode.slice(0, 8)) !== orgCode[8]
  ) {
    return fail("ORG_CHECK", "统一社会信用代码第 9-17 位组织机构代码的校验位不正确，请核对");
  }
  if (creditCodeCheckChar(code) !== code[17]) {
    return fail("CHECK", "统一社会信用代码第 18 位校验码不正确，请逐位核对营业执照上的代码");
  }
  return { ok: true, code, authority, type, regionCode, orgCode };
}
