import { randomBytes, randomInt } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { idCheckChar } from "../../../src/lib/id-number";

/** Test ledgers are generated here, per run; never committed. */
export const FIXTURE_DIR = resolve(".data/test-imports");
mkdirSync(FIXTURE_DIR, { recursive: true });

export const fixturePath = (ext: string) =>
  join(FIXTURE_DIR, `${randomBytes(6).toString("hex")}.${ext}`);

const issued = new Set<string>();

/** A valid, checksummed ID number of a working-age person, issued in `county`; never the same twice in a run. */
export function idNumber(county = "450332", sex: "male" | "female" = "male"): string {
  for (;;) {
    const id = randomIdNumber(county, sex);
    if (!issued.has(id)) {
      issued.add(id);
      return id;
    }
  }
}

function randomIdNumber(county: string, sex: "male" | "female"): string {
  const y = 1970 + randomInt(30);
  const birth = `${y}${String(1 + randomInt(12)).padStart(2, "0")}${String(1 + randomInt(28)).padStart(2, "0")}`;
  const seq = randomInt(500) * 2 + (sex === "male" ? 1 : 0);
  const first17 = `${county}${birth}${String(seq).padStart(3, "0")}`;
  return first17 + idCheckChar(first17);
}

export const mobile = () => `139${String(randomInt(1e8)).padStart(8, "0")}`;
export const householdNo = () => `T${randomBytes(6).toString("hex").toUpperCase()}`;

type Cell = string | number | null;

export interface SheetSpec {
  name?: string;
  /** Rows above the header, e.g. a title merged across the table. */
  title?: string[];
  header: string[];
  rows: Cell[][];
  /** A1 ranges, e.g. "B4:B6". */
  merges?: string[];
}

/** An XLSX as Excel writes it (exceljs), sheets in order. */
export async function writeXlsx(sheets: SheetSpec[], path = fixturePath("xlsx")): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name ?? "Sheet1");
    for (const t of s.title ?? []) ws.addRow([t]);
    ws.addRow(s.header);
    for (const r of s.rows) ws.addRow(r);
    for (const m of s.merges ?? []) ws.mergeCells(m);
  }
  await wb.xlsx.writeFile(path);
  return path;
}

const csvField = (v: Cell) => {
  const s = v === null ? "" : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** A CSV as Excel/WPS saves it: UTF-8 with or without BOM, or GBK. */
export function writeCsv(
  lines: Cell[][],
  encoding: "utf8" | "utf8-bom" | "gbk",
  path = fixturePath("csv"),
): string {
  const text = `${lines.map((l) => l.map(csvField).join(",")).join("\r\n")}\r\n`;
  const bytes =
    encoding === "gbk"
      ? iconv.encode(text, "gbk")
      : Buffer.concat([
          encoding === "utf8-bom" ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0),
          Buffer.from(text, "utf8"),
        ]);
  writeFileSync(path, bytes);
  return path;
}

/** Reads a result XLSX's first sheet back as [行号, 结果, 原因, 姓名, 身份证号, 工作表] rows. */
export async function readResult(source: string | Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  if (typeof source === "string") await wb.xlsx.readFile(source);
  else await wb.xlsx.load(source as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const out: string[][] = [];
  ws.eachRow((row) => {
    const values = row.values as unknown[];
    out.push(
      Array.from({ length: 6 }, (_, i) =>
        values[i + 1] === null || values[i + 1] === undefined ? "" : String(values[i + 1]),
      ),
    );
  });
  return out;
}

/** 恭城瑶族自治县 (450332) villages from the reference data every test database carries. */
export const GONGCHENG = "450332";
export const ZHOUTANG = { code: "450332100200", name: "洲塘村" };
export const MENLOU = { code: "450332100201", name: "门楼村" };
/** 全州县 (450324): another county, for scope tests. */
export const QUANZHOU = "450324";
export const DAPING = { code: "450324110210", name: "大坪村" };

export const HEADER = [
  "序号",
  "户编号",
  "姓名",
  "公民身份号码",
  "与户主关系",
  "联系电话",
  "人口类型",
  "劳动能力",
  "务工意愿",
  "所在村",
];
