import { describe, expect, it } from "vitest";
import { type RegionRef, VillageIndex } from "../../../src/modules/imports/villages";

// 全州县 as in the GB/T 2260 data: 白竹村委会 exists in two townships; 莲花 names a village and a residents' committee.
const REGIONS: RegionRef[] = [
  { code: "450324", name: "全州县", shortName: "全州", parentCode: "4503" },
  { code: "450324109", name: "咸水镇", shortName: "咸水", parentCode: "450324" },
  { code: "450324208", name: "东山瑶族乡", shortName: "东山", parentCode: "450324" },
  { code: "450324110", name: "凤凰镇", shortName: "凤凰", parentCode: "450324" },
  { code: "450324109200", name: "白竹村委会", shortName: "白竹", parentCode: "450324109" },
  { code: "450324208212", name: "白竹村委会", shortName: "白竹", parentCode: "450324208" },
  { code: "450324110210", name: "大坪村委会", shortName: "大坪", parentCode: "450324110" },
  { code: "450324110001", name: "凤凰社区居委会", shortName: "凤凰", parentCode: "450324110" },
  { code: "450324110201", name: "凤凰村委会", shortName: "凤凰", parentCode: "450324110" },
  { code: "450332100200", name: "洲塘村委会", shortName: "洲塘", parentCode: "450332100" },
];
const index = new VillageIndex("450324", "全州县", REGIONS);
const code = (village: string, township?: string) => {
  const r = index.resolve(village, township);
  return r.ok ? r.code : r.message;
};

describe("village names within the county", () => {
  it("accepts the name as ledgers write it", () => {
    expect(code("大坪村委会")).toBe("450324110210");
    expect(code("大坪村")).toBe("450324110210");
    expect(code("大坪")).toBe("450324110210");
    expect(code(" 大坪村 ")).toBe("450324110210");
  });

  it("accepts a 12-digit village code, and only inside the county", () => {
    expect(code("450324110210")).toBe("450324110210");
    expect(code("450332100200")).toMatch(/不在本次导入的全州县范围内/);
    expect(code("450324110999")).toMatch(/不存在/);
    expect(code("4503241")).toMatch(/12 位/);
  });

  it("never resolves a name to a village of another county", () => {
    expect(code("洲塘村")).toMatch(/不在全州县的区划中/);
  });

  it("asks for the township when a name is found in two", () => {
    expect(code("白竹村")).toMatch(/有 2 个（咸水镇、东山瑶族乡）.*乡镇/);
    expect(code("白竹村", "东山乡")).toBe("450324208212");
    expect(code("白竹村", "咸水镇")).toBe("450324109200");
  });

  it("reads a township written in front of the village", () => {
    expect(code("东山瑶族乡白竹村")).toBe("450324208212");
    expect(code("咸水镇白竹村委会")).toBe("450324109200");
  });

  it("tells a village committee from a residents' committee of the same name", () => {
    expect(code("凤凰村")).toBe("450324110201");
    expect(code("凤凰社区")).toBe("450324110001");
    expect(code("凤凰")).toMatch(/有 2 个/);
  });
});
