import { readFileSync, writeFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { AppError } from "../../../src/lib/errors";
import { type Cell, fromExcelValue } from "../../../src/modules/imports/read/cells";
import { type LedgerRow, openLedger } from "../../../src/modules/imports/read/ledger";
import { openRowSource } from "../../../src/modules/imports/read/source";
import { fixturePath, idNumber, writeCsv, writeXlsx } from "./fixtures";

async function readAll(path: string) {
  const ledger = await openLedger(path);
  const rows: LedgerRow[] = [];
  for await (const r of ledger.rows) rows.push(r);
  return { ledger, rows };
}

async function unreadable(path: string): Promise<AppError> {
  const err = await readAll(path).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe("IMPORT_FILE_UNREADABLE");
  return err as AppError;
}

describe("XLSX ledgers", () => {
  it("finds the header under a merged title row and carries merged 户编号 down to every member", async () => {
    const [a, b, c] = [idNumber(), idNumber(), idNumber()];
    const path = await writeXlsx([
      {
        name: "台账",
        title: ["恭城县脱贫人口劳动力台账", "填报单位：恭城镇"],
        header: ["序号", "户编号", "姓名", "公民身份号码", "所在村"],
        rows: [
          [1, "H001", "莫振华", a, "洲塘村"],
          [2, null, "李秀英", b, null],
          [3, "H002", "赵六", c, "门楼村"],
        ],
        merges: ["A1:E1", "B4:B5", "E4:E5"],
      },
    ]);
    const { ledger, rows } = await readAll(path);
    expect(ledger.format).toBe("xlsx");
    expect(ledger.headers).toEqual([
      {
        sheet: "台账",
        rowNumber: 3,
        fields: ["householdNo", "name", "idNumber", "village"],
        ignored: ["序号"],
      },
    ]);
    expect(rows.map((r) => [r.rowNumber, r.cells.householdNo, r.cells.village])).toEqual([
      [4, "H001", "洲塘村"],
      [5, "H001", "洲塘村"],
      [6, "H002", "门楼村"],
    ]);
  });

  it("keeps an ID number typed as a number as a number, so that the rounding is caught", async () => {
    const path = await writeXlsx([
      { header: ["姓名", "身份证号"], rows: [["莫振华", 450332199001011234]] },
    ]);
    const { rows } = await readAll(path);
    expect(typeof rows[0]!.cells.idNumber).toBe("number");
  });

  it("reads every sheet with a header and skips the others (instructions, option lists)", async () => {
    const path = await writeXlsx([
      { name: "填表说明", header: ["说明：身份证号请设为文本格式"], rows: [["每户一行户主"]] },
      { name: "恭城镇", header: ["姓名", "身份证号"], rows: [["甲", idNumber()]] },
      {
        name: "栗木镇",
        header: ["证件号码", "姓名"],
        rows: [
          [idNumber(), "乙"],
          [idNumber(), "丙"],
        ],
      },
    ]);
    const { ledger, rows } = await readAll(path);
    expect(rows.map((r) => [r.sheet, r.rowNumber, r.cells.name])).toEqual([
      ["恭城镇", 2, "甲"],
      ["栗木镇", 2, "乙"],
      ["栗木镇", 3, "丙"],
    ]);
    expect(ledger.skippedSheets).toEqual(["填表说明"]);
  });

  it("skips blank rows and a header repeated further down", async () => {
    const path = await writeXlsx([
      {
        header: ["姓名", "身份证号"],
        rows: [
          ["甲", idNumber()],
          [null, null],
          ["姓名", "身份证号"],
          ["乙", idNumber()],
        ],
      },
    ]);
    const { rows } = await readAll(path);
    expect(rows.map((r) => [r.rowNumber, r.cells.name])).toEqual([
      [2, "甲"],
      [5, "乙"],
    ]);
  });

  it("refuses a workbook without an ID-number column", async () => {
    const path = await writeXlsx([{ header: ["姓名", "电话"], rows: [["甲", "13812345678"]] }]);
    expect((await unreadable(path)).message).toMatch(/未找到表头/);
  });

  it("refuses a truncated file", async () => {
    const full = readFileSync(
      await writeXlsx([{ header: ["姓名", "身份证号"], rows: [["甲", idNumber()]] }]),
    );
    const path = fixturePath("xlsx");
    writeFileSync(path, full.subarray(0, Math.floor(full.length / 2)));
    expect((await unreadable(path)).message).toMatch(/损坏|xlsx/);
  });

  it("refuses a workbook whose sheet fails its CRC check", async () => {
    const full = readFileSync(
      await writeXlsx([{ header: ["姓名", "身份证号"], rows: [["甲", idNumber()]] }]),
    );
    // Flip the CRC-32 the central directory declares for the sheet: the bytes inflate fine, but
    // they are not the bytes that were written.
    const name = Buffer.from("xl/worksheets/sheet1.xml");
    const cenSig = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
    let cen = full.indexOf(cenSig);
    while (cen >= 0 && !full.subarray(cen + 46, cen + 46 + name.length).equals(name)) {
      cen = full.indexOf(cenSig, cen + 4);
    }
    expect(cen).toBeGreaterThan(0);
    full.writeUInt32LE(full.readUInt32LE(cen + 16) ^ 0xffffffff, cen + 16);
    const path = fixturePath("xlsx");
    writeFileSync(path, full);
    expect((await unreadable(path)).message).toMatch(/损坏|xlsx/);
  });

  it("refuses a legacy .xls and says how to fix it", async () => {
    const path = fixturePath("xls");
    writeFileSync(
      path,
      Buffer.concat([
        Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
        Buffer.alloc(512),
      ]),
    );
    expect((await unreadable(path)).message).toMatch(/另存为.*xlsx/);
  });
});

describe("CSV ledgers", () => {
  const lines = (id: string) => [
    ["恭城县台账（CSV）"],
    ["姓名", "身份证号", "技能特长", "所在村"],
    ["莫振华", id, "电焊,家政\n砌筑", "洲塘村"],
    ["李秀英", idNumber(), "", "门楼村"],
  ];

  it.each([
    "utf8",
    "utf8-bom",
    "gbk",
  ] as const)("reads %s with a title row and a quoted field holding a comma and a line break", async (encoding) => {
    const id = idNumber();
    const { ledger, rows } = await readAll(writeCsv(lines(id), encoding));
    expect(ledger.format).toBe("csv");
    expect(ledger.encoding).toBe(encoding === "gbk" ? "gb18030" : "utf-8");
    expect(ledger.headers[0]).toMatchObject({ sheet: null, rowNumber: 2 });
    expect(rows.map((r) => [r.rowNumber, r.cells.name, r.cells.idNumber, r.cells.skills])).toEqual([
      [3, "莫振华", id, "电焊,家政\n砌筑"],
      [4, "李秀英", expect.any(String), ""],
    ]);
  });

  it("refuses a file cut inside a quoted field", async () => {
    const path = fixturePath("csv");
    writeFileSync(path, `姓名,身份证号\n甲,${idNumber()}\n"乙,${idNumber()}\n`);
    expect((await unreadable(path)).message).toMatch(/引号未闭合/);
  });
});

describe("Chinese text across stream chunks", () => {
  it("never splits a character where a decompressed chunk ends (exceljs issue #2084)", async () => {
    const han = (i: number) =>
      Array.from({ length: 24 }, (_, k) =>
        String.fromCharCode(0x4e00 + ((i * 31 + k * 7) % 20000)),
      ).join("");
    const rows = Array.from({ length: 4_000 }, (_, i) => [han(i), idNumber(), `${han(i + 1)}村`]);
    // Shared strings (Excel's way) and inline strings in the sheet itself (some exporters').
    const inline = fixturePath("xlsx");
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: inline,
      useSharedStrings: false,
    });
    const ws = writer.addWorksheet("台账");
    ws.addRow(["姓名", "身份证号", "所在村"]).commit();
    for (const r of rows) ws.addRow(r).commit();
    ws.commit();
    await writer.commit();
    for (const path of [
      await writeXlsx([{ header: ["姓名", "身份证号", "所在村"], rows }]),
      inline,
    ]) {
      const { rows: read } = await readAll(path);
      expect(read).toHaveLength(4_000);
      const bad = read.filter(
        (r, i) => r.cells.name !== rows[i]![0] || r.cells.village !== rows[i]![2],
      );
      expect(bad.map((r) => r.rowNumber)).toEqual([]);
    }
  });
});

describe("the XLSX scanner", () => {
  it("reads every cell as exceljs does: text, rich text, numbers, dates as serials, booleans, formulas, hyperlinks, errors", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("台账");
    ws.addRow(["姓名", "身份证号", "期望月薪", "务工时间", "是否易地搬迁", "备注"]);
    ws.addRow([
      "莫振华",
      "450332199001011234",
      3500,
      new Date(Date.UTC(2024, 2, 5)),
      true,
      { richText: [{ text: "洲塘" }, { font: { bold: true }, text: "村" }] },
    ]);
    ws.addRow([
      'A&B <c> "d"',
      450332199001011234,
      3500.5,
      "2024年3月",
      false,
      { formula: 'B3&"x"', result: "4503x" },
    ]);
    ws.addRow([
      { text: "链接", hyperlink: "https://example.com" },
      { formula: "1+1", result: 2 },
      { error: "#N/A" },
      null,
      "  空格  ",
      "",
    ]);
    ws.getCell("H6").value = "远处的格子";
    const path = fixturePath("xlsx");
    await wb.xlsx.writeFile(path);

    const expected = new ExcelJS.Workbook();
    await expected.xlsx.readFile(path);
    const want: [number, Cell[]][] = [];
    expected.worksheets[0]!.eachRow({ includeEmpty: false }, (row) => {
      const values = (row.values as unknown[]).map((v) =>
        v instanceof Date ? v : fromExcelValue(v),
      );
      want.push([row.number, values]);
    });
    const source = await openRowSource(path);
    const got: [number, Cell[]][] = [];
    for await (const r of source.rows) got.push([r.rowNumber, r.values]);
    // exceljs's full reader applies the date style; the streaming readers give the serial (styles ignored).
    const serial = (d: Date) => d.getTime() / 86_400_000 + 25_569;
    const norm = (rows: [number, Cell[]][]) =>
      rows.map(([n, v]) => [
        n,
        Array.from(v, (c) => (c instanceof Date ? serial(c) : (c ?? null))),
      ]);
    expect(norm(got)).toEqual(norm(want));
  });
});
