import { once } from "node:events";
import type { WriteStream } from "node:fs";
import ExcelJS from "exceljs";
import { privateWriteStream } from "../../lib/private-files";

export type Outcome = "created" | "updated" | "unchanged" | "rejected";

export const OUTCOME_LABEL: Record<Outcome, string> = {
  created: "新增",
  updated: "更新",
  unchanged: "无变化",
  rejected: "未导入",
};

export interface RowRef {
  sheet: string | null;
  rowNumber: number;
}

export interface RowResult extends RowRef {
  outcome: Outcome;
  /** Why a row was rejected, or a remark on an accepted one; "" when there is nothing to say. */
  reason: string;
  name: string;
  /** Masked (450332********1234): the result file never holds a full ID number. */
  idMasked: string;
}

export interface ResultSummary {
  counts: Record<Outcome, number>;
  /** Extra lines for the summary sheet, [label, value]. */
  lines: [string, string][];
}

/** Where per-row results go while an import runs: the stored XLSX, and a CLI's --out file. */
export interface ResultSink {
  add(rows: RowResult[]): Promise<void>;
  close(summary: ResultSummary): Promise<void>;
  /** Drops a half-written file after a failure. */
  abort(): Promise<void>;
}

export const RESULT_HEADER = ["行号", "结果", "原因", "姓名", "身份证号", "工作表"];

const cells = (r: RowResult) => [
  r.rowNumber,
  OUTCOME_LABEL[r.outcome],
  r.reason,
  r.name,
  r.idMasked,
  r.sheet ?? "",
];

/** XLSX written row by row (exceljs streaming writer, to a new 0600 file): sheet 导入结果, then sheet 汇总. */
export function xlsxResultSink(path: string): ResultSink {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: privateWriteStream(path),
    useStyles: false,
    useSharedStrings: false,
  });
  const ws = wb.addWorksheet("导入结果");
  ws.columns = [
    { width: 8 },
    { width: 10 },
    { width: 60 },
    { width: 12 },
    { width: 22 },
    { width: 12 },
  ];
  ws.addRow(RESULT_HEADER).commit();
  return {
    async add(rows) {
      for (const r of rows) ws.addRow(cells(r)).commit();
    },
    async close(summary) {
      ws.commit();
      const sum = wb.addWorksheet("汇总");
      sum.columns = [{ width: 16 }, { width: 60 }];
      for (const o of Object.keys(OUTCOME_LABEL) as Outcome[])
        sum.addRow([OUTCOME_LABEL[o], summary.counts[o]]).commit();
      for (const line of summary.lines) sum.addRow(line).commit();
      sum.commit();
      await wb.commit();
    },
    async abort() {
      await wb.commit().catch(() => {});
    },
  };
}

const csvField = (v: unknown) => {
  const s = String(v ?? "");
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** UTF-8 CSV with a BOM, so that Excel on Chinese Windows opens it without garbling. Mode 0600, like every result. */
export function csvResultSink(path: string): ResultSink {
  const out: WriteStream = privateWriteStream(path, true);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, "drain");
  };
  const ready = write(`\uFEFF${RESULT_HEADER.join(",")}\r\n`);
  return {
    async add(rows) {
      await ready;
      await write(rows.map((r) => `${cells(r).map(csvField).join(",")}\r\n`).join(""));
    },
    async close() {
      await ready;
      out.end();
      await once(out, "finish");
    },
    async abort() {
      out.destroy();
    },
  };
}
