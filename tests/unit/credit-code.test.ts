import { describe, expect, it } from "vitest";
import {
  completeCreditCode,
  creditCodeCheckChar,
  normalizeCreditCode,
  orgCodeCheckChar,
  validateCreditCode,
} from "../../src/lib/credit-code";

/**
 * Real published codes. Sources:
 * - 华为技术有限公司 914403001922038216: the infobox of https://zh.wikipedia.org/zh-hk/華為 (機構代碼).
 * - the rest: python-stdnum, tests/test_cn_uscc.doctest ("These have been found online and should
 *   all be valid numbers"), github.com/arthurdejong/python-stdnum.
 */
const PUBLISHED = [
  { code: "914403001922038216", what: "华为技术有限公司 (企业, 深圳)" },
  { code: "91110000600037341L", what: "企业, 北京" },
  { code: "91110000710926094P", what: "企业, 北京" },
  { code: "121200004013590816", what: "事业单位 (机构编制 1-2), 天津" },
  { code: "9144030071526726XG", what: "企业, 深圳; organisation check X" },
  { code: "9144060573144633XL", what: "企业, 佛山; organisation check X" },
  { code: "91442000696462712R", what: "企业, 中山" },
  { code: "91620105L015101280", what: "企业, 兰州; letter in the organisation code" },
  { code: "91340600MA2PBM9HXD", what: "企业, 淮北; MA-series code issued after 2015" },
  { code: "92340621MA2UK3PJXE", what: "个体工商户 (工商 9-2)" },
  { code: "91310115MA1K3BTP2B", what: "企业, 上海浦东" },
];

describe("validateCreditCode: real published codes", () => {
  it.each(PUBLISHED)("accepts $code ($what)", ({ code }) => {
    const r = validateCreditCode(code);
    expect(r, JSON.stringify(r)).toMatchObject({ ok: true, code });
  });

  it("splits a code into its parts", () => {
    expect(validateCreditCode("914403001922038216")).toEqual({
      ok: true,
      code: "914403001922038216",
      authority: "9",
      type: "1",
      regionCode: "440300",
      orgCode: "192203821",
    });
  });

  it("reproduces the worked example of GB 32100-2015 (91350100M000100Y4 → check 3)", () => {
    expect(creditCodeCheckChar("91350100M000100Y4")).toBe("3");
    expect(validateCreditCode("91350100M000100Y43").ok).toBe(true);
  });
});

describe("normalizeCreditCode", () => {
  it.each([
    { input: " 914403001922038216 ", want: "914403001922038216" },
    { input: "９１４４０３００１９２２０３８２１６", want: "914403001922038216" },
    { input: "91340600ma2pbm9hxd", want: "91340600MA2PBM9HXD" },
    { input: "9144 0300 1922 0382 16", want: "914403001922038216" },
    { input: "91-440300-192203821-6", want: "914403001922038216" },
    { input: "\u3000９１３４０６００ｍａ２ｐｂｍ９ｈｘｄ", want: "91340600MA2PBM9HXD" },
  ])("$input → $want", ({ input, want }) => {
    expect(normalizeCreditCode(input)).toBe(want);
    expect(validateCreditCode(input).ok).toBe(true);
  });
});

/** Replaces one position (1-based) and recomputes the later check characters where asked. */
function craft(
  base: string,
  pos: number,
  ch: string,
  recheck: "org+final" | "final" | "none",
): string {
  const s = base.slice(0, pos - 1) + ch + base.slice(pos);
  if (recheck === "org+final") return completeCreditCode(s.slice(0, 16));
  if (recheck === "final") return s.slice(0, 17) + creditCodeCheckChar(s.slice(0, 17));
  return s;
}

describe("validateCreditCode: faults, each with a Chinese message", () => {
  const HUAWEI = "914403001922038216";
  it.each([
    { input: "", fault: "EMPTY" },
    { input: "   ", fault: "EMPTY" },
    { input: "91440300192203821", fault: "LENGTH" },
    { input: "9144030019220382161", fault: "LENGTH" },
    { input: "9111000060003IOZSV", fault: "CHARSET" },
    { input: "91440300192203821.", fault: "CHARSET" },
    { input: craft(HUAWEI, 1, "B", "org+final"), fault: "AUTHORITY" },
    { input: craft(HUAWEI, 1, "0", "org+final"), fault: "AUTHORITY" },
    { input: craft(HUAWEI, 2, "4", "org+final"), fault: "TYPE" },
    { input: craft(HUAWEI, 2, "A", "org+final"), fault: "TYPE" },
    { input: craft(HUAWEI, 3, "9", "org+final"), fault: "REGION" },
    { input: craft(HUAWEI, 5, "A", "org+final"), fault: "REGION" },
    { input: craft(HUAWEI, 17, "7", "final"), fault: "ORG_CHECK" },
    { input: craft(HUAWEI, 12, "3", "final"), fault: "ORG_CHECK" },
    { input: "91110000600037341N", fault: "CHECK" },
    { input: "91350100M000100Y4Z", fault: "CHARSET" }, // the standard's own bad example: Z is not in the alphabet
    { input: "91350100M000100Y44", fault: "CHECK" },
    { input: craft(HUAWEI, 18, "7", "none"), fault: "CHECK" },
  ])("$input → $fault", ({ input, fault }) => {
    const r = validateCreditCode(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.fault).toBe(fault);
    expect(r.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it("names the offending position for a character outside the alphabet", () => {
    const r = validateCreditCode("9111000060003IOZSV");
    expect(r.ok || r.message).toContain("第 14 位");
  });

  it("catches every single-character substitution in a real code", () => {
    const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    for (let pos = 1; pos <= 18; pos++) {
      for (const ch of alphabet) {
        if (ch === PUBLISHED[0]!.code[pos - 1]) continue;
        const r = validateCreditCode(craft(PUBLISHED[0]!.code, pos, ch, "none"));
        expect(r.ok, `position ${pos} → ${ch}`).toBe(false);
      }
    }
  });
});

describe("check characters", () => {
  it("computes the GB 11714 organisation check, X for 10 and 0 for 11", () => {
    expect(orgCodeCheckChar("19220382")).toBe("1");
    expect(orgCodeCheckChar("71526726")).toBe("X");
    expect(orgCodeCheckChar("L0151012")).toBe("8");
  });

  it("completes a 16-character prefix into a valid code", () => {
    const code = completeCreditCode("93450332MA5K7Q2P");
    expect(code).toHaveLength(18);
    expect(validateCreditCode(code)).toMatchObject({ ok: true, type: "3", regionCode: "450332" });
  });
});
