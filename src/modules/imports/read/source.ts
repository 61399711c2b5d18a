import { open } from "node:fs/promises";
import type { Cell } from "./cells";
import { openCsv } from "./csv";
import { fileUnreadable } from "./unreadable";
import { openXlsx } from "./xlsx";

/** One spreadsheet row as the file holds it: 1-based columns, the row number a person sees. */
export interface RawRow {
  /** Worksheet name; null for CSV. */
  sheet: string | null;
  rowNumber: number;
  values: Cell[];
}

export interface RowSource {
  format: "xlsx" | "csv";
  /** CSV only: utf-8, gb18030 or utf-16le. */
  encoding: string | null;
  sheetCount: number;
  rows: AsyncIterable<RawRow>;
  /** 0 … 1, from rows (XLSX) or bytes (CSV) read so far. */
  progress(): number;
  close(): void;
}

/**
 * Opens a ledger by its content, not its name (people rename .csv to .xlsx and back):
 * a ZIP is XLSX, an OLE2 compound file is legacy .xls/.et (refused with the fix), anything
 * else is read as delimited text.
 */
export async function openRowSource(path: string): Promise<RowSource> {
  const fh = await open(path, "r").catch(() => {
    throw fileUnreadable("找不到上传的文件", `file not found: ${path}`);
  });
  const magic = Buffer.alloc(8);
  let size = 0;
  try {
    size = (await fh.stat()).size;
    await fh.read(magic, 0, 8, 0);
  } finally {
    await fh.close();
  }
  if (size === 0) throw fileUnreadable("文件是空的", "the file is empty");
  if (magic.readUInt32LE(0) === 0x04034b50) return openXlsx(path);
  if (magic.readUInt32BE(0) === 0xd0cf11e0) {
    throw fileUnreadable(
      "不支持旧版 .xls / .et 格式，请在 Excel 或 WPS 中“另存为” .xlsx 或 CSV 后再导入",
      "legacy .xls/.et (OLE2) workbooks are not supported; save as .xlsx or CSV",
    );
  }
  return openCsv(path, size);
}
