import { describe, expect, it } from "vitest";
import { idCheckChar } from "../../../src/lib/id-number";
import { checkLedgerRow } from "../../../src/modules/imports/parse-row";
import type { LedgerRow } from "../../../src/modules/imports/read/ledger";

const NOW = new Date("2025-06-01T00:00:00Z");
const RULE = { now: NOW, min: 16, max: 65 };
const id = (first17: string) => first17 + idCheckChar(first17);
const MALE = id("45033219900101001"); // 17th digit odd
const row = (cells: LedgerRow["cells"]): LedgerRow => ({
  sheet: "台账",
  rowNumber: 5,
  cells: { idNumber: MALE, ...cells },
});
const reason = (cells: LedgerRow["cells"]) => {
  const r = checkLedgerRow(row(cells), RULE);
  return r.ok ? "ok" : r.reason;
};

describe("one ledger row", () => {
  it("normalises what the registry rules normalise", () => {
    const r = checkLedgerRow(
      row({
        idNumber: ` ${MALE.slice(0, 17)}${MALE[17]!.toLowerCase()} `,
        name: "莫 振华",
        phone: "+86 138-1234-5678",
        householdNo: "h-450332 001",
        personType: "脱贫户",
        labourCapacity: "半劳动力",
        workIntention: "赴粤务工",
        skills: "电焊、家政，电焊",
        expectedWage: "3500元",
        employmentStatus: "区外务工",
        village: "洲塘村",
        resettlementSite: "茶江安置区",
      }),
      RULE,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.input).toMatchObject({
      name: "莫 振华",
      phone: "13812345678",
      householdNo: "H-450332001",
      personType: "tuopin",
      labourCapacity: "half",
      workIntention: "out_province",
      skills: ["电焊", "家政"],
      expectedWageFen: 350_000,
      employmentStatus: "out_province",
      villageText: "洲塘村",
      resettlementSiteName: "茶江安置区",
    });
    expect(r.input.id.value).toBe(MALE);
  });

  it("leaves blank cells alone instead of clearing stored values", () => {
    const r = checkLedgerRow(row({ name: "", phone: null, skills: "  " }), RULE);
    expect(r.ok && [r.input.name, r.input.phone, r.input.skills]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it.each([
    [{ idNumber: null }, /缺少身份证号/],
    [{ idNumber: 450332199001010000 }, /科学计数法/],
    [{ idNumber: "4.50332E+17" }, /科学计数法/],
    [{ idNumber: `${MALE.slice(0, 17)}0` }, /校验位/],
    [{ name: "莫1" }, /姓名只能包含/],
    [{ phone: "0773-1234567" }, /不是有效的手机号码/],
    [{ sex: "女" }, /性别与身份证号不符（身份证号显示为男）/],
    [{ labourCapacity: "还行" }, /劳动能力“还行”无法识别/],
    [{ expectedWage: "很多" }, /期望月薪“很多”无法识别/],
    [{ householdNo: "户#1" }, /户编号只能包含/],
    [{ resettled: "否", resettlementSite: "茶江安置区" }, /“否”.*安置点/],
  ] as [LedgerRow["cells"], RegExp][])("rejects %o", (cells, message) => {
    expect(reason(cells)).toMatch(message);
  });

  it("keeps the ID number of a rejected row, so a later copy is still a duplicate", () => {
    const r = checkLedgerRow(row({ phone: "123" }), RULE);
    expect(!r.ok && r.id?.value).toBe(MALE);
  });

  it("upgrades a 15-digit number and says so", () => {
    const r = checkLedgerRow(row({ idNumber: "450332800101001" }), RULE);
    expect(r.ok && r.input.id.value).toBe(id("45033219800101001"));
    expect(r.ok && r.input.notes).toContain("15 位旧身份证号已升级为 18 位");
  });

  it("takes the first mobile of several in one cell", () => {
    const r = checkLedgerRow(row({ phone: "0773-1234567/13912345678" }), RULE);
    expect(r.ok && r.input.phone).toBe("13912345678");
  });

  it.each([
    [45000, "2023-03-15"],
    ["2024年3月", "2024-03-01"],
    ["2024/3/5", "2024-03-05"],
  ] as const)("reads the 务工时间 %s as %s", (cell, iso) => {
    const r = checkLedgerRow(row({ employmentSince: cell }), RULE);
    expect(r.ok && r.input.employmentSince).toBe(iso);
  });

  it.each([
    ["去年", /不是日期/],
    ["2030-01-01", /不能晚于今天/],
    ["1980-01-01", /不能早于出生日期/],
  ] as const)("rejects the 务工时间 %s", (cell, message) => {
    expect(reason({ employmentSince: cell })).toMatch(message);
  });

  it("reads a 是否易地搬迁 column holding the site name as the site", () => {
    const r = checkLedgerRow(row({ resettled: "茶江安置区" }), RULE);
    expect(r.ok && r.input.resettlementSiteName).toBe("茶江安置区");
    const no = checkLedgerRow(row({ resettled: "否" }), RULE);
    expect(no.ok && no.input.resettlementSiteName).toBeNull();
  });
});
