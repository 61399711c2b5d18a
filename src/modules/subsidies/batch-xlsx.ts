import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { fenToYuan } from "../../lib/money";

/**
 * The bank payroll (代发) layout: one sheet, a header row, one row per payee, a total row. Every
 * cell is text (ID and account numbers would lose digits as numbers; amounts are formatted from
 * integer fen, never a float). The bank's return file is the same layout with three columns
 * added (RETURN_COLUMNS); reconcile.ts reads it back as XLSX or CSV.
 */
export const EXPORT_COLUMNS = [
  "序号",
  "业务编号",
  "姓名",
  "身份证号",
  "账户类型",
  "账号",
  "金额（元）",
  "用途",
] as const;
export const RETURN_COLUMNS = ["结果", "失败原因", "银行流水号"] as const;
export const SHEET_NAME = "代发明细";

export const ACCOUNT_TYPE_LABEL: Record<string, string> = {
  bank_card: "银行卡",
  social_security_card: "社会保障卡",
};

export interface BatchRow {
  seq: number;
  itemId: string;
  name: string;
  idNumber: string;
  accountType: string | null;
  account: string;
  amountFen: number;
}

export function rowCells(r: BatchRow, purpose: string): string[] {
  return [
    String(r.seq),
    r.itemId,
    r.name,
    r.idNumber,
    ACCOUNT_TYPE_LABEL[r.accountType ?? ""] ?? "",
    r.account,
    fenToYuan(r.amountFen),
    purpose,
  ];
}

/** The whole file in memory (20,000 rows are a few MB), written by exceljs's streaming writer. */
export async function writeBatchXlsx(input: {
  purpose: string;
  totalFen: number;
  rows: BatchRow[];
}): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((ok, fail) => {
    sink.on("end", ok);
    sink.on("error", fail);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: sink,
    useStyles: false,
    useSharedStrings: false,
  });
  const ws = wb.addWorksheet(SHEET_NAME);
  ws.addRow([...EXPORT_COLUMNS]).commit();
  for (const r of input.rows) ws.addRow(rowCells(r, input.purpose)).commit();
  ws.addRow([
    "合计",
    "",
    "",
    "",
    "",
    `${input.rows.length} 笔`,
    fenToYuan(input.totalFen),
    "",
  ]).commit();
  ws.commit();
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}
