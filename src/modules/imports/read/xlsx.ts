import type { Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import type { Cell } from "./cells";
import { MergeFiller } from "./merges";
import { type SheetScan, scanSheet } from "./sheet-scan";
import { SharedStringsParser, SheetRowParser } from "./sheet-xml";
import type { RawRow, RowSource } from "./source";
import { fileUnreadable } from "./unreadable";
import { type SheetInfo, workbookParts } from "./workbook";
import { listZipEntries, openZipEntry, type ZipEntry } from "./zip";

/**
 * A ZIP entry as text, decoded with a StringDecoder, which keeps a character cut by a chunk end
 * for the next chunk (exceljs's streaming reader decoded each chunk on its own, so a Chinese
 * character cut there became "��": exceljs issues #2084, #2063).
 */
async function* entryText(stream: Readable): AsyncGenerator<string> {
  const decoder = new StringDecoder("utf8");
  for await (const chunk of stream) {
    const text = decoder.write(chunk as Buffer);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

const NOT_XLSX = () =>
  fileUnreadable(
    "文件已损坏或不是有效的 .xlsx 文件，请用 Excel 或 WPS 打开后另存为 .xlsx 再导入",
    "not a readable XLSX file",
  );

interface Prescan {
  entries: Map<string, ZipEntry>;
  sheets: SheetInfo[];
  sharedStrings: string | undefined;
  scans: Map<string, SheetScan>;
}

/** Worksheet parts: sheet names, merged ranges and row counts, read before the row stream starts. */
async function prescan(path: string): Promise<Prescan> {
  try {
    return await prescanParts(path);
  } catch (err) {
    // A broken ZIP, a part that fails to inflate or its CRC check: the file is damaged.
    if ((err as { code?: string }).code === "IMPORT_FILE_UNREADABLE") throw err;
    throw NOT_XLSX();
  }
}

async function prescanParts(path: string): Promise<Prescan> {
  const entries = await listZipEntries(path);
  const parts = await workbookParts(path, entries);
  const sheets = parts.sheets.filter((s) => !s.hidden && entries.has(s.part));
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
  return { entries, sheets, sharedStrings: parts.sharedStrings, scans };
}

/**
 * Streams every visible sheet's rows, in tab order, straight from the ZIP (read/zip.ts) with a
 * scanner for `<row>`/`<c>` elements (read/sheet-xml.ts): one sheet's XML is never held whole,
 * only the piece being scanned. The shared-strings table (the file's distinct texts) is read
 * first and kept, as every XLSX reader must. Merged ranges come from the prescan and are applied
 * to each row as it passes (see MergeFiller). Cells keep their XLSX types; styles are not read,
 * so a date cell arrives as its serial number (cellDate understands both).
 */
export async function openXlsx(path: string): Promise<RowSource> {
  const { entries, sheets, sharedStrings, scans } = await prescan(path);
  const totalRows = [...scans.values()].reduce((n, s) => n + s.lastRow, 0);
  let done = 0;
  let current: Readable | undefined;
  let closed = false;

  async function* rows(): AsyncGenerator<RawRow> {
    try {
      const shared = new SharedStringsParser();
      if (sharedStrings) {
        current = await openZipEntry(path, entries.get(sharedStrings)!);
        for await (const text of entryText(current)) shared.push(text);
      }
      for (const sheet of sheets) {
        if (closed) return;
        const filler = new MergeFiller(scans.get(sheet.part)?.merges ?? []);
        const parser = new SheetRowParser(shared.strings);
        let last = 0;
        current = await openZipEntry(path, entries.get(sheet.part)!);
        for await (const text of entryText(current)) {
          for (const row of parser.push(text)) {
            const values: Cell[] = row.values;
            filler.apply(row.rowNumber, values);
            done += Math.max(0, row.rowNumber - last);
            last = row.rowNumber;
            yield { sheet: sheet.name, rowNumber: row.rowNumber, values };
          }
        }
        parser.end();
      }
    } catch (err) {
      if ((err as { code?: string }).code === "IMPORT_FILE_UNREADABLE") throw err;
      throw fileUnreadable(
        `文件读取中断：.xlsx 内容已损坏（${String((err as Error).message).slice(0, 80)}）`,
        `XLSX stream failed: ${(err as Error).message}`,
      );
    } finally {
      current?.destroy();
    }
  }

  return {
    format: "xlsx",
    encoding: null,
    sheetCount: sheets.length,
    rows: rows(),
    progress: () => (totalRows > 0 ? Math.min(1, done / totalRows) : 0),
    close: () => {
      closed = true;
      current?.destroy();
    },
  };
}
