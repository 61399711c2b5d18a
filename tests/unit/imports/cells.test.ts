import { describe, expect, it } from "vitest";
import {
  cellDate,
  cellText,
  fromExcelValue,
  isScientificIdNumber,
} from "../../../src/modules/imports/read/cells";
import { MergeFiller } from "../../../src/modules/imports/read/merges";
import { columnNumber } from "../../../src/modules/imports/read/sheet-scan";

describe("cells", () => {
  it("turns exceljs values into plain cells", () => {
    expect(fromExcelValue({ richText: [{ text: "莫" }, { text: "振华" }] })).toBe("莫振华");
    expect(fromExcelValue({ formula: "A1", result: 3000 })).toBe(3000);
    expect(fromExcelValue({ text: "链接", hyperlink: "http://x" })).toBe("链接");
    expect(fromExcelValue({ error: "#N/A" })).toBeNull();
    expect(fromExcelValue(undefined)).toBeNull();
  });

  it("renders numbers as people see them", () => {
    expect(cellText(13812345678)).toBe("13812345678");
    expect(cellText(450332800101001)).toBe("450332800101001");
    expect(cellText("　莫振华 ")).toBe("莫振华");
    expect(cellText(true)).toBe("是");
  });

  it("drops control characters a broken export leaves in a cell (a NUL would fail the whole import in Postgres)", () => {
    expect(cellText("莫\u0000振华\u0007")).toBe("莫振华");
    expect(cellText("\u0000 450332199003150015\u001f")).toBe("450332199003150015");
    expect(cellText("第一行\n第二行")).toBe("第一行\n第二行");
  });

  it("spots ID numbers Excel has turned into floating point", () => {
    expect(isScientificIdNumber(450332199001011260)).toBe(true);
    expect(isScientificIdNumber("4.50332E+17")).toBe(true);
    expect(isScientificIdNumber("4.50332199001011E+17")).toBe(true);
    expect(isScientificIdNumber(450332800101001)).toBe(false);
    expect(isScientificIdNumber("450332199001011234")).toBe(false);
  });

  it.each([
    [45000, "2023-03-15"],
    [new Date(Date.UTC(2024, 2, 5)), "2024-03-05"],
    ["2024-03-05", "2024-03-05"],
    ["2024/3/5", "2024-03-05"],
    ["2024.3.5", "2024-03-05"],
    ["2024年3月5日", "2024-03-05"],
    ["20240305", "2024-03-05"],
    ["2024年3月", "2024-03-01"],
    ["45000", "2023-03-15"],
  ] as const)("reads the date %s", (cell, iso) => {
    expect(cellDate(cell)).toBe(iso);
  });

  it("refuses dates that do not exist", () => {
    expect(cellDate("2023-02-29")).toBeUndefined();
    expect(cellDate("明年")).toBeUndefined();
    expect(cellDate(12)).toBeUndefined();
  });

  it("numbers columns like Excel", () => {
    expect(columnNumber("A")).toBe(1);
    expect(columnNumber("Z")).toBe(26);
    expect(columnNumber("AA")).toBe(27);
  });
});

describe("merged cells", () => {
  it("gives every covered cell the value of the merge's top-left cell", () => {
    const filler = new MergeFiller([
      { top: 3, left: 2, bottom: 5, right: 2 },
      { top: 1, left: 1, bottom: 1, right: 4 },
    ]);
    const rows = [
      [null, "台账", null, null, null],
      [null, "序号", "户编号", "姓名", null],
      [null, 1, "H1", "甲", null],
      [null, 2, null, "乙", null],
      [null, 3, null, "丙", null],
      [null, 4, "H2", "丁", null],
    ];
    rows.forEach((values, i) => filler.apply(i + 1, values));
    expect(rows.map((r) => r[2])).toEqual(["台账", "户编号", "H1", "H1", "H1", "H2"]);
    expect(rows[0]).toEqual([null, "台账", "台账", "台账", "台账"]);
  });

  it("applies a merge whose top row is missing as blank", () => {
    const filler = new MergeFiller([{ top: 2, left: 1, bottom: 3, right: 1 }]);
    const values = [null, "x"];
    filler.apply(3, values);
    expect(values[1]).toBeNull();
  });
});
