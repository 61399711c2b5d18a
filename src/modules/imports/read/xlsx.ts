import { createReadStream } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import ExcelJS from "exceljs";
import { fromExcelValue, type Cell } from "./cells";
import { MergeFiller } from "./merges";
import { scanSheet, type SheetScan } from "./sheet-scan";
import type { RawRow, RowSource } from "./source";
import { fileUnreadable } from "./unreadable";
import { workbookSheets, type SheetInfo } from "./workbook";
import { listZipEntries, openZipEntry, type ZipEntry } from "./zip";

/** Decodes a byte stream to text with a StringDecoder, which keeps a character cut by a chunk end for the next chunk. */
async function* utf8Text(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder("utf8");
  for await (const chunk of chunks) {
    const text = typeof chunk === "string" ? chunk : decoder.write(chunk);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

type ReaderInternals = {
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: AsyncIterable<Buffer>, sheetNo: string): Generator<unknown>;
};

/**
 * exceljs's streaming reader decodes every decompressed chunk on its own (lib/utils/parse-sax.js),
 * so a Chinese character cut by a chunk end becomes "��" (exceljs issues #2084, #2063; fixes
 * unmerged as of 4.4.0): about one row in 2,000 of a Chinese ledger. Its parser passes strings
 * through untouched, so we hand it text decoded across chunk ends instead of bytes.
 */
class Utf8SafeWorkbookReader extends ExcelJS.stream.xlsx.WorkbookReader {}
const internals = Utf8SafeWorkbookReader.prototype as unknown as ReaderInternals;
const base = ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as ReaderInternals;
internals._parseSharedStrings = function (this: ReaderInternals, entry) {
  entry.setEncoding("utf8");
  return base._parseSharedStrings.call(this, entry);
};
internals._parseWorksheet = function (this: ReaderInternals, iterator, sheetNo) {
  return base._parseWorksheet.call(this, utf8Text(iterator) as AsyncIterable<never>, sheetNo);
};

const NOT_XLSX = () => fileUnreadable("文件已损坏或不是有效的 .xlsx 文件，请用 Excel 或 WPS 打开后另存为 .xlsx 再导入", "not a readable XLSX file");

/** Worksheet parts: sheet names, merged ranges and row counts, read before the row stream starts. */
async function prescan(path: string): Promise<{ sheets: SheetInfo[]; scans: Map<string, SheetScan> }> {
  let entries: Map<string, ZipEntry>;
  try {
    entries = await listZipEntries(path);
  } catch {
    throw NOT_XLSX();
  }
  const sheets = (await workbookSheets(path, entries)).filter((s) => !s.hidden && entries.has(s.part));
  if (sheets.length === 0) throw NOT_XLSX();
  const scans = new Map<string, SheetScan>();
  for (const s of sheets) {
    const scan = await scanSheet(await openZipEntry(path, entries.get(s.part)!));
    if (scan.prefixedRows) {
      throw fileUnreadable(
        "该文件由其他软件导出，格式与 Excel 不兼容，请用 Excel 或 WPS 打开后另存为 .xlsx 再导入",
        "worksheet XML uses namespace-prefixed elements (OpenXML SDK); re-save it in Excel or WPS",
      );
    }
    scans.set(s.part, scan);
  }
  return { sheets, scans };
}

/**
 * Streams every visible sheet's rows with exceljs's WorkbookReader (never the whole workbook
 * in memory). Merged ranges, which the streaming reader ignores, come from the prescan and are
 * applied to each row as it passes (see MergeFiller). Cells keep their XLSX types; styles are
 * not read, so a date cell arrives as its serial number (cellDate understands both).
 */
export async function openXlsx(path: string): Promise<RowSource> {
  const { sheets, scans } = await prescan(path);
  const totalRows = [...scans.values()].reduce((n, s) => n + s.lastRow, 0);
  let done = 0;
  const stream = createReadStream(path);

  async function* rows(): AsyncGenerator<RawRow> {
    const reader = new Utf8SafeWorkbookReader(stream, {
      worksheets: "emit", sharedStrings: "cache", styles: "ignore", hyperlinks: "ignore", entries: "ignore",
    });
    try {
      for await (const ws of reader) {
        const w = ws as unknown as { id: string | number; name: string };
        const sheet = sheets.find((s) => s.name === w.name) ?? sheets.find((s) => s.part === `xl/worksheets/sheet${w.id}.xml`);
        if (!sheet) continue;
        const filler = new MergeFiller(scans.get(sheet.part)?.merges ?? []);
        let last = 0;
        for await (const row of ws) {
          const source = row.values as unknown[];
          const values: Cell[] = new Array(source.length);
          for (let c = 1; c < source.length; c++) values[c] = fromExcelValue(source[c]);
          filler.apply(row.number, values);
          done += row.number - last;
          last = row.number;
          yield { sheet: sheet.name, rowNumber: row.number, values };
        }
      }
    } catch (err) {
      if ((err as { code?: string }).code === "IMPORT_FILE_UNREADABLE") throw err;
      throw fileUnreadable(`文件读取中断：.xlsx 内容已损坏（${String((err as Error).message).slice(0, 80)}）`, `XLSX stream failed: ${(err as Error).message}`);
    } finally {
      stream.destroy();
    }
  }

  return {
    format: "xlsx",
    encoding: null,
    sheetCount: sheets.length,
    rows: rows(),
    progress: () => (totalRows > 0 ? Math.min(1, done / totalRows) : 0),
    close: () => stream.destroy(),
  };
}
