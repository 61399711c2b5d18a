import { describe, expect, it } from "vitest";
import {
  detectHeader,
  fieldOfHeader,
  mapHeaderRow,
  normalizeHeader,
} from "../../../src/modules/imports/read/header";

const row = (rowNumber: number, ...cells: (string | null)[]) => ({
  rowNumber,
  values: [null, ...cells],
});

describe("header synonyms", () => {
  it.each([
    ["身份证号", "idNumber"],
    ["公民身份号码", "idNumber"],
    ["证件号码", "idNumber"],
    ["身份证号码", "idNumber"],
    ["联系电话", "phone"],
    ["手机号", "phone"],
    ["电话", "phone"],
    ["户编号", "householdNo"],
    ["户号", "householdNo"],
    ["人口类型", "personType"],
    ["脱贫户属性", "personType"],
    ["监测对象类别", "personType"],
    ["劳动能力", "labourCapacity"],
    ["务工意愿", "workIntention"],
    ["就业意愿", "workIntention"],
    ["技能特长", "skills"],
    ["期望月薪", "expectedWage"],
    ["就业状态", "employmentStatus"],
    ["务工状态", "employmentStatus"],
    ["务工时间", "employmentSince"],
    ["所在村", "village"],
    ["村代码", "village"],
    ["行政村", "village"],
    ["是否易地搬迁", "resettled"],
    ["安置点", "resettlementSite"],
    ["与户主关系", "relationToHead"],
  ])("%s → %s", (header, field) => {
    expect(fieldOfHeader(header)).toBe(field);
  });

  it("ignores line breaks, spaces, required markers and full-width brackets", () => {
    expect(normalizeHeader(" *公民身份\n号码： ")).toBe("公民身份号码");
    expect(fieldOfHeader("*公民身份\n号码")).toBe("idNumber");
    expect(fieldOfHeader("期望月薪（元）")).toBe("expectedWage");
    expect(fieldOfHeader("联系电话(手机)")).toBe("phone");
    expect(fieldOfHeader("村（社区）")).toBe("village");
  });

  it("does not guess at headers it does not know", () => {
    expect(fieldOfHeader("序号")).toBeUndefined();
    expect(fieldOfHeader("备注")).toBeUndefined();
    expect(fieldOfHeader("身份证地址")).toBeUndefined();
  });
});

describe("header row detection", () => {
  it("skips title rows and picks the row naming the most fields", () => {
    const found = detectHeader([
      row(1, "恭城县脱贫人口劳动力台账", "恭城县脱贫人口劳动力台账"),
      row(2, "填报单位：恭城镇", null),
      row(3, "序号", "姓名", "公民身份号码", "联系电话", "所在村"),
      row(4, "1", "莫振华", "450332198001010011", "13812345678", "洲塘村"),
    ]);
    expect(found?.rowNumber).toBe(3);
    expect(found?.columns).toEqual({ name: 2, idNumber: 3, phone: 4, village: 5 });
    expect(found?.ignored).toEqual(["序号"]);
  });

  it("needs the ID number column", () => {
    expect(detectHeader([row(1, "姓名", "联系电话", "所在村")])).toBeUndefined();
  });

  it("keeps the first of two columns naming the same field", () => {
    const m = mapHeaderRow(1, [null, "身份证号", "手机号", "电话"]);
    expect(m.columns.phone).toBe(2);
    expect(m.ignored).toEqual(["电话"]);
  });

  it("counts a header merged across columns once", () => {
    const m = mapHeaderRow(1, [null, "身份证号", "联系方式", "联系方式", "姓名"]);
    expect(m.columns).toEqual({ idNumber: 1, phone: 2, name: 4 });
    expect(m.ignored).toEqual([]);
  });
});
