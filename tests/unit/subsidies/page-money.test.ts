import { readFileSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { PAGE_LABELS } from "../../../src/lib/enums";
import { fenToYuan } from "../../../src/lib/money";
import { CLAIM_STATUS_TEXT } from "../../../src/modules/subsidies/rules";

/**
 * The bureau's subsidy pages write 分 as 元 and read typed 元 into 分 in the browser; this runs
 * bureau-subsidy-core.js in a bare context and holds its two functions to the server's rule.
 */
const STATIC = path.resolve(import.meta.dirname, "../../../src/web/static");
function pageMoney() {
  const window: Record<string, any> = {
    GT: { el: () => ({}), addLabels: () => {}, api: () => Promise.resolve({}) },
    GTB: {},
    GT_LABELS: PAGE_LABELS,
  };
  const context = vm.createContext({ window });
  // money.js first, as the bureau page loads it: it sets window.GTMoney.
  vm.runInContext(readFileSync(path.join(STATIC, "money.js"), "utf8"), context);
  context.GTMoney = window.GTMoney;
  vm.runInContext(readFileSync(path.join(STATIC, "bureau-subsidy-core.js"), "utf8"), context);
  return window.GTB.subsidy as { yuan(f: number | null): string; fenOf(t: string): number | null };
}

describe("money on the bureau's subsidy pages", () => {
  const S = pageMoney();

  it("writes 分 as the server's 元 text, digits moved, never divided", () => {
    for (const fen of [0, 1, 7, 10, 99, 100, 28_650, 60_000, 65_010, 10_000_000, 123_456_789])
      expect(S.yuan(fen)).toBe(fenToYuan(fen));
    expect(S.yuan(null)).toBe("—");
  });

  it("reads typed 元 into integer 分 exactly, and refuses what is not an amount", () => {
    expect(S.fenOf("600")).toBe(60_000);
    expect(S.fenOf("650.1")).toBe(65_010);
    expect(S.fenOf("0.07")).toBe(7);
    expect(S.fenOf("0.29")).toBe(29); // 0.29 * 100 is 28.999… in floating point
    expect(S.fenOf("1,000.00 元")).toBe(100_000);
    expect(S.fenOf(" 286.5 ")).toBe(28_650);
    expect(S.fenOf("100.")).toBe(10_000);
    for (const bad of ["", "六百", "-5", "1.005", "1e3", "0x10", "1234567"])
      expect(S.fenOf(bad), bad).toBeNull();
  });

  it("reads back what it writes, for every 分 up to 10 元", () => {
    for (let fen = 0; fen <= 1_000; fen++) expect(S.fenOf(S.yuan(fen))).toBe(fen);
  });

  it("the review page's state filter offers every state the API has", () => {
    const markup = readFileSync(
      path.resolve(import.meta.dirname, "../../../src/web/bureau-subsidy-markup.ts"),
      "utf8",
    );
    const start = markup.indexOf('id="sr-status"');
    const select = markup.slice(start, markup.indexOf("</select>", start));
    const values = [...select.matchAll(/value="(\w*)"/g)].map((m) => m[1]).filter(Boolean);
    expect(values.sort()).toEqual(Object.keys(CLAIM_STATUS_TEXT).sort());
  });
});
